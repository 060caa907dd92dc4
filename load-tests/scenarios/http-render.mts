/**
 * `http-render`: autocannon against the HTTP render of the 100-item list (`/items`) and of the
 * counter (`/`), each on a fresh server: renders per second, latency p50/p99, the server's CPU
 * (in cores) and RSS.
 *
 * Every HTTP render runs the view's mount in a worker and parks the session (state bytes and VDOM
 * snapshot) on the gateway for the join window, bounded by `sessions.maxParked` /
 * `maxParkedBytes` (load-tests/app/liveloom.config.mjs). autocannon never joins, so the park fills
 * up to those bounds during a run: that memory and the eviction work are the real cost of a page
 * load, and they are in these figures.
 *
 * Options: `--connections N` (default 50), `--seconds N` per target (default 15; smoke 3).
 */

import autocannon, { type Client, type Result } from 'autocannon'
import * as hdr from 'hdr-histogram-js'
import { readNumber } from './scenario-args.mjs'
import type { Scenario, ScenarioContext, ScenarioResult, ServerHandle } from '../harness/types.mts'

/** The pages rendered, one case each. */
const TARGETS = ['/items', '/']

/** Count bound: at most this many requests per second of the run (far above what one machine renders). */
const MAX_REQUESTS_PER_SECOND = 200_000

/** Requests before measuring, so the workers have compiled the template and the JIT has warmed up. */
const WARMUP_REQUESTS = 200

/** Seconds a request may take before it counts as an error (autocannon's default). */
const REQUEST_TIMEOUT_S = 10

export const httpRender: Scenario = {
  name: 'http-render',
  summary: 'autocannon GET /items (100-item list) and / (counter): req/s, latency p50/p99, server CPU and RSS [--connections 50 --seconds 15]',
  async run(context) {
    const connections = readNumber(context.args, 'connections', 50)
    const seconds = readNumber(context.args, 'seconds', context.smoke ? 3 : 15)
    const results: ScenarioResult[] = []
    for (const path of TARGETS) {
      const server = await context.startServer()
      try {
        results.push(await renderCase(context, server, path, connections, seconds))
      } finally {
        await server.stop()
      }
    }
    return results
  },
}

async function renderCase(context: ScenarioContext, server: ServerHandle, path: string, connections: number, seconds: number): Promise<ScenarioResult> {
  const url = server.url + path
  context.progress(`http-render ${path}: warm-up (${WARMUP_REQUESTS} requests)`)
  await autocannon({ url, connections: Math.min(connections, 10), amount: WARMUP_REQUESTS, timeout: REQUEST_TIMEOUT_S })
  context.progress(`http-render ${path}: ${connections} connections for ${seconds} s`)
  const before = await server.sample()
  const run = await measure(url, connections, seconds)
  const after = await server.sample()
  const received = run.result['2xx'] - run.result.mismatches
  const answered = run.latencyUs.totalCount > 0
  const round = (value: number, places: number): number => Math.round(value * 10 ** places) / 10 ** places
  return {
    scenario: 'http-render',
    case: path,
    figures: {
      req_per_s: round(received / (run.wallMs / 1000), 0),
      latency_p50_ms: answered ? round(run.latencyUs.getValueAtPercentile(50) / 1000, 2) : null,
      latency_p99_ms: answered ? round(run.latencyUs.getValueAtPercentile(99) / 1000, 2) : null,
      server_cpu_cores: round((after.cpuUs - before.cpuUs) / ((after.at - before.at) * 1000), 2),
      server_rss_mb: round(after.rss / 1048576, 0),
      parked_sessions: after.live?.parked ?? null,
    },
    // autocannon's `errors` already include its `timeouts`. A mismatch is a 2xx whose body is not
    // a live page (no data-lv-root): counted as an error, not as received.
    errors: run.result.errors + run.result.non2xx + run.result.mismatches,
    sent: run.result.requests.sent,
    received,
  }
}

/**
 * Runs autocannon for `seconds`, stopping gracefully: at the deadline every connection is told
 * to stop after the response it is waiting for, so every request sent is answered or counted as
 * an error (autocannon's own duration stop abandons the requests in flight). Latency is recorded
 * per response in µs (autocannon's own histogram has 1 ms steps).
 */
async function measure(url: string, connections: number, seconds: number): Promise<{ result: Result; latencyUs: hdr.Histogram; wallMs: number }> {
  const clients: Client[] = []
  const latencyUs = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: REQUEST_TIMEOUT_S * 2e6, numberOfSignificantValueDigits: 3 })
  const started = performance.now()
  const instance = autocannon({
    url,
    connections,
    amount: MAX_REQUESTS_PER_SECOND * seconds,
    timeout: REQUEST_TIMEOUT_S,
    setupClient: (client) => clients.push(client),
    verifyBody: (body) => body.includes('data-lv-root'),
  })
  instance.on('response', (_client: Client, statusCode: number, _bytes: number, responseTimeMs: number) => {
    if (statusCode >= 200 && statusCode < 300) latencyUs.recordValue(Math.max(1, Math.round(responseTimeMs * 1000)))
  })
  const deadline = setTimeout(() => {
    for (const client of clients) client.responseMax = Math.min(client.responseMax, client.reqsMade)
  }, seconds * 1000)
  // Time bound if a connection hangs past its timeout: a hard stop (abandoned requests then show as sent ≠ received).
  const hardStop = setTimeout(() => instance.stop(), (seconds + REQUEST_TIMEOUT_S * 3) * 1000)
  try {
    const result = await instance
    return { result, latencyUs, wallMs: performance.now() - started }
  } finally {
    clearTimeout(deadline)
    clearTimeout(hardStop)
  }
}
