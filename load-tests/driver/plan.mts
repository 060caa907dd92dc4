/**
 * What the WebSocket load driver is asked to do (a {@link DriverPlan}) and what it reports back
 * (a {@link ShareReport} per driver process, merged into a {@link DriverReport}). Plans and share
 * reports cross process boundaries over IPC, so they hold plain JSON data only.
 */

import type { Histogram } from 'hdr-histogram-js'

/**
 * How sessions behave once joined:
 * - `events`: each session sends its next event as soon as the previous one is answered.
 * - `idle`: sessions join and hold their sockets open, sending nothing.
 * - `soak`: each session waits a think time between events, and sessions leave and new ones join
 *   at `churnPerSecond`.
 */
export type DriverMode = 'events' | 'idle' | 'soak'

/** The event sessions send: `name` with `params`, one parameter optionally rotating through `'1'…'count'`. */
export interface EventSpec {
  name: string
  params?: Record<string, string | number | boolean>
  /** Sets `params[key]` to the decimal string `1…count`, advancing by one per event and offset per session. */
  rotate?: { key: string; count: number }
}

/** A load run, as the scenario states it; the fleet splits it across driver processes. */
export interface DriverPlan {
  /** The server's base URL, `http://127.0.0.1:<port>`. */
  url: string
  /** The page every session opens and joins, e.g. `/items`. */
  path: string
  mode: DriverMode
  /** Sessions to join at the start (the population, in `soak`). */
  sessions: number
  /** Required for `events` and `soak`. */
  event?: EventSpec
  /** `soak`: think time between a reply and the next event, drawn uniformly from [min, max] ms. Default [50, 200]. */
  thinkMs?: [number, number]
  /** `soak`: sessions per second that leave (close their socket), each replaced by a new one. Default 0. */
  churnPerSecond?: number
  /** Joins in flight at once across all driver processes, so the join phase is not a storm. Default 50. */
  joinConcurrency?: number
  /** A join step (the page; the socket up to `joined`) taking longer fails. Default 10,000 ms. */
  joinTimeoutMs?: number
  /** An event not answered within this is counted lost (an error). Default 10,000 ms. */
  replyTimeoutMs?: number
  /** Count bound: a session stops after this many events. Default 1,000,000. */
  maxEventsPerSession?: number
  /**
   * Time bound on the whole run, in seconds: a driver process still running after it closes its
   * sockets and exits with `LIVELOOM_ERR_LOAD_DEADLINE`, whatever its parent does.
   */
  maxSeconds: number
}

/** One driver process's part of a plan. */
export interface SharePlan extends DriverPlan {
  /** The share's index among the driver processes. */
  index: number
  /** The global index of this share's first session (keeps rotating parameters distinct across processes). */
  firstSession: number
  /** This share's join concurrency (its part of the plan's). */
  joinConcurrency: number
  /** This share's churn (its part of the plan's). */
  churnPerSecond: number
}

/** Counts one driver process sends back when asked to stop. Event counts cover the measured window. */
export interface ShareReport {
  /** Sessions joined in the join phase, and failed joins (any phase). */
  joined: number
  joinFailures: number
  /** Every successful join, including churn replacements. */
  joinedTotal: number
  /** Sessions that left on purpose (churn). */
  left: number
  /** Sockets the server closed, or that failed, while the driver still wanted them. */
  unexpectedCloses: number
  /** Events sent in the measured window, and their answers: replies, error frames, and replies not received within the reply timeout. */
  sent: number
  received: number
  errorReplies: number
  lost: number
  /** Error frames and lost replies of events sent outside the measured window (the warm-up). */
  errorsOutsideWindow: number
  /** Answers (replies and error frames) that arrived while the window was open, whenever their event was sent, and the window's length. */
  answeredInWindow: number
  windowMs: number
  /** CPU time this driver process used in the window, in µs (to show whether the driver, not the server, was the limit). */
  cpuUs: number
  /** Payload bytes of the window's `reply` frames (perMessageDeflate is off, so this is what the wire carried, less the 2–4-byte frame header). */
  replyBytes: number
  /** Frames without a ref (pushed `diff` frames), counted, not matched. */
  unreferenced: number
  /** Frames whose ref matched no event in flight (a reply that arrived after it was counted lost). */
  stray: number
  /** Sessions that stopped because they reached `maxEventsPerSession`. */
  capped: number
  /** Round trips of the window's answered events, in µs: an hdr histogram in compressed base64, and the exact maximum. */
  rttHistogram: string
  rttMaxUs: number
  /** Error counts by code (error frames' codes, `LIVELOOM_ERR_LOAD_*` for the driver's own findings). */
  errorCodes: Record<string, number>
  /** The first few error messages, to say why in a report. */
  errorSamples: string[]
}

/** The merged report of all driver processes. */
export interface DriverReport extends Omit<ShareReport, 'rttHistogram' | 'windowMs' | 'cpuUs'> {
  /** Driver processes used. */
  processes: number
  /** Every error: join failures, unexpected closes, error frames and lost replies (in and outside the window). A correct run has 0. */
  errors: number
  /** Answers per second in the measured window, summed over processes (each over its own window). */
  answeredPerSecond: number
  /** CPU cores the driver processes used in the window, summed (1.0 = one core busy). */
  cpuCores: number
  /** Longest window of any process, in ms. */
  windowMs: number
  /** Round trips of the window's answered events, in µs. */
  rtt: Histogram
}
