/**
 * A gate between a browser test and the async jobs of its fixture view
 * (test/fixtures/views/async-gate.ts), over a BroadcastChannel: the server's workers are threads
 * of the test's process. A job announces `started <label>`, waits for `release <label>`, then
 * announces `released <label> aborted=<its signal's state>`. Tests wait for announcements instead
 * of sleeping, so a job is known to be running (or done) when they act.
 */

const CHANNEL = 'liveloom-test-async-gate'

/** In a job: announces the start, waits for the test's release, announces whether `signal` was aborted by then. */
export async function gate(label: string, signal: AbortSignal): Promise<void> {
  const channel = new BroadcastChannel(CHANNEL)
  try {
    await new Promise<void>((resolve) => {
      // Listening before announcing: a release sent on seeing `started` cannot be missed.
      channel.onmessage = (event) => (event as MessageEvent).data === `release ${label}` && resolve()
      channel.postMessage(`started ${label}`)
    })
    channel.postMessage(`released ${label} aborted=${signal.aborted}`)
  } finally {
    channel.close()
  }
}

/** The test's end of the gate. */
export class GateControl {
  private readonly channel = new BroadcastChannel(CHANNEL)
  private readonly seen: string[] = []
  private readonly waiting = new Map<string, () => void>()

  constructor() {
    this.channel.onmessage = (event) => {
      const text = (event as MessageEvent).data as string
      this.seen.push(text)
      this.waiting.get(text)?.()
    }
  }

  /** Resolves once a job has announced exactly `text` (at most `ms`, then rejects naming it). */
  see(text: string, ms = 10_000): Promise<void> {
    if (this.seen.includes(text)) return Promise.resolve()
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no job announced "${text}" within ${ms} ms; seen: ${this.seen.join(' | ')}`)), ms)
      this.waiting.set(text, () => (clearTimeout(timer), this.waiting.delete(text), resolve()))
    })
  }

  /** Lets the job `label` finish. */
  release(label: string): void {
    this.channel.postMessage(`release ${label}`)
  }

  close(): void {
    this.channel.close()
  }
}
