/**
 * `streaming`: many sessions each receive tokens at a steady rate from async work (`/stream`)
 * while render-load sessions keep the worker pool busy bumping prices on the 100-item list
 * (`/items`). The clients run in a child process (streaming-clients.mts); the server's figures
 * come from its stats endpoint: event-loop delay since the load started, peak RSS sampled every
 * 500 ms, CPU over the load.
 *
 * Options: `--sessions N` (default 1000; smoke 50), `--seconds N` (30; smoke 5), `--rate N`
 * tokens a second per session (100), `--renderers N` render-load sessions (20; smoke 5).
 */

import { fork } from 'node:child_process'
import { LiveloomError } from '../../src/errors.js'
import { readNumber } from './scenario-args.mjs'
import { PROJECT_ROOT } from '../harness/server-process.mjs'
import type { Scenario, ScenarioResult, ServerSample } from '../harness/types.mts'
import type { StreamCounts, StreamPlan } from './streaming-clients.mts'

const RSS_SAMPLE_MS = 500

export const streaming: Scenario = {
  name: 'streaming',
  summary: 'sessions streaming tokens from async work beside render load: tokens lost, frames/s, loop delay, peak RSS [--sessions 1000 --seconds 30 --rate 100 --renderers 20]',
  async run(context) {
    const { args, smoke } = context
    const sessions = readNumber(args, 'sessions', smoke ? 50 : 1000)
    const seconds = readNumber(args, 'seconds', smoke ? 5 : 30)
    const rate = readNumber(args, 'rate', 100)
    const renderers = readNumber(args, 'renderers', smoke ? 5 : 20, { min: 0 })
    const server = await context.startServer()
    try {
      const plan: StreamPlan = { url: server.url, sessions, renderers, seconds, rate }
      context.progress(`streaming: ${sessions} sessions × ${rate} tokens/s for ${seconds} s, ${renderers} render-load sessions`)
      const child = fork(new URL('streaming-clients.mts', import.meta.url), [JSON.stringify(plan)], {
        cwd: PROJECT_ROOT,
        execArgv: ['--import', 'tsx'],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
      const samples: ServerSample[] = []
      let sampling: NodeJS.Timeout | undefined
      let start: ServerSample | undefined
      try {
        const counts = await new Promise<StreamCounts>((resolve, reject) => {
          child.on('message', (message: { ready?: boolean; done?: boolean }) => {
            if (message.ready) {
              context.progress('streaming: all sessions joined; streaming')
              void (async () => {
                await server.resetLoop()
                start = await server.sample()
                sampling = setInterval(() => void server.sample().then((s) => samples.push(s), () => undefined), RSS_SAMPLE_MS)
              })().catch(reject)
            }
            if (message.done) resolve(message as StreamCounts)
          })
          // A report sent just before exiting may be delivered after 'exit': give it a moment.
          child.once('exit', (code, signal) =>
            setTimeout(() => reject(new LiveloomError('LIVELOOM_ERR_LOAD_DRIVER', `the streaming clients exited (${code ?? signal}) before reporting; see their output above`, { fault: 'internal' })), 1000),
          )
        })
        clearInterval(sampling)
        const end = await server.sample()
        samples.push(end)
        const lost = Math.max(0, counts.sent - counts.received)
        const result: ScenarioResult = {
          scenario: 'streaming',
          case: `${sessions} sessions × ${rate} tok/s × ${seconds} s, ${renderers} renderers`,
          figures: {
            renders: counts.renders,
            exact_streams: counts.exact,
            fps_p5: Math.round(counts.fpsP5 * 10) / 10,
            fps_p50: Math.round(counts.fpsP50 * 10) / 10,
            loop_delay_p50_ms: end.loop?.p50Ms ?? null,
            loop_delay_p99_ms: end.loop?.p99Ms ?? null,
            server_cpu_cores: start ? Math.round(((end.cpuUs - start.cpuUs) / ((end.at - start.at) * 1000)) * 100) / 100 : null,
            rss_peak_mb: Math.round(Math.max(...samples.map((s) => s.rss)) / 1048576),
          },
          errors: lost + (sessions - counts.exact) + counts.frameErrors,
          sent: counts.sent,
          received: counts.received,
        }
        return [result]
      } finally {
        clearInterval(sampling)
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      }
    } finally {
      await server.stop()
    }
  },
}
