/**
 * Streaming soak: many sessions each receive tokens at a steady rate from async work while other
 * sessions keep the worker pool busy with renders. The clients run in a child process, so the
 * figures below are the gateway's own. Prints tokens sent vs received (and how many streams were
 * exact), stream frames/s per session (p5/p50), the gateway's event-loop delay p50/p99 and RSS,
 * then one JSON line.
 *
 *   npm run bench:streaming [-- --sessions 1000 --seconds 30 --rate 100 --renderers 20]
 */

import { fork } from 'node:child_process'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { createServer } from '../src/index.js'
import { recordingLogger } from '../test/support/live-client.js'

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '30' },
    rate: { type: 'string', default: '100' },
    renderers: { type: 'string', default: '20' },
  },
})
const plan = { sessions: Number(values.sessions), seconds: Number(values.seconds), rate: Number(values.rate), renderers: Number(values.renderers) }

const server = await createServer({
  routes: { '/stream': new URL('views/streamer.ts', import.meta.url), '/items': new URL('../examples/views/items.ts', import.meta.url) },
  templatesDir: new URL('../examples/templates', import.meta.url).pathname,
  port: 0,
  logger: recordingLogger(),
  rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
  sessions: { maxParked: 100_000 },
})

const child = fork(new URL('stream-clients.mts', import.meta.url), [JSON.stringify({ ...plan, url: server.url })], { execArgv: ['--import', 'tsx'] })
const delay = monitorEventLoopDelay({ resolution: 1 })
let peakRss = 0
const rssTimer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 500)

const result = await new Promise<Record<string, number>>((resolve, reject) => {
  child.on('message', (message: Record<string, unknown>) => {
    if (message.ready) delay.enable()
    if (message.done) resolve(message as Record<string, number>)
  })
  child.on('exit', (code) => code !== 0 && reject(new Error(`clients exited with ${code}`)))
})
delay.disable()
clearInterval(rssTimer)
await server.close()

const ms = (ns: number): number => Math.round(ns / 1e4) / 100
const summary = {
  bench: 'streaming',
  sessions: plan.sessions,
  seconds: plan.seconds,
  tokens_per_s: plan.rate,
  tokens_sent: result.sent,
  tokens_received: result.received,
  exact_streams: result.exact,
  fps_p5: Math.round(result.fpsP5! * 10) / 10,
  fps_p50: Math.round(result.fpsP50! * 10) / 10,
  loop_delay_p50_ms: ms(delay.percentile(50)),
  loop_delay_p99_ms: ms(delay.percentile(99)),
  rss_peak_mb: Math.round(peakRss / 1048576),
  renders: result.renders,
}
console.log(
  `${plan.sessions} sessions × ${plan.rate} tokens/s for ${plan.seconds} s with ${plan.renderers} render-load sessions (${summary.renders} renders):`,
)
console.log(`  tokens sent ${summary.tokens_sent}, received ${summary.tokens_received}; exact streams ${summary.exact_streams}/${plan.sessions}`)
console.log(`  stream frames/s per session: p5 ${summary.fps_p5}, p50 ${summary.fps_p50}`)
console.log(`  gateway event-loop delay: p50 ${summary.loop_delay_p50_ms} ms, p99 ${summary.loop_delay_p99_ms} ms; peak RSS ${summary.rss_peak_mb} MB`)
console.log(JSON.stringify(summary))
