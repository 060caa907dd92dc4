/**
 * `events`: N sessions join /items like browsers and send `bump` back to back, one event in
 * flight per session, rotating the item id. After a warm-up, a measured window gives events/s,
 * round-trip percentiles, bytes per reply and the server's CPU, RSS and event-loop delay.
 *
 *   npm run load -- events [--sessions 100,500,2000] [--seconds 20] [--warmup 2] [--drivers N]
 */

import { setTimeout as sleep } from 'node:timers/promises'
import { DriverFleet } from '../driver/index.mjs'
import type { Scenario, ScenarioContext, ScenarioResult, ServerSample } from '../harness/types.mts'
import { cpuCores, errorSummary, mb, round, rttFigures } from './driver-figures.mjs'
import { readCounts, readDrivers, readNumber } from './scenario-args.mjs'
import { BUMP_EVENT, ITEMS_PATH, driverDeadline } from './items-load.mjs'

/** The events scenario. */
export const events: Scenario = {
  name: 'events',
  summary: 'N sessions on /items send bump back to back, one in flight each: events/s, round trip p50/p99/max, bytes per reply, server CPU/RSS/loop delay [--sessions 100,500,2000 --seconds 20 --warmup 2 --drivers N]',
  async run(context) {
    const counts = readCounts(context.args, 'sessions', context.smoke ? [20, 50] : [100, 500, 2_000])
    const seconds = readNumber(context.args, 'seconds', context.smoke ? 2 : 20)
    const warmup = readNumber(context.args, 'warmup', context.smoke ? 1 : 2, { min: 0 })
    const drivers = readDrivers(context.args)
    const results: ScenarioResult[] = []
    for (const sessions of counts) results.push(await runCase(context, sessions, seconds, warmup, drivers))
    return results
  },
}

/**
 * The worker pool's wait and run times from the stats endpoint (liveloom reports them in
 * `live.pool`, reset with the loop window), to tell queueing from work in the round trip; '' when
 * the server does not report them.
 */
function poolTiming(sample: ServerSample): string {
  const pool = (sample.live as { pool?: { waitMs?: Timing; runMs?: Timing; utilization?: number; renders?: { reused: number; full: number } } } | undefined)?.pool
  if (!pool?.waitMs || !pool.runMs) return ''
  const renders = pool.renders ? `; renders reusing rows ${pool.renders.reused}, full ${pool.renders.full}` : ''
  const show = (t: Timing): string => `p50 ${t.p50} ms, p99 ${t.p99} ms, mean ${t.mean} ms`
  return `wait ${show(pool.waitMs)}; run ${show(pool.runMs)}; utilization ${pool.utilization ?? 'n/a'}${renders}`
}

interface Timing {
  p50: number
  p99: number
  mean: number
}

async function runCase(context: ScenarioContext, sessions: number, seconds: number, warmup: number, drivers: number | undefined): Promise<ScenarioResult> {
  // A fresh server per case: sessions closed by the previous case stay parked for the resume
  // window (60 s), and its heap is grown and fragmented, so a reused server would carry one
  // case's memory and GC work into the next case's CPU and RSS figures.
  const server = await context.startServer()
  try {
    const fleet = await DriverFleet.start(
      {
        url: server.url,
        path: ITEMS_PATH,
        mode: 'events',
        sessions,
        event: BUMP_EVENT,
        maxSeconds: driverDeadline(sessions, warmup + seconds),
      },
      { processes: drivers, progress: (line) => context.progress(`events ${sessions}: ${line}`) },
    )
    try {
      context.progress(`events ${sessions}: joining ${sessions} sessions on /items`)
      const joined = await fleet.join()
      context.progress(`events ${sessions}: ${joined.joined} joined (${joined.joinFailures} failed); ${warmup} s warm-up, then ${seconds} s measured`)
      await fleet.go()
      await sleep(warmup * 1000)
      await fleet.measure()
      await server.resetLoop()
      const start = await server.sample()
      await sleep(seconds * 1000)
      const end = await server.sample()
      const report = await fleet.stop()
      const errors = errorSummary(report)
      if (errors) context.progress(`events ${sessions}: ${errors}`)
      const pool = poolTiming(end)
      if (pool) context.progress(`events ${sessions}: worker pool in the window: ${pool}`)
      return {
        scenario: 'events',
        case: `${sessions} sessions`,
        figures: {
          events_per_s: Math.round(report.answeredPerSecond),
          ...rttFigures(report),
          bytes_per_reply: report.received > 0 ? round(report.replyBytes / report.received, 1) : null,
          server_cpu_cores: cpuCores(start, end),
          server_rss_mb: mb(end.rss),
          loop_p99_ms: end.loop?.p99Ms ?? null,
          // The driver shares the machine's cores with the server: this shows whether it was the limit.
          driver_cpu_cores: round(report.cpuCores, 2),
        },
        errors: report.errors,
        sent: report.sent,
        received: report.received,
      }
    } finally {
      await fleet.close()
    }
  } finally {
    await server.stop()
  }
}
