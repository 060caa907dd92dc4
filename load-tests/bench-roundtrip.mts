/**
 * Single-client event round trip through the whole stack: WebSocket frame → gateway → worker
 * (hydrate, handler, mustache, native diff) → reply frame. One event in flight at a time, so this
 * is latency, not throughput. Prints p50/p90/p99 in µs and one JSON line.
 *
 *   npm run bench:roundtrip [-- --events 3000 --view counter|items]
 */

import { parseArgs } from 'node:util'
import { createServer } from '../src/index.js'
import { connect, fetchPage, recordingLogger } from '../test/support/live-client.js'

const { values } = parseArgs({ options: { events: { type: 'string', default: '3000' }, view: { type: 'string', default: 'counter' } } })
const events = Number(values.events)
const view = values.view === 'items' ? 'items' : 'counter'
const examples = new URL('../examples/', import.meta.url)

const server = await createServer({
  routes: { '/': new URL(`views/${view}.ts`, examples) },
  templatesDir: new URL('templates', examples).pathname,
  port: 0,
  logger: recordingLogger(),
  // One client sends as fast as replies come back; the per-connection limit would throttle that.
  rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
})
try {
  const page = await fetchPage(server.url, '/')
  const socket = await connect(server)
  await socket.join(page.token)
  // Alternate between two events so every one changes the DOM.
  const frames: Array<[string, Record<string, unknown>]> =
    view === 'counter' ? [['increment', {}], ['decrement', {}]] : [['filterText', { value: 'amber' }], ['filterText', { value: '' }]]
  const warmup = 200
  const samples: number[] = []
  for (let i = 0; i < warmup + events; i++) {
    const [name, params] = frames[i % 2]!
    const start = process.hrtime.bigint()
    const reply = await socket.event(name, params)
    const micros = Number(process.hrtime.bigint() - start) / 1000
    if (reply.t !== 'reply') throw new Error(`unexpected frame ${JSON.stringify(reply)}`)
    if (i >= warmup) samples.push(micros)
  }
  await socket.close()
  samples.sort((a, b) => a - b)
  const at = (q: number): number => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!)
  console.log(`round trip, ${view} view, ${events} events, 1 client: p50 ${at(0.5)} µs, p90 ${at(0.9)} µs, p99 ${at(0.99)} µs, max ${Math.round(samples.at(-1)!)} µs`)
  console.log(JSON.stringify({ bench: 'roundtrip', view, events, p50_us: at(0.5), p90_us: at(0.9), p99_us: at(0.99) }))
} finally {
  await server.close()
}
