/**
 * `idle`: mount and join N sessions on /items and hold them, on a fresh server per case: the
 * server's memory per idle session (RSS, JS heap, main-thread ArrayBuffers) between a GC'd
 * baseline and a GC'd sample with all held, and the state + VDOM snapshot bytes per session as the
 * session registry counts them once the sessions have left and are parked.
 *
 *   npm run load -- idle [--sessions 1000,10000] [--hold 5] [--drivers N]
 */

import { setTimeout as sleep } from 'node:timers/promises'
import { DriverFleet } from '../driver/index.mjs'
import type { DriverReport } from '../driver/index.mjs'
import type { Scenario, ScenarioContext, ScenarioResult, ServerHandle, ServerSample } from '../harness/types.mts'
import { errorSummary, mb, round } from './driver-figures.mjs'
import { readCounts, readDrivers, readNumber } from './scenario-args.mjs'
import { ITEMS_PATH, driverDeadline } from './items-load.mjs'

/** Sessions joined and closed before the baseline (see warmUp). */
const WARM_UP_SESSIONS = 50

/** The idle scenario. */
export const idle: Scenario = {
  name: 'idle',
  summary: 'N sessions joined on /items and held: server RSS, heap, ArrayBuffers and session bytes per idle session [--sessions 1000,10000 --hold 5 --drivers N]',
  async run(context) {
    const counts = readCounts(context.args, 'sessions', context.smoke ? [200] : [1_000, 10_000])
    const hold = readNumber(context.args, 'hold', context.smoke ? 2 : 5)
    const drivers = readDrivers(context.args)
    const results: ScenarioResult[] = []
    for (const sessions of counts) results.push(await runCase(context, sessions, hold, drivers))
    return results
  },
}

async function runCase(context: ScenarioContext, sessions: number, hold: number, drivers: number | undefined): Promise<ScenarioResult> {
  // A fresh server per case, so the baseline is a server that has held no sessions yet.
  const server = await context.startServer()
  try {
    await warmUp(context, server.url)
    const collected = await server.gc()
    if (!collected) context.progress('idle: the server cannot run a GC on request (no stats endpoint or no --expose-gc); memory figures include garbage')
    const base = await server.sample()
    const fleet = await DriverFleet.start(
      { url: server.url, path: ITEMS_PATH, mode: 'idle', sessions, maxSeconds: driverDeadline(sessions, hold) },
      { processes: drivers, progress: (line) => context.progress(`idle ${sessions}: ${line}`) },
    )
    let held: ServerSample
    let report: DriverReport
    let joined: number
    try {
      context.progress(`idle ${sessions}: joining ${sessions} sessions on /items`)
      joined = (await fleet.join()).joined
      context.progress(`idle ${sessions}: ${joined} joined; holding ${hold} s`)
      await sleep(hold * 1000)
      await server.gc()
      held = await server.sample()
      report = await fleet.stop()
    } finally {
      await fleet.close()
    }
    const parked = await parkedSample(server)
    context.progress(`idle ${sessions}: server sessions: baseline ${liveCounts(base)}; held ${liveCounts(held)}; after the sockets closed ${liveCounts(parked)}`)
    const attached = held.live?.attached ?? null
    // A server that holds other than the sessions the driver joined is wrong either way.
    const mismatch = attached === null ? 0 : Math.abs(attached - joined)
    if (mismatch > 0) context.progress(`idle ${sessions}: the server reports ${attached} attached sessions, the driver joined ${joined}`)
    const errors = errorSummary(report)
    if (errors) context.progress(`idle ${sessions}: ${errors}`)
    return {
      scenario: 'idle',
      case: `${sessions} sessions`,
      figures: {
        rss_per_session_kb: perSession(base, held, joined, (s) => s.rss),
        heap_per_session_kb: perSession(base, held, joined, (s) => s.heapUsed),
        buffers_per_session_kb: perSession(base, held, joined, (s) => s.arrayBuffers),
        session_bytes_kb: sessionBytes(base, parked),
        server_rss_mb: mb(held.rss),
        attached,
        // Sessions idle longer than sessions.hibernateAfterMs hold their bytes deflated; how many
        // of them did at the sample says which memory the figures above describe.
        hibernating: liveCount(held, 'hibernating'),
      },
      errors: report.errors + mismatch,
      sent: sessions,
      received: joined,
    }
  } finally {
    await server.stop()
  }
}

/**
 * Joins and closes a few sessions before the baseline, so the workers' one-time growth (code
 * compiled, heaps sized by the first renders) is not charged to the sessions measured. The
 * closed sessions stay parked, in the baseline too; figures below are deltas, so they cancel out.
 */
async function warmUp(context: ScenarioContext, url: string): Promise<void> {
  const fleet = await DriverFleet.start({ url, path: ITEMS_PATH, mode: 'idle', sessions: WARM_UP_SESSIONS, maxSeconds: 60 }, { processes: 1 })
  try {
    const { joined } = await fleet.join()
    if (joined !== WARM_UP_SESSIONS) context.progress(`idle: only ${joined} of ${WARM_UP_SESSIONS} warm-up sessions joined`)
  } finally {
    await fleet.close()
  }
}

/**
 * A sample once every session has left its socket and is parked for resume: the registry then
 * counts their state and snapshot bytes (`live.parkedBytes`). Those ArrayBuffers are allocated by
 * the worker that rendered them and transferred, so the main thread's `arrayBuffers` (V8 counts
 * per allocating thread) never shows them; RSS does.
 */
async function parkedSample(server: ServerHandle): Promise<ServerSample> {
  let sample = await server.sample()
  for (let i = 0; i < 100 && (sample.live?.attached ?? 0) > 0; i++) {
    await sleep(100)
    sample = await server.sample()
  }
  return sample
}

/**
 * State and VDOM snapshot bytes per session, in KB, from the registry's parked-session accounting
 * (deflated bytes for sessions that were hibernating); null without stats.
 */
function sessionBytes(base: ServerSample, parked: ServerSample): number | null {
  if (!base.live || !parked.live || parked.live.attached > 0) return null
  const sessions = parked.live.parked - base.live.parked
  return sessions > 0 ? round((parked.live.parkedBytes - base.live.parkedBytes) / sessions / 1024, 2) : null
}

/** A count from the stats endpoint's `live` object that ServerSample does not name; null when absent. */
function liveCount(sample: ServerSample, key: string): number | null {
  const value = (sample.live as Record<string, unknown> | undefined)?.[key]
  return typeof value === 'number' ? value : null
}

/** The stats endpoint's session counts, for the progress line (the server may report more than ServerSample names). */
function liveCounts(sample: ServerSample): string {
  if (!sample.live) return 'n/a'
  return Object.entries(sample.live)
    .filter(([, value]) => typeof value === 'number')
    .map(([key, value]) => `${key} ${value}`)
    .join(', ')
}

/** The growth of a sample figure from `base` to `held`, per joined session, in KB (KiB); null when unmeasurable. */
function perSession(base: ServerSample, held: ServerSample, joined: number, figure: (sample: ServerSample) => number | undefined): number | null {
  const before = figure(base)
  const after = figure(held)
  if (before === undefined || after === undefined || joined === 0) return null
  return round((after - before) / joined / 1024, 2)
}
