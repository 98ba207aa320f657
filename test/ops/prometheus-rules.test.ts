import t from 'tap'
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { PROJECT_ROOT } from '../../src/paths.js'

const run = promisify(execFile)
const RULES_DIR = join(PROJECT_ROOT, 'ops', 'prometheus')

/** The alert and recording rules of ops/prometheus/ (docs/OPERATIONS.md, "Alerts"), through Prometheus' own tool (Debian's prometheus package; .ci/run installs it). */
t.test('promtool check rules: the rules file is valid', async (t) => {
  const { stdout } = await run('promtool', ['check', 'rules', 'rules.yml'], { cwd: RULES_DIR })
  t.match(stdout, /SUCCESS: \d+ rules found/)
})

t.test('promtool test rules: each alert fires on synthetic series and resolves once they recover', async (t) => {
  const { stdout, stderr } = await run('promtool', ['test', 'rules', 'rules.test.yml'], { cwd: RULES_DIR })
  t.match(stdout + stderr, /SUCCESS/)
})

t.test('every alert of rules.yml has a unit test and a runbook line in docs/OPERATIONS.md', async (t) => {
  const { readFileSync } = await import('node:fs')
  const rules = readFileSync(join(RULES_DIR, 'rules.yml'), 'utf8')
  const tests = readFileSync(join(RULES_DIR, 'rules.test.yml'), 'utf8')
  const runbook = readFileSync(join(PROJECT_ROOT, 'docs', 'OPERATIONS.md'), 'utf8')
  const alerts = [...rules.matchAll(/- alert: (\w+)/g)].map((m) => m[1])
  t.ok(alerts.length >= 10)
  for (const alert of alerts) {
    t.match(tests, new RegExp(`alertname: ${alert}\\n`), `${alert} is unit-tested`)
    t.match(runbook, new RegExp(`\\*\\*${alert}\\*\\*`), `${alert} has a runbook line`)
  }
  for (const [, anchor] of rules.matchAll(/runbook: docs\/OPERATIONS\.md#([\w-]+)/g)) {
    t.match(runbook, new RegExp(`<a id="${anchor}"></a>`), `the runbook anchor #${anchor} exists`)
  }
})
