/**
 * The runner's output: per scenario a human table on stdout (case, each figure, errors, sent,
 * received), then one JSON line per case; in compare mode also a ratio table (this / other) and
 * its JSON lines. Progress goes to stderr, so stdout is the results alone.
 */

import type { ScenarioResult } from './types.mts'

/** Which build a result came from in compare mode. */
export type Build = 'this' | 'other'

/** Prints `results` as a table under `title`, then their JSON lines (tagged with `build` in compare mode). */
export function printResults(title: string, results: ScenarioResult[], build?: Build): void {
  process.stdout.write(`${table(title, results)}\n`)
  for (const line of jsonLines(results, build)) process.stdout.write(`${line}\n`)
}

/** Prints the ratio this / other of every numeric figure, case by case, as a table and JSON lines. */
export function printRatios(title: string, mine: ScenarioResult[], theirs: ScenarioResult[]): void {
  const rows = ratios(mine, theirs)
  const names = figureNames(rows)
  const header = ['case', ...names]
  const body = rows.map((row) => [row.case, ...names.map((name) => cell(row.figures[name]))])
  process.stdout.write(`${title}\n${align([header, ...body])}\n`)
  for (const row of rows) process.stdout.write(`${JSON.stringify({ scenario: row.scenario, case: row.case, ratio: 'this/other', ...row.figures })}\n`)
}

/** Writes a progress line to stderr. */
export function progress(line: string): void {
  process.stderr.write(`${line}\n`)
}

/** The table of one scenario's results: a title line, a header and one aligned row per case. */
export function table(title: string, results: ScenarioResult[]): string {
  const names = figureNames(results)
  const header = ['case', ...names, 'errors', 'sent', 'received']
  const body = results.map((r) => [r.case, ...names.map((name) => cell(r.figures[name])), cell(r.errors), cell(r.sent), cell(r.received)])
  return `${title}\n${align([header, ...body])}`
}

/** One JSON line per case: `{"scenario","case",["build",]…figures,"errors","sent","received"}`. */
export function jsonLines(results: ScenarioResult[], build?: Build): string[] {
  return results.map((r) =>
    JSON.stringify({ scenario: r.scenario, case: r.case, ...(build ? { build } : {}), ...r.figures, errors: r.errors, sent: r.sent, received: r.received }),
  )
}

/** A case's ratios: this build's figure over the other's, for figures numeric in both (null when the other is 0). */
interface RatioRow {
  scenario: string
  case: string
  figures: Record<string, number | null>
}

/** Pairs cases by name (a case only one build ran has no row) and divides their numeric figures. */
export function ratios(mine: ScenarioResult[], theirs: ScenarioResult[]): RatioRow[] {
  const rows: RatioRow[] = []
  for (const a of mine) {
    const b = theirs.find((r) => r.case === a.case)
    if (!b) continue
    const figures: Record<string, number | null> = {}
    for (const [name, value] of Object.entries(a.figures)) {
      const other = b.figures[name]
      if (typeof value !== 'number' || typeof other !== 'number') continue
      figures[name] = other === 0 ? null : Math.round((value / other) * 1000) / 1000
    }
    rows.push({ scenario: a.scenario, case: a.case, figures })
  }
  return rows
}

/** Figure names across rows, in order of first appearance (cases may differ in which they have). */
function figureNames(rows: Array<{ figures: Record<string, unknown> }>): string[] {
  const names = new Set<string>()
  for (const row of rows) for (const name of Object.keys(row.figures)) names.add(name)
  return [...names]
}

function cell(value: number | string | null | undefined): string {
  if (value === null || value === undefined) return '–'
  return String(value)
}

/** Pads columns to their widest cell: the first (case names) left-aligned, figures right-aligned. */
function align(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)))
  return rows.map((row) => row.map((text, column) => (column === 0 ? text.padEnd(widths[column]!) : text.padStart(widths[column]!))).join('  ').trimEnd()).join('\n')
}
