/**
 * The CI smoke of the load harness: `load-tests/run.mts all --smoke` as a user runs it, every
 * scenario against a real server process. Checks correctness only (no errors, every reply
 * received, something was sent), never speed: the figures are printed, not asserted.
 */

import test from 'ava'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const SCENARIOS = ['http-render', 'events', 'idle', 'streaming', 'soak']

interface CaseLine {
  scenario: string
  case: string
  errors: number
  sent: number
  received: number
}

test('every load scenario runs its smoke with no errors and every reply received', async (t) => {
  t.timeout(240_000)
  const child = spawn(process.execPath, ['--import', 'tsx', 'load-tests/run.mts', 'all', '--smoke'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  // SIGTERM lets the harness stop its servers before it exits.
  t.teardown(() => void (child.exitCode === null && child.signalCode === null && child.kill('SIGTERM')))
  const [code] = (await once(child, 'exit')) as [number | null]
  t.log(stdout)
  t.is(code, 0, `stderr:\n${stderr.slice(-4000)}`)
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as CaseLine)
  for (const scenario of SCENARIOS) t.true(lines.some((line) => line.scenario === scenario), `${scenario} printed no JSON line`)
  for (const line of lines) {
    const name = `${line.scenario} ${line.case}`
    t.is(line.errors, 0, name)
    t.is(line.sent, line.received, name)
    t.true(line.sent > 0, `${name} sent nothing`)
  }
})
