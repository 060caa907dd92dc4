/**
 * Merges the driver processes' reports into one: counts add up, round-trip histograms are decoded
 * and added (hdr histograms merge exactly, so the percentiles are those of all events together,
 * not an average of percentiles), and rates are summed over each process's own window.
 */

import * as hdr from 'hdr-histogram-js'
import type { DriverReport, ShareReport } from './plan.mjs'
import { newRttHistogram } from './tally.mjs'

/** Error samples kept in a merged report. */
const MAX_SAMPLES = 10

/** The fleet's report from its processes' reports. */
export function mergeReports(shares: ShareReport[]): DriverReport {
  const rtt = newRttHistogram()
  const errorCodes: Record<string, number> = {}
  const sum = (key: keyof ShareReport): number => shares.reduce((total, share) => total + (share[key] as number), 0)
  let answeredPerSecond = 0
  let cpuCores = 0
  for (const share of shares) {
    const part = hdr.decodeFromCompressedBase64(share.rttHistogram)
    rtt.add(part)
    part.destroy()
    for (const [code, count] of Object.entries(share.errorCodes)) errorCodes[code] = (errorCodes[code] ?? 0) + count
    if (share.windowMs > 0) {
      answeredPerSecond += share.answeredInWindow / (share.windowMs / 1000)
      cpuCores += share.cpuUs / (share.windowMs * 1000)
    }
  }
  return {
    processes: shares.length,
    // Every error the driver saw went through Tally.error under a code, so the codes add up to all of them.
    errors: Object.values(errorCodes).reduce((total, count) => total + count, 0),
    joined: sum('joined'),
    joinFailures: sum('joinFailures'),
    joinedTotal: sum('joinedTotal'),
    left: sum('left'),
    unexpectedCloses: sum('unexpectedCloses'),
    sent: sum('sent'),
    received: sum('received'),
    errorReplies: sum('errorReplies'),
    lost: sum('lost'),
    errorsOutsideWindow: sum('errorsOutsideWindow'),
    answeredInWindow: sum('answeredInWindow'),
    answeredPerSecond,
    cpuCores,
    windowMs: Math.max(0, ...shares.map((share) => share.windowMs)),
    replyBytes: sum('replyBytes'),
    unreferenced: sum('unreferenced'),
    stray: sum('stray'),
    capped: sum('capped'),
    rtt,
    rttMaxUs: Math.max(0, ...shares.map((share) => share.rttMaxUs)),
    errorCodes,
    errorSamples: shares.flatMap((share) => share.errorSamples).slice(0, MAX_SAMPLES),
  }
}
