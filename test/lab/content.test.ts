import t from 'tap'
import { cpSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { loadLabContent, LabContentError, KEBAB_CASE } from '../../src/lab/content.js'
import { PROJECT_ROOT } from '../../src/paths.js'
import { buildApp, runServerExpectingExit } from '../helper.js'

const SHIPPED = join(PROJECT_ROOT, 'content', 'lab')

t.test('the shipped content: at least 7 modules, 2 free, 4 paid at 2–5 tokens, 3 sections and 3 questions each', async (t) => {
  const { modules } = loadLabContent(SHIPPED)
  t.ok(modules.length >= 7, `${modules.length} modules`)
  t.ok(modules.filter((m) => m.cost_tokens === 0).length >= 2, 'at least 2 free')
  const paid = modules.filter((m) => m.cost_tokens > 0)
  t.ok(paid.length >= 4, 'at least 4 paid')
  t.ok(paid.every((m) => m.cost_tokens >= 2 && m.cost_tokens <= 5), 'paid modules cost 2–5 tokens')
  for (const module of modules) {
    t.ok(module.sections.length >= 3, `${module.module_id}: ≥ 3 sections`)
    t.ok(module.quiz.length >= 3, `${module.module_id}: ≥ 3 questions`)
    t.ok(module.quiz.every((q) => q.explanation.length > 0 && q.choices.length >= 2 && q.choices.length <= 5), `${module.module_id}: choices and explanations`)
    t.ok(['intro', 'core', 'deep'].includes(module.level))
    const ids = [module.module_id, ...module.sections.map((s) => s.section_id), ...module.quiz.flatMap((q) => [q.question_id, ...q.choices.map((c) => c.choice_id)])]
    t.ok(ids.every((id) => new RegExp(KEBAB_CASE).test(id)), `${module.module_id}: kebab-case ids`)
  }
})

t.test('teaching order: every module comes after its prerequisites, intro before core before deep', async (t) => {
  const { modules } = loadLabContent(SHIPPED)
  const position = new Map(modules.map((m, i) => [m.module_id, i]))
  for (const module of modules) {
    for (const prerequisite of module.prerequisites) t.ok((position.get(prerequisite) as number) < (position.get(module.module_id) as number), `${prerequisite} before ${module.module_id}`)
  }
  const levels = modules.map((m) => m.level)
  t.same(levels, [...levels].sort((a, b) => ['intro', 'core', 'deep'].indexOf(a) - ['intro', 'core', 'deep'].indexOf(b)), 'levels ascend')
  t.same(modules.map((m) => m.module_id).slice(0, 2), ['monte-carlo-basics', 'reading-distributions'])
})

t.test('the modules cover every topic the Lab promises', async (t) => {
  const text = loadLabContent(SHIPPED).modules.map((m) => JSON.stringify(m)).join('\n')
  const topics: Record<string, RegExp[]> = {
    'Monte Carlo simulation': [/Monte Carlo/, /iteration/],
    'reading a distribution': [/percentile/i, /median/i, /mean/i, /interquartile|IQR/, /spread/i],
    'Elo ratings and the draw model': [/Elo rating/, /draw band|band of width/i],
    'rating uncertainty': [/rating_uncertainty/, /rating doubt/i],
    'the three scenarios': [/conservative/, /base/, /aggressive/],
    'volatility, data quality, confidence decay': [/volatility_score/, /data_quality_index/, /confidence_decay/],
    'thinking traps': [/gambler's fallacy/i, /small sample/i, /overconfidence/i, /base rate/i]
  }
  for (const [topic, patterns] of Object.entries(topics)) {
    for (const pattern of patterns) t.match(text, pattern, `${topic}: ${pattern.source}`)
  }
})

/** A copy of the shipped content in which `edit` changes one module's parsed YAML. */
function contentWith (dir: string, moduleId: string, edit: (module: any) => void): string {
  const copy = join(dir, 'lab')
  cpSync(SHIPPED, copy, { recursive: true })
  const file = join(copy, `${moduleId}.yaml`)
  const module = parse(readFileSync(file, 'utf8'))
  edit(module)
  writeFileSync(file, stringify(module))
  return copy
}

interface BadCase {
  name: string
  module: string
  edit: (module: any) => void
  pointer: string
  reason: RegExp
}

const BAD_CASES: BadCase[] = [
  { name: 'a missing title', module: 'elo-and-draws', edit: (m) => { delete m.title }, pointer: '/title', reason: /is required/ },
  { name: 'an unknown field', module: 'elo-and-draws', edit: (m) => { m.sections[1].answer = 'b' }, pointer: '/sections/1/answer', reason: /not a recognised field/ },
  { name: 'a level outside intro|core|deep', module: 'elo-and-draws', edit: (m) => { m.level = 'expert' }, pointer: '/level', reason: /intro, core, deep/ },
  { name: 'too few sections', module: 'thinking-traps', edit: (m) => { m.sections = m.sections.slice(0, 2) }, pointer: '/sections', reason: /fewer than 3/ },
  { name: 'a quiz of two questions', module: 'three-scenarios', edit: (m) => { m.quiz = m.quiz.slice(0, 2) }, pointer: '/quiz', reason: /fewer than 3/ },
  { name: 'six choices', module: 'elo-and-draws', edit: (m) => { m.quiz[0].choices.push(...['x', 'y', 'z'].map((id) => ({ choice_id: id, text: id }))) }, pointer: '/quiz/0/choices', reason: /more than 5/ },
  { name: 'an id that is not kebab-case', module: 'elo-and-draws', edit: (m) => { m.sections[0].section_id = 'Ratings_As_Strength' }, pointer: '/sections/0/section_id', reason: /pattern/ },
  { name: 'an invalid try_it body', module: 'elo-and-draws', edit: (m) => { m.sections[0].try_it.home_rating = 9000 }, pointer: '/sections/0/try_it/home_rating', reason: /<= 4000/ },
  { name: 'a try_it without a fixed seed', module: 'elo-and-draws', edit: (m) => { delete m.sections[2].try_it.config }, pointer: '/sections/2/try_it/config/seed', reason: /is required/ },
  { name: 'a price of 1 token', module: 'elo-and-draws', edit: (m) => { m.cost_tokens = 1 }, pointer: '/cost_tokens', reason: /0 \(free\) or 2–5/ },
  { name: 'a price above 5 tokens', module: 'elo-and-draws', edit: (m) => { m.cost_tokens = 6 }, pointer: '/cost_tokens', reason: /<= 5/ },
  { name: 'a right answer that is not a choice', module: 'rating-uncertainty', edit: (m) => { m.quiz[2].correct_choice_id = 'e' }, pointer: '/quiz/2/correct_choice_id', reason: /not one of the question's choice_id/ },
  { name: 'a repeated question id', module: 'rating-uncertainty', edit: (m) => { m.quiz[3].question_id = m.quiz[0].question_id }, pointer: '/quiz/3/question_id', reason: /used twice/ },
  { name: 'a repeated section id', module: 'rating-uncertainty', edit: (m) => { m.sections[1].section_id = m.sections[0].section_id }, pointer: '/sections/1/section_id', reason: /used twice/ },
  { name: 'a repeated choice id', module: 'rating-uncertainty', edit: (m) => { m.quiz[1].choices[2].choice_id = 'a' }, pointer: '/quiz/1/choices/2/choice_id', reason: /used twice/ },
  { name: 'a module id that differs from its file name', module: 'elo-and-draws', edit: (m) => { m.module_id = 'elo-ratings' }, pointer: '/module_id', reason: /file name \(elo-and-draws\)/ },
  { name: 'an unknown prerequisite', module: 'three-scenarios', edit: (m) => { m.prerequisites.push('astrology') }, pointer: '/prerequisites/1', reason: /unknown module "astrology"/ },
  { name: 'a module that requires itself', module: 'three-scenarios', edit: (m) => { m.prerequisites = ['three-scenarios'] }, pointer: '/prerequisites/0', reason: /the module itself/ },
  { name: 'a prerequisite cycle', module: 'monte-carlo-basics', edit: (m) => { m.prerequisites = ['thinking-traps'] }, pointer: '/prerequisites', reason: /cycle: .*monte-carlo-basics.*→/ }
]

for (const bad of BAD_CASES) {
  t.test(`a bad module file is refused with one line naming the file and the field: ${bad.name}`, async (t) => {
    const dir = contentWith(t.testdir(), bad.module, bad.edit)
    const error = t.throws(() => loadLabContent(dir)) as LabContentError
    t.type(error, LabContentError)
    t.notMatch(error.message, /\n/, 'one line')
    t.match(error.message, `lab content ${dir}/`)
    t.match(error.message, /\.yaml: /)
    t.equal(error.pointer, bad.pointer)
    t.match(error.message, `: ${bad.pointer} `)
    t.match(error.message, bad.reason)
  })
}

t.test('a cycle names the modules on it', async (t) => {
  const dir = contentWith(t.testdir(), 'monte-carlo-basics', (m) => { m.prerequisites = ['thinking-traps'] })
  t.throws(() => loadLabContent(dir), { message: /form a cycle: (\S+ → )+\S+$/ })
})

t.test('a file that is not YAML is named with the line of the problem', async (t) => {
  const dir = join(t.testdir(), 'lab')
  cpSync(SHIPPED, dir, { recursive: true })
  writeFileSync(join(dir, 'elo-and-draws.yaml'), 'module_id: elo-and-draws\ntitle: [unclosed\nlevel: core\n')
  t.throws(() => loadLabContent(dir), { message: /^lab content \S+elo-and-draws\.yaml: is not valid YAML at line \d+, column \d+: [^\n]+$/ })
})

t.test('an empty or missing folder is refused; files other than *.yaml are ignored', async (t) => {
  const dir = t.testdir({ 'README.md': '# notes' })
  t.throws(() => loadLabContent(dir), { message: /holds no module file/ })
  t.throws(() => loadLabContent(join(dir, 'nowhere')), { message: /cannot be read \(ENOENT\)/ })
  const copy = join(t.testdir(), 'lab')
  cpSync(SHIPPED, copy, { recursive: true })
  writeFileSync(join(copy, 'README.md'), 'not a module')
  renameSync(join(copy, 'thinking-traps.yaml'), join(copy, 'thinking-traps.yaml.draft'))
  t.equal(loadLabContent(copy).modules.length, loadLabContent(SHIPPED).modules.length - 1)
})

t.test('the service refuses to start on a bad module file, with one line naming the file and the field', async (t) => {
  const root = t.testdir()
  const dir = contentWith(root, 'three-scenarios', (m) => { m.quiz[0].correct_choice_id = 'z' })
  const result = await runServerExpectingExit({ ENV: 'test', DATA_DIR: join(root, 'data'), LAB_CONTENT_DIR: dir })
  t.equal(result.code, 1)
  const lines = result.stderr.split('\n').filter((line) => line.trim() !== '')
  t.equal(lines.length, 1, `one line: ${result.stderr}`)
  t.match(lines[0], `${dir}/three-scenarios.yaml: /quiz/0/correct_choice_id "z" is not one of the question's choice_id values`)
  t.notMatch(result.stdout, /Server listening/)
})

t.test('with LAB_ENABLED=false no content is loaded: a bad folder does not stop the service', async (t) => {
  const root = t.testdir()
  const dir = contentWith(root, 'three-scenarios', (m) => { m.quiz[0].correct_choice_id = 'z' })
  const { app } = await buildApp(t, { labEnabled: false, labContentDir: dir }, { dataDir: join(root, 'data') })
  t.equal((await app.inject('/api/v2/lab/modules')).statusCode, 404)
  t.equal((await app.inject('/health')).statusCode, 200)
})
