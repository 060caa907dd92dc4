/**
 * The part of autocannon 9's programmatic API the http-render scenario uses (autocannon ships no
 * types, and @types/autocannon lags its releases). Field meanings are from its lib/run.js.
 */
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events'

  /** One connection. `reqsMade` and `responseMax` are internals: the scenario lowers `responseMax` to stop gracefully. */
  export interface Client extends EventEmitter {
    reqsMade: number
    responseMax: number
  }

  export interface Options {
    url: string
    connections?: number
    /** Requests in all; overrides `duration`. Every connection stops after its last response. */
    amount?: number
    duration?: number
    /** Seconds before a request counts as timed out (also counted in `errors`). */
    timeout?: number
    setupClient?: (client: Client) => void
    /** A response whose body fails this counts in `mismatches` (it is still counted by status). */
    verifyBody?: (body: string) => boolean
    headers?: Record<string, string>
  }

  export interface Result {
    /** Requests written to a socket, including those that failed or timed out. */
    requests: { sent: number; total: number; average: number }
    latency: { p50: number; p99: number }
    /** Socket errors and timeouts (a timeout counts in both `errors` and `timeouts`). */
    errors: number
    timeouts: number
    mismatches: number
    /** Responses with a status outside 2xx. */
    non2xx: number
    '2xx': number
    duration: number
  }

  export interface Instance extends EventEmitter, PromiseLike<Result> {
    /** Stops at the next sample tick; requests still in flight are abandoned. */
    stop(): void
  }

  function autocannon(options: Options): Instance
  export default autocannon
}
