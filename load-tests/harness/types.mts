/**
 * The load harness's contracts (load-tests/run.mts): a scenario gets a way to start the server
 * under test as a process of its own, drives it from this process or its children (never inside
 * the server), and returns one result per case, which the runner prints as a table row and a JSON
 * line.
 */

/** The server's process figures at one moment. */
export interface ServerSample {
  /** `performance.now()` of the harness when taken, in ms. */
  at: number
  /** CPU time of the whole server process (all threads), in µs. */
  cpuUs: number
  /** Resident set size, in bytes. */
  rss: number
  /** From the stats endpoint only (absent for a server without one, e.g. another framework). */
  heapUsed?: number
  arrayBuffers?: number
  external?: number
  /** Event-loop delay of the server's main thread since the last `resetLoop`, in ms. */
  loop?: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number }
  /** Session counts (`Live.stats()`). */
  live?: { attached: number; parked: number; parkedBytes: number; sockets: number }
}

/** A server under test, running as a child process on 127.0.0.1. */
export interface ServerHandle {
  /** Base URL, `http://127.0.0.1:<port>`. */
  url: string
  pid: number
  /** Whether the server has the liveloom stats endpoint (heap, loop and live figures). */
  hasStats: boolean
  /** Samples the process: the stats endpoint when there is one, else /proc (CPU and RSS only). */
  sample(): Promise<ServerSample>
  /** Starts a new event-loop delay window (nothing without a stats endpoint). */
  resetLoop(): Promise<void>
  /** Runs a full GC in the server when it can (liveloom's default command has --expose-gc); returns whether it did. */
  gc(): Promise<boolean>
  /** Stops the server (SIGTERM, then SIGKILL after 10 s); resolves when it has exited. */
  stop(): Promise<void>
}

/** What a scenario is given. */
export interface ScenarioContext {
  /** Starts a fresh server process (the command from the command line, or liveloom's fixture app). */
  startServer(): Promise<ServerHandle>
  /** `--smoke`: a short, small run for CI (about 10 s in all), checking correctness, not speed. */
  smoke: boolean
  /** Options from the command line (`--seconds 30` → `{ seconds: '30' }`), for the scenario to read and check. */
  args: Record<string, string | undefined>
  /** Prints a progress line (to stderr: stdout carries the table and JSON lines). */
  progress(line: string): void
}

/** One case of a scenario (e.g. `events` at 500 sessions). */
export interface ScenarioResult {
  scenario: string
  /** The case within the scenario, e.g. `500 sessions` or `/items`. */
  case: string
  /** The figures, by name with unit suffix (`events_per_s`, `rtt_p99_ms`, `rss_mb`); null when not measurable. */
  figures: Record<string, number | string | null>
  /** Errors seen (failed requests, error frames, lost replies): a correct run has 0. */
  errors: number
  /** Requests or events sent, and replies received: a correct run has them equal. */
  sent: number
  received: number
}

/** A load scenario. */
export interface Scenario {
  name: string
  /** One line for `npm run load -- --help`. */
  summary: string
  run(context: ScenarioContext): Promise<ScenarioResult[]>
}
