/**
 * A per-session FIFO: one job at a time, in arrival order, like a Phoenix process's mailbox.
 * Different sessions' mailboxes run in parallel.
 */

/** A serial job queue with a bound. */
export class Mailbox {
  private readonly jobs: Array<() => Promise<void>> = []
  private running = false
  private drained: Array<() => void> = []

  constructor(private readonly limit: number) {}

  /** Queues `job`; returns `false` (and drops it) when `limit` jobs are already waiting. */
  post(job: () => Promise<void>): boolean {
    if (this.jobs.length >= this.limit) return false
    this.jobs.push(job)
    if (!this.running) void this.runAll()
    return true
  }

  /** Jobs waiting or running. */
  get size(): number {
    return this.jobs.length + (this.running ? 1 : 0)
  }

  /** Resolves once nothing is waiting or running. */
  idle(): Promise<void> {
    if (!this.running && this.jobs.length === 0) return Promise.resolve()
    return new Promise((resolve) => this.drained.push(resolve))
  }

  private async runAll(): Promise<void> {
    this.running = true
    while (this.jobs.length > 0) {
      const job = this.jobs.shift()!
      // Jobs handle their own failures; a throw here must not stop the queue. try/await, not
      // job().catch(): a job that throws before returning a promise would escape .catch and
      // leave the mailbox marked running forever.
      try {
        await job()
      } catch {}
    }
    this.running = false
    const waiting = this.drained
    this.drained = []
    for (const resolve of waiting) resolve()
  }
}
