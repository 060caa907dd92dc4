/**
 * The WebSocket load driver (load-tests/driver/) against a real in-process server: its counts
 * must be exact, because the load scenarios' correctness check (sent === received, errors 0)
 * rests on them. Counts only: no timing is asserted. The tests run one at a time and give the
 * driver's join and reply timeouts a minute, so a busy machine slows them but does not fail them.
 */

import test from 'ava'
import { fileURLToPath } from 'node:url'
import { DriverFleet, type DriverPlan, type DriverReport } from '../load-tests/driver/index.mjs'
import { fetchPage, startServer } from './support/live-client.js'
import type { LiveServer } from '../src/index.js'

const counterView = new URL('../examples/views/counter.ts', import.meta.url)
const templatesDir = fileURLToPath(new URL('../examples/templates', import.meta.url))

async function withServer(run: (server: LiveServer) => Promise<void>): Promise<void> {
  // The driver sends back to back; the default per-connection budget (50/s) would refuse some.
  const server = await startServer({ routes: { '/': counterView }, templatesDir, rateLimit: { burst: 1_000, perSecond: 1_000 } })
  try {
    await fetchPage(server.url, '/') // the first render loads the view and template in a worker

    await run(server)
  } finally {
    await server.close()
  }
}

/** Runs `plan` to completion: every session sends its `maxEventsPerSession` events, all in the window. */
/** Timeouts far above any join or reply here (see the header). */
const PATIENT = { joinTimeoutMs: 60_000, replyTimeoutMs: 60_000, maxSeconds: 300 }

async function runToCompletion(plan: Omit<DriverPlan, 'maxSeconds'>, processes: number, whileJoined?: () => void): Promise<DriverReport> {
  const fleet = await DriverFleet.start({ ...plan, ...PATIENT }, { processes })
  try {
    const joined = await fleet.join()
    if (joined.joined !== plan.sessions) throw new Error(`only ${joined.joined} of ${plan.sessions} sessions joined: ${(await fleet.stop()).errorSamples.join('; ')}`)
    whileJoined?.()
    await fleet.measure()
    await fleet.go()
    return await fleet.stop({ whenDone: true })
  } finally {
    await fleet.close()
  }
}

test.serial('5 sessions × 20 events: every event sent, answered and timed exactly once', async (t) => {
  await withServer(async (server) => {
    let attached = -1
    const report = await runToCompletion(
      { url: server.url, path: '/', mode: 'events', sessions: 5, event: { name: 'increment' }, maxEventsPerSession: 20 },
      1,
      () => (attached = server.live.stats().attached),
    )
    t.is(attached, 5, 'every driver session joined the server (adopted its HTTP render)')
    t.is(report.processes, 1)
    t.is(report.joined, 5)
    t.is(report.sent, 100)
    t.is(report.received, 100)
    t.is(report.errors, 0, report.errorSamples.join('\n'))
    t.is(report.errorReplies, 0)
    t.is(report.lost, 0)
    t.is(report.unexpectedCloses, 0)
    t.is(report.capped, 5)
    t.is(report.rtt.totalCount, 100)
    t.true(report.rttMaxUs >= report.rtt.getValueAtPercentile(50))
    t.true(report.replyBytes / report.received > 0)
    t.deepEqual(report.errorCodes, {})
  })
})

test.serial('error frames are counted as errors, exactly, and still timed', async (t) => {
  await withServer(async (server) => {
    const report = await runToCompletion(
      { url: server.url, path: '/', mode: 'events', sessions: 3, event: { name: 'noSuchEvent' }, maxEventsPerSession: 7 },
      1,
    )
    t.is(report.sent, 21)
    t.is(report.received, 0)
    t.is(report.errorReplies, 21)
    t.is(report.errors, 21)
    t.deepEqual(report.errorCodes, { LIVELOOM_ERR_EVENT_UNKNOWN: 21 })
    t.is(report.rtt.totalCount, 21)
    t.is(report.replyBytes, 0, 'error frames are not replies')
    t.true(report.errorSamples[0]!.startsWith('LIVELOOM_ERR_EVENT_UNKNOWN'))
  })
})

