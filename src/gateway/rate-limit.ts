/**
 * A token bucket: `burst` frames at once, refilled continuously at `perSecond`.
 */

/** One connection's frame budget. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
    now = performance.now(),
  ) {
    this.tokens = burst
    this.last = now
  }

  /** Takes one token; `false` when the bucket is empty. */
  take(now = performance.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    // Refills summed from many small steps fall short by rounding (ten 0.1s make 0.9999999999999999):
    // a client sending at exactly perSecond must not be refused for it.
    if (this.tokens < 1 - 1e-9) return false
    this.tokens -= 1
    return true
  }
}
