/**
 * Figures the WebSocket scenarios share, computed from the driver's report and server samples.
 * Every figure is computed from measurements; null when there was nothing to measure.
 */

import type { DriverReport } from '../driver/index.mjs'
import type { ServerSample } from '../harness/types.mts'

/** `value` rounded to `digits` decimals. */
export function round(value: number, digits: number): number {
  const scale = 10 ** digits
  return Math.round(value * scale) / scale
}

/** Bytes → MB (MiB), one decimal. */
export function mb(bytes: number): number {
  return round(bytes / 1_048_576, 1)
}

/** Round-trip percentiles of the measured window, in ms; null without answered events. */
export function rttFigures(report: DriverReport): { rtt_p50_ms: number | null; rtt_p99_ms: number | null; rtt_max_ms: number | null } {
  if (report.rtt.totalCount === 0) return { rtt_p50_ms: null, rtt_p99_ms: null, rtt_max_ms: null }
  return {
    rtt_p50_ms: round(report.rtt.getValueAtPercentile(50) / 1000, 2),
    rtt_p99_ms: round(report.rtt.getValueAtPercentile(99) / 1000, 2),
    rtt_max_ms: round(report.rttMaxUs / 1000, 2),
  }
}

/** CPU cores the server used between two samples (CPU µs over wall µs; 1.0 = one core busy). */
export function cpuCores(start: ServerSample, end: ServerSample): number | null {
  const wallUs = (end.at - start.at) * 1000
  return wallUs > 0 ? round((end.cpuUs - start.cpuUs) / wallUs, 2) : null
}

/** One progress line naming the errors of a run by code, with the first samples, or '' when there were none. */
export function errorSummary(report: DriverReport): string {
  if (report.errors === 0) return ''
  const codes = Object.entries(report.errorCodes)
    .map(([code, count]) => `${code} × ${count}`)
    .join(', ')
  return `${report.errors} errors: ${codes}\n    ${report.errorSamples.join('\n    ')}`
}
