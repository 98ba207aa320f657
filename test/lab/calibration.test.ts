import t from 'tap'
import { join } from 'node:path'
import { buildApp } from '../helper.js'
import { loadLabContent } from '../../src/lab/content.js'
import { PROJECT_ROOT } from '../../src/paths.js'

/**
 * content/lab/calibration.yaml quotes the backtest of the embedded synthetic league (SPEC §13.3,
 * §13.6). Every figure it quotes is recomputed here from GET /api/v2/leagues/synthetic/backtest,
 * so the text cannot drift from the model: when the fit changes, this fails and names the figure.
 */
const catalog = loadLabContent(join(PROJECT_ROOT, 'content', 'lab'))
const calibration = catalog.modules.find((m) => m.module_id === 'calibration')
const text = (calibration?.sections ?? []).map((s) => s.body).join(' ').replace(/\s+/g, ' ')
const section = (id: string) => (calibration?.sections.find((s) => s.section_id === id)?.body ?? '').replace(/\s+/g, ' ')

interface Bin { bin_lower: number, count: number, mean_predicted: number | null, observed: number | null, ci_lower: number | null, ci_upper: number | null }
interface Scores { rps: number, brier: number, log_loss: number }

const pct = (p: number | null) => `${((p as number) * 100).toFixed(1)}%`
const score = (s: Scores) => `${s.rps.toFixed(4)} | ${s.brier.toFixed(4)} | ${s.log_loss.toFixed(4)}`

t.test('the calibration module quotes the synthetic league\'s backtest as the API computes it', async (t) => {
  t.ok(calibration, 'the module exists')
  t.match(calibration, { cost_tokens: 3, prerequisites: ['rating-uncertainty'] })
  const { app } = await buildApp(t)
  const res = await app.inject({ url: '/api/v2/leagues/synthetic/backtest' })
  t.equal(res.statusCode, 200)
  const backtest = res.json() as { n: number, from: string, model: Scores, baselines: { uniform: Scores, base_rates: Scores }, reliability: Record<'home' | 'draw' | 'away', Bin[]>, ece: Record<'home' | 'draw' | 'away', number> }

  const quoted = (where: string, figure: string, body = text) => t.ok(body.includes(figure), `${where}: "${figure}" is in the text`)
  quoted('matches predicted', `**${backtest.n}** predicted matches from ${backtest.from}`)
  quoted('matches in the scores', `same ${backtest.n} matches`)
  const [b60, b70] = [6, 7].map((i) => backtest.reliability.home[i])
  t.match(b60, { bin_lower: 0.6 })
  quoted('home 60–70 %: count', `holds **${b60.count}** matches`, section('bins-and-wilson'))
  quoted('home 60–70 %: mean predicted', `mean prediction is **${pct(b60.mean_predicted)}**`)
  quoted('home 60–70 %: observed', `won **${pct(b60.observed)}** of them (${Math.round((b60.observed as number) * b60.count)} of ${b60.count})`)
  quoted('home 60–70 %: Wilson interval', `from **${pct(b60.ci_lower)}** to **${pct(b60.ci_upper)}**`)
  t.ok((b60.mean_predicted as number) >= (b60.ci_lower as number) && (b60.mean_predicted as number) <= (b60.ci_upper as number), 'the text says the prediction lies inside the interval')
  quoted('home 70–80 %', `**${b70.count}** matches, mean prediction **${pct(b70.mean_predicted)}**, observed **${pct(b70.observed)}**, interval **${pct(b70.ci_lower)}** to **${pct(b70.ci_upper)}**`)
  quoted('ECE', `**${backtest.ece.home.toFixed(3)}** for home wins, **${backtest.ece.draw.toFixed(3)}** for draws and **${backtest.ece.away.toFixed(3)}** for away wins`)
  quoted('model scores', `| the model | ${score(backtest.model)} |`)
  quoted('uniform scores', `| uniform thirds | ${score(backtest.baselines.uniform)} |`)
  quoted('base-rate scores', `| base rates of earlier matches | ${score(backtest.baselines.base_rates)} |`)
  for (const key of ['rps', 'brier', 'log_loss'] as const) {
    t.ok(backtest.model[key] < backtest.baselines.uniform[key] && backtest.model[key] < backtest.baselines.base_rates[key], `"the model beats both baselines" holds for ${key}`)
  }
  const quiz = calibration?.quiz.find((q) => q.question_id === 'wilson-inside')?.prompt ?? ''
  quoted('quiz: the bin', `${b60.count} matches has a mean prediction of ${pct(b60.mean_predicted)}, an observed frequency of ${pct(b60.observed)}`, quiz.replace(/\s+/g, ' '))
  quoted('quiz: the interval', `${pct(b60.ci_lower)} to ${pct(b60.ci_upper)}`, quiz.replace(/\s+/g, ' '))
})
