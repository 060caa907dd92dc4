/**
 * The `liveloom` command as users run it: `liveloom serve` on a free loopback port.
 */

import test from 'ava'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../bin/liveloom.mjs', import.meta.url))
const EXAMPLES = fileURLToPath(new URL('../examples/', import.meta.url))

const CONFIGS = fileURLToPath(new URL('fixtures/config/', import.meta.url))

/** Waits for the output line matching `pattern` and returns its first group. */
function line(child: ReturnType<typeof spawn>, output: () => string, pattern: RegExp): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no line matching ${pattern}: ${output()}`)), 30_000)
    const look = (): void => {
      const found = pattern.exec(output())
      if (!found) return
      clearTimeout(timer)
      child.stdout!.off('data', look)
      resolve(found[1]!)
    }
    child.stdout!.on('data', look)
    look()
  })
}

function run(args: string[]): { child: ReturnType<typeof spawn>; output: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' }
  delete env.PORT
  delete env.HOST
  const child = spawn(process.execPath, [BIN, ...args], { env })
  let output = ''
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  return { child, output: () => output }
}

test('serve: file-based routes from --views, partials from --templates, drains on SIGTERM', async (t) => {
  const { child, output } = run(['serve', '--views', `${EXAMPLES}views`, '--templates', `${EXAMPLES}templates`, '--port', '0', '--host', '127.0.0.1', '--workers', '1'])
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${output()}`)), 30_000)
      child.stdout!.on('data', () => {
        const found = /liveloom listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output())
        if (found) {
          clearTimeout(timer)
          resolve(found[1]!)
        }
      })
    })
    const home = await (await fetch(`${url}/`)).text()
    t.regex(home, /<a href="\/counter">Counter<\/a>/)
    const counter = await fetch(`${url}/counter`)
    t.is(counter.status, 200)
    t.regex(await counter.text(), /<title>Counter · liveloom<\/title>/)
    t.is((await fetch(`${url}/nothing-here`)).status, 404)
  } finally {
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    t.is(code, 0, output())
  }
})

test('usage errors exit 2 with the usage line; bad flags name the flag', async (t) => {
  const missing = run(['serve'])
  t.is((await once(missing.child, 'exit'))[0], 2)
  t.regex(missing.output(), /^usage: liveloom serve --views DIR/)
  const badPort = run(['serve', '--views', `${EXAMPLES}views`, '--port', 'eighty'])
  t.is((await once(badPort.child, 'exit'))[0], 2)
  t.regex(badPort.output(), /LIVELOOM_ERR_OPTIONS: --port must be a whole number, got "eighty"/)
  const noDir = run(['serve', '--views', `${EXAMPLES}nowhere`])
  t.is((await once(noDir.child, 'exit'))[0], 1)
  t.regex(noDir.output(), /LIVELOOM_ERR_OPTIONS: --views .*nowhere is not a readable directory of view modules/)
})

test('--config adds server options; --stats-port serves the process figures on loopback only', async (t) => {
  const { child, output } = run(['serve', '--views', `${EXAMPLES}views`, '--templates', `${EXAMPLES}templates`, '--port', '0', '--workers', '1', '--config', `${CONFIGS}server.config.mjs`, '--stats-port', '0'])
  try {
    const url = await line(child, output, /liveloom listening on (http:\/\/127\.0\.0\.1:\d+)/)
    const stats = await line(child, output, /liveloom stats on (http:\/\/127\.0\.0\.1:\d+)\/stats/)
    t.regex(await (await fetch(`${url}/counter`)).text(), /<script type="module" src="\/assets\/liveloom-\w+\.js"><\/script>/)
    const figures = (await (await fetch(`${stats}/stats`)).json()) as Record<string, any>
    t.is(figures.pid, child.pid)
    t.deepEqual(Object.keys(figures), ['pid', 'uptimeMs', 'cpu', 'memory', 'loop', 'live'])
    t.like(figures.live, { attached: 0, parked: 1, sockets: 0, pool: { threads: 1, completed: 1 } })
    t.deepEqual(Object.keys(figures.live.pool), ['threads', 'completed', 'utilization', 'runMs', 'waitMs', 'renders'])
    t.deepEqual(Object.keys(figures.loop), ['p50Ms', 'p99Ms', 'maxMs', 'meanMs', 'samples', 'utilization'])
    t.true(figures.live.parkedBytes > 0 && figures.memory.rss > 0 && figures.cpu.userUs > 0 && figures.live.pool.runMs.p50 > 0)
    t.is((await fetch(`${stats}/reset`, { method: 'POST' })).status, 204)
    t.is((await fetch(`${stats}/gc`, { method: 'POST' })).status, 501, 'no --expose-gc')
    t.is((await fetch(`${stats}/other`)).status, 404)
  } finally {
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    t.is(code, 0, output())
  }
  const bad = run(['serve', '--views', `${EXAMPLES}views`, '--port', '0', '--config', `${CONFIGS}not-an-object.mjs`])
  t.is((await once(bad.child, 'exit'))[0], 1)
  t.regex(bad.output(), /LIVELOOM_ERR_OPTIONS: --config .*not-an-object\.mjs must export default an object of server options/)
})
