/**
 * `soak`: a steady population of sessions on /items sends `bump` with a think time, while some
 * sessions leave and as many new ones join every second. The server's RSS is sampled throughout;
 * it must plateau (the slope over the second half is printed) and there must be no errors.
 *
 *   npm run load -- soak [--seconds 600] [--sessions 200] [--churn 10] [--drivers N]
 */

import { setTimeout as sleep } from 'node:timers/promises'
import { DriverFleet } from '../driver/index.mjs'
import type { Scenario, ServerSample } from '../harness/types.mts'
import { errorSummary, mb, round, rttFigures } from './driver-figures.mjs'
import { leastSquaresSlope } from './least-squares.mjs'
import { readDrivers, readNumber } from './scenario-args.mjs'
import { BUMP_EVENT, ITEMS_PATH, driverDeadline } from './items-load.mjs'

/** Think time between a reply and a session's next event, in ms. */
const THINK_MS: [number, number] = [50, 200]

/** The soak scenario. */
export const soak: Scenario = {
  name: 'soak',
  summary: 'sessions on /items bump with 50–200 ms think time while some leave and join: RSS slope over the second half, events/s, p99, errors [--seconds 600 --sessions 200 --churn 10 --drivers N]',
  async run(context) {
    const seconds = readNumber(context.args, 'seconds', context.smoke ? 10 : 600)
    const sessions = readNumber(context.args, 'sessions', 200)
    const churn = readNumber(context.args, 'churn', 10, { min: 0, fraction: true })
    const drivers = readDrivers(context.args)
    const sampleEveryMs = context.smoke ? 1_000 : 5_000
    const server = await context.startServer()
    try {
      const fleet = await DriverFleet.start(
        {
          url: server.url,
          path: ITEMS_PATH,
          mode: 'soak',
          sessions,
          event: BUMP_EVENT,
          thinkMs: THINK_MS,
          churnPerSecond: churn,
          maxSeconds: driverDeadline(sessions, seconds),
        },
        { processes: drivers, progress: (line) => context.progress(`soak: ${line}`) },
      )
      try {
        context.progress(`soak: joining ${sessions} sessions on /items`)
        const joined = await fleet.join()
        context.progress(`soak: ${joined.joined} joined; ${seconds} s with ${churn} sessions/s leaving and joining`)
        await fleet.measure()
        await fleet.go()
        const samples: ServerSample[] = [await server.sample()]
        const start = samples[0]!.at
        // Bounded by count as well as time: one sample per interval, and no more than the run holds.
        const ticks = Math.ceil((seconds * 1000) / sampleEveryMs)
        for (let tick = 1; tick <= ticks; tick++) {
          const due = start + Math.min(tick * sampleEveryMs, seconds * 1000)
          await sleep(Math.max(0, due - performance.now()))
          samples.push(await server.sample())
          if (tick % 12 === 0) context.progress(`soak: ${Math.round((performance.now() - start) / 1000)} s, server RSS ${mb(samples.at(-1)!.rss)} MB`)
        }
        const report = await fleet.stop()
        const errors = errorSummary(report)
        if (errors) context.progress(`soak: ${errors}`)
        // RSS grows while the heap and the parked sessions (kept for the resume window) fill up; the
        // second half shows whether it then levels off.
        const secondHalf = samples.filter((s) => s.at - start >= (seconds * 1000) / 2).map((s) => ({ x: (s.at - start) / 60_000, y: s.rss / 1_048_576 }))
        const slope = leastSquaresSlope(secondHalf)
        return [
          {
            scenario: 'soak',
            case: `${sessions} sessions, ${churn}/s churn, ${seconds} s`,
            figures: {
              rss_start_mb: mb(samples[0]!.rss),
              rss_end_mb: mb(samples.at(-1)!.rss),
              rss_slope_mb_per_min: slope === null ? null : round(slope, 2),
              events_per_s: Math.round(report.answeredPerSecond),
              rtt_p99_ms: rttFigures(report).rtt_p99_ms,
              sessions_joined_total: report.joinedTotal,
            },
            errors: report.errors,
            sent: report.sent,
            received: report.received,
          },
        ]
      } finally {
        await fleet.close()
      }
    } finally {
      await server.stop()
    }
  },
}
