/**
 * liveloom's error type. Every error the library throws or sends carries a stable code
 * (`LIVELOOM_ERR_*`), says what happened and what to do, and says whose fault it is, so that
 * logs, error frames and tests can rely on the code and people can act on the message.
 */

/** Whose fault an error is: the application's code or input, the network/peer, or liveloom itself. */
export type Fault = 'app' | 'network' | 'internal'

/** Options of [[LiveloomError]]. */
export interface LiveloomErrorOptions {
  /** Whose fault it is. Default: `'app'`. */
  fault?: Fault
  /** The underlying error, if any. */
  cause?: unknown
  /** Extra structured facts (the option name, the field, the limit...). */
  details?: Record<string, unknown>
}

/** An error with a stable code. Never throw strings or bare `Error`s from liveloom code. */
export class LiveloomError extends Error {
  /** Stable machine-readable code, `LIVELOOM_ERR_*`. */
  readonly code: string
  /** Whose fault it is. */
  readonly fault: Fault
  /** Extra structured facts, safe to log. */
  readonly details: Record<string, unknown>

  constructor(code: string, message: string, options: LiveloomErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    if (!/^LIVELOOM_ERR_[A-Z0-9_]+$/.test(code)) {
      throw new TypeError(`liveloom error codes look like LIVELOOM_ERR_SOMETHING, got ${JSON.stringify(code)}`)
    }
    this.name = 'LiveloomError'
    this.code = code
    this.fault = options.fault ?? 'app'
    this.details = options.details ?? {}
  }

  /** A plain, JSON-safe view (for error frames and structured logs); no stack, no cause. */
  toJSON(): { code: string; message: string; fault: Fault; details: Record<string, unknown> } {
    return { code: this.code, message: this.message, fault: this.fault, details: this.details }
  }
}

/** Whether `value` is an error carrying a `LIVELOOM_ERR_*` code (from this module or the addon). */
export function hasLiveloomCode(value: unknown): value is Error & { code: string } {
  if (!(value instanceof Error)) return false
  const code: unknown = (value as { code?: unknown }).code
  return typeof code === 'string' && code.startsWith('LIVELOOM_ERR_')
}
