/**
 * One driver process's counts. Events are attributed to the window they were sent in: an event
 * sent during the warm-up whose reply arrives after the window opened counts for neither `sent`
 * nor `received`, so a correct run has exactly `sent === received` (and every error counted).
 */

import * as hdr from 'hdr-histogram-js'
import type { ShareReport } from './plan.mjs'

/** Error samples kept per process: enough to say why, not a log. */
const MAX_SAMPLES = 5

/** Round trips recorded up to 10 minutes in µs with 3 significant digits (0.1 % resolution). */
export function newRttHistogram(): hdr.Histogram {
  return hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 })
}

/** Which phase an event was sent in. */
export type Phase = 'before' | 'window' | 'after'

/** The counters of one driver process. */
export class Tally {
  phase: Phase = 'before'
  private windowStart = 0
  private windowEnd = 0
  private cpuAtStart: NodeJS.CpuUsage | undefined
  private windowCpuUs = 0
  private readonly rtt = newRttHistogram()
  private rttMaxUs = 0
  readonly counts = {
    joined: 0,
    joinFailures: 0,
    joinedTotal: 0,
    left: 0,
    unexpectedCloses: 0,
    sent: 0,
    received: 0,
    errorReplies: 0,
    lost: 0,
    errorsOutsideWindow: 0,
    answeredInWindow: 0,
    replyBytes: 0,
    unreferenced: 0,
    stray: 0,
    capped: 0,
  }
  private readonly errorCodes: Record<string, number> = {}
  private readonly errorSamples: string[] = []

  /** Opens the measured window. */
  openWindow(): void {
    this.phase = 'window'
    this.windowStart = performance.now()
    this.cpuAtStart = process.cpuUsage()
  }

  /** Closes the measured window: later answers still count for the events sent in it. */
  closeWindow(): void {
    if (this.phase === 'window') {
      this.windowEnd = performance.now()
      const cpu = process.cpuUsage(this.cpuAtStart)
      this.windowCpuUs = cpu.user + cpu.system
    }
    this.phase = 'after'
  }

  /** An event was sent now; returns the phase to attribute its answer to. */
  eventSent(): Phase {
    if (this.phase === 'window') this.counts.sent++
    return this.phase
  }

  /** The event sent in `phase` at `sentAt` (performance.now()) was answered by a `reply` of `bytes` payload bytes. */
  replied(phase: Phase, sentAt: number, bytes: number): void {
    if (this.phase === 'window') this.counts.answeredInWindow++
    if (phase !== 'window') return
    this.counts.received++
    this.counts.replyBytes += bytes
    this.recordRtt(sentAt)
  }

  /** The event sent in `phase` was answered by an error frame with `code`. */
  errorReplied(phase: Phase, sentAt: number, code: string, message: string): void {
    if (this.phase === 'window') this.counts.answeredInWindow++
    this.error(code, message)
    if (phase !== 'window') return void this.counts.errorsOutsideWindow++
    this.counts.errorReplies++
    this.recordRtt(sentAt)
  }

  /** The event sent in `phase` got no answer within the reply timeout (or its socket closed first). */
  lost(phase: Phase, code: string, message: string): void {
    this.error(code, message)
    if (phase === 'window') this.counts.lost++
    else this.counts.errorsOutsideWindow++
  }

  /** Counts an error under `code`, keeping the first few messages. */
  error(code: string, message: string): void {
    this.errorCodes[code] = (this.errorCodes[code] ?? 0) + 1
    if (this.errorSamples.length < MAX_SAMPLES) this.errorSamples.push(`${code}: ${message}`)
  }

  private recordRtt(sentAt: number): void {
    const us = Math.max(1, Math.round((performance.now() - sentAt) * 1000))
    this.rtt.recordValue(us)
    if (us > this.rttMaxUs) this.rttMaxUs = us
  }

  /** The counts as a JSON-safe report. */
  report(): ShareReport {
    const windowMs = this.windowStart === 0 ? 0 : (this.windowEnd || performance.now()) - this.windowStart
    return {
      ...this.counts,
      windowMs,
      cpuUs: this.windowCpuUs,
      rttHistogram: hdr.encodeIntoCompressedBase64(this.rtt),
      rttMaxUs: this.rttMaxUs,
      errorCodes: { ...this.errorCodes },
      errorSamples: [...this.errorSamples],
    }
  }
}
