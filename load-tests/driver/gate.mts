/**
 * A counting semaphore: at most `limit` tasks run at once; the rest wait their turn in order.
 * The driver paces joins with it so thousands of sessions do not hit the server in one burst
 * (which would measure the accept queue, not the framework, and fail joins for no reason).
 */
export class Gate {
  private running = 0
  private readonly queue: Array<() => void> = []

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a gate's limit must be a positive integer, got ${limit}`)
  }

  /** Runs `task` when a slot is free; resolves or rejects with it. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    // A finishing task hands its slot straight to the next waiter, so a newcomer cannot slip in
    // between and push the count over the limit.
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve))
    else this.running++
    try {
      return await task()
    } finally {
      const next = this.queue.shift()
      if (next) next()
      else this.running--
    }
  }

  /** Tasks waiting for a slot. */
  get waiting(): number {
    return this.queue.length
  }
}
