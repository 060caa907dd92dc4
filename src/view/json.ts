/**
 * Values that travel to the browser as JSON (push event payloads, handler replies) are checked
 * where they are made, so the error names the handler rather than surfacing in the gateway.
 */

import { LiveloomError } from '../errors.js'
import type { ParamValue } from '../protocol/frames.js'

/**
 * `value` as a JSON value (a JSON round trip, so Dates become strings as `JSON.stringify` makes
 * them). Throws `LIVELOOM_ERR_NOT_JSON` naming `what` for cycles, BigInts and values JSON drops
 * (functions, undefined, symbols at the top).
 */
export function toJsonValue(value: unknown, what: string): ParamValue {
  let text: string | undefined
  try {
    text = JSON.stringify(value)
  } catch (cause) {
    throw new LiveloomError('LIVELOOM_ERR_NOT_JSON', `${what} must be JSON data: ${(cause as Error).message}`, { cause })
  }
  if (text === undefined) throw new LiveloomError('LIVELOOM_ERR_NOT_JSON', `${what} must be JSON data, got ${typeof value}`)
  return JSON.parse(text) as ParamValue
}
