import t from 'tap'
import { runServerExpectingExit } from '../helper.js'

/** A production configuration that starts; each case below breaks one rule of it. */
const PRODUCTION_OK = {
  ENV: 'production',
  CORS_ORIGINS: 'https://app.example.org',
  ADMIN_TOKEN: '3f9c1e7a5b2d8046fa1c9e3b7d5a2f80',
  METRICS_TOKEN: 'metrics-7c2e9a41b5d3f086e1a9c04b27d5f318'
}

// The refusals of docs/DEPLOY_RENDER.md run the real server entry point as a child process.
const refusals: Array<[string, Record<string, string>, RegExp]> = [
  ['staging with header auth', { ENV: 'staging', AUTH_MODE: 'header' }, /^refusing to start: AUTH_MODE=header trusts client-supplied identity and is for ENV=development or test only \(ENV=staging\)/],
  ['production with a 32-character ADMIN_TOKEN of one letter', { ...PRODUCTION_OK, ADMIN_TOKEN: 'a'.repeat(32) }, /^refusing to start in production: ADMIN_TOKEN has fewer than 8 distinct characters/],
  ['production with a long ADMIN_TOKEN of 7 distinct characters', { ...PRODUCTION_OK, ADMIN_TOKEN: 'abcdefg'.repeat(5) }, /^refusing to start in production: ADMIN_TOKEN has fewer than 8 distinct characters/],
  ['production with METRICS_TOKEN=x', { ...PRODUCTION_OK, METRICS_TOKEN: 'x' }, /^refusing to start in production: METRICS_TOKEN is missing or shorter than 32/],
  ['production without METRICS_TOKEN', { ...PRODUCTION_OK, METRICS_TOKEN: '' }, /^refusing to start in production: METRICS_TOKEN is empty/]
]

for (const [name, env, expected] of refusals) {
  t.test(`refuses to start: ${name}`, async (t) => {
    const result = await runServerExpectingExit({ DATA_DIR: t.testdir(), ...env })
    t.equal(result.code, 1, 'exits 1')
    const lines = result.stderr.trim().split('\n')
    t.equal(lines.length, 1, 'exactly one line')
    t.match(lines[0], expected, 'naming the problem')
    t.notMatch(result.stderr, env.ADMIN_TOKEN ?? PRODUCTION_OK.ADMIN_TOKEN, 'the secret is not echoed')
    t.notMatch(result.stdout, /Server listening/, 'it never listened')
  })
}
