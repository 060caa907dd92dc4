// Server options for the load tests' fixture app, read by `liveloom serve --config` (see
// load-tests/harness/server-process.mts, which starts it). Each one is here so that the harness
// measures the framework's work, not a limit meant for browsers in production.
import { pino } from 'pino'

/** @type {Partial<import('../../src/server.ts').ServerOptions>} */
export default {
  // A load session sends its next event the moment the reply arrives, far above a browser's pace;
  // the default budget (burst 100, 50/s) would answer most of them with LIVELOOM_ERR_RATE_LIMITED.
  rateLimit: { burst: 1_000_000, perSecond: 1_000_000 },
  sessions: {
    // Every HTTP render parks its session until it is joined (or the join window ends), and the
    // idle scenario holds 10,000 sessions; the bounds must not drop sessions the load still joins.
    maxParked: 20_000,
    // A parked /items session (state bytes and VDOM snapshot) takes about 50 KB (GET /stats:
    // live.parkedBytes after one render), so 1 GiB holds 20,000 of them. http-render fills the
    // park up to these bounds: that memory is the real cost of page loads that never join.
    maxParkedBytes: 1024 ** 3,
  },
  // Production behaviour: no development warnings about unknown params.
  dev: false,
  // Warnings and errors only, so a run's output is the harness's figures; LOG_LEVEL overrides.
  logger: pino({ level: process.env.LOG_LEVEL ?? 'warn' }),
}
