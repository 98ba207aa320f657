import autocannon from 'autocannon'
import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
const hit = process.argv[2] === 'hit'
const U = { RATE_LIMIT_BURST: '100000000', RATE_LIMIT_PER_MINUTE: '100000000', RATE_LIMIT_HOURLY_ANONYMOUS: '100000000', RATE_LIMIT_HOURLY_ACTOR: '100000000', RATE_LIMIT_API_PER_MINUTE: '100000000' }
const child = spawn(process.execPath, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof', '--max-semi-space-size=4', 'dist/src/server.js'], { env: { PATH: process.env.PATH, HOST: '127.0.0.1', PORT: '18123', ENV: 'test', LOG_LEVEL: 'info', ...U, DATA_DIR: mkdtempSync(join(tmpdir(), 'tq-')) }, stdio: ['ignore', 'ignore', 'inherit'] })
for (;;) { try { if ((await fetch('http://127.0.0.1:18123/health')).ok) break } catch {} await new Promise((r) => setTimeout(r, 100)) }
let seed = 0
const r = await autocannon({ url: 'http://127.0.0.1:18123/api/v2/simulate', connections: 50, duration: 6, requests: [{ method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (req) => ({ ...req, body: JSON.stringify({ home_team: 'Rovers', away_team: 'United', home_rating: 2100, away_rating: 2050, config: { seed: hit ? 1 : seed++, n_simulations: 1000 } }) }) }] })
console.log(r.requests.average)
child.kill('SIGINT')
await new Promise((r) => child.on('exit', r))