test.serial('two driver processes: sessions split, counts and histograms merged', async (t) => {
  await withServer(async (server) => {
    const report = await runToCompletion(
      { url: server.url, path: '/', mode: 'events', sessions: 5, event: { name: 'increment' }, maxEventsPerSession: 8 },
      2,
    )
    t.is(report.processes, 2)
    t.is(report.joined, 5)
    t.is(report.sent, 40)
    t.is(report.received, 40)
    t.is(report.errors, 0, report.errorSamples.join('\n'))
    t.is(report.rtt.totalCount, 40)
  })
})

test.serial('idle sessions hold their sockets until the fleet closes them', async (t) => {
  await withServer(async (server) => {
    const fleet = await DriverFleet.start({ url: server.url, path: '/', mode: 'idle', sessions: 12, ...PATIENT }, { processes: 2 })
    try {
      t.deepEqual(await fleet.join(), { joined: 12, joinFailures: 0 })
      await fleet.go()
      t.is(server.live.stats().attached, 12)
      const report = await fleet.stop()
      t.is(report.sent, 0)
      t.is(report.errors, 0)
    } finally {
      await fleet.close()
    }
    // Each close handshake has completed on the driver's side; the server counts its side once its close event ran.
    t.is(await eventually(() => server.live.stats().sockets, 0), 0)
  })
})

test.serial('a page without a live container fails the join with a code, counted as an error', async (t) => {
  await withServer(async (server) => {
    const fleet = await DriverFleet.start({ url: server.url, path: '/no-such-page', mode: 'idle', sessions: 2, ...PATIENT }, { processes: 1 })
    try {
      t.deepEqual(await fleet.join(), { joined: 0, joinFailures: 2 })
      const report = await fleet.stop()
      t.is(report.errors, 2)
      t.deepEqual(report.errorCodes, { LIVELOOM_ERR_LOAD_PAGE: 2 })
    } finally {
      await fleet.close()
    }
  })
})

test.serial('soak: sessions think, leave and are replaced; every event sent is answered', async (t) => {
  await withServer(async (server) => {
    const fleet = await DriverFleet.start(
      { url: server.url, path: '/', mode: 'soak', sessions: 6, event: { name: 'increment' }, thinkMs: [5, 20], churnPerSecond: 20, ...PATIENT },
      { processes: 1 },
    )
    try {
      t.deepEqual(await fleet.join(), { joined: 6, joinFailures: 0 })
      await fleet.measure()
      await fleet.go()
      // Run until the server has seen a session leave (a closed session is parked for resume), not for a set time.
      t.true(await eventually(() => server.live.stats().parked >= 2, true))
      const report = await fleet.stop()
      t.is(report.errors, 0, report.errorSamples.join('\n'))
      t.true(report.sent > 0)
      t.is(report.received, report.sent)
      t.is(report.rtt.totalCount, report.sent)
      t.true(report.left >= 2)
      t.true(report.joinedTotal >= report.joined)
    } finally {
      await fleet.close()
    }
  })
})

test.serial('sockets the server closes are counted as unexpected closes', async (t) => {
  const server = await startServer({ routes: { '/': counterView }, templatesDir })
  await fetchPage(server.url, '/')
  const fleet = await DriverFleet.start({ url: server.url, path: '/', mode: 'idle', sessions: 3, ...PATIENT }, { processes: 1 })
  try {
    t.deepEqual(await fleet.join(), { joined: 3, joinFailures: 0 })
    await server.close() // closes every live socket with 1001
    let report = await fleet.stop()
    for (let i = 0; i < 1_500 && report.unexpectedCloses < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      report = await fleet.stop()
    }
    t.is(report.unexpectedCloses, 3)
    t.is(report.errors, 3)
    t.deepEqual(report.errorCodes, { LIVELOOM_ERR_LOAD_CLOSED: 3 })
  } finally {
    await fleet.close()
  }
})

/** Polls `read` until it returns `want` (at most 30 s: a bound, not a timing claim), then returns its last value. */
async function eventually<T>(read: () => T, want: T): Promise<T> {
  for (let i = 0; i < 1_500 && read() !== want; i++) await new Promise((resolve) => setTimeout(resolve, 20))
  return read()
}
