/**
 * Logging through pino, or through any logger with pino's shape that the user passes.
 */

import { pino } from 'pino'

/** The part of pino's interface liveloom uses. */
export interface Logger {
  debug(object: object, message?: string): void
  info(object: object, message?: string): void
  warn(object: object, message?: string): void
  error(object: object, message?: string): void
  child(bindings: Record<string, unknown>): Logger
}

/** The user's logger under a `liveloom` child, or a new pino logger (`LOG_LEVEL`, default `info`). */
export function createLogger(user: Logger | undefined): Logger {
  const base = user ?? (pino({ level: process.env.LOG_LEVEL ?? 'info' }) as unknown as Logger)
  return base.child({ name: 'liveloom' })
}
