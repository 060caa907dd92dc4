/**
 * Reading the WebSocket scenarios' command-line options (`context.args`): whole numbers and
 * lists of them, checked, with errors that say which option and what it takes.
 */

import { LiveloomError } from '../../src/errors.js'

type Args = Record<string, string | undefined>

/** `--name 100,500,2000` as positive whole numbers, or `fallback` when absent. */
export function readCounts(args: Args, name: string, fallback: number[]): number[] {
  const text = args[name]
  if (text === undefined) return fallback
  const counts = text.split(',').map((part) => part.trim())
  if (counts.length === 0 || !counts.every((part) => /^[1-9]\d*$/.test(part))) throw argsError(name, 'a comma-separated list of positive whole numbers', text)
  return counts.map(Number)
}

/** `--name N` as a number of at least `min` (a whole number unless `fraction`), or `fallback` when absent. */
export function readNumber(args: Args, name: string, fallback: number, { min = 1, fraction = false }: { min?: number; fraction?: boolean } = {}): number {
  const text = args[name]
  if (text === undefined) return fallback
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value < min || (!fraction && !Number.isInteger(value))) {
    throw argsError(name, `${fraction ? 'a number' : 'a whole number'} of at least ${min}`, text)
  }
  return value
}

/** `--drivers N` (driver processes), or undefined for the fleet's default. */
export function readDrivers(args: Args): number | undefined {
  return args.drivers === undefined ? undefined : readNumber(args, 'drivers', 1)
}

function argsError(name: string, wanted: string, got: string): LiveloomError {
  return new LiveloomError('LIVELOOM_ERR_LOAD_ARGS', `--${name} takes ${wanted}, got ${JSON.stringify(got)}`)
}
