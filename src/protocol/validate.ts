/**
 * Validation of frames from browsers (hostile input), with valibot. Gateway only: the client does
 * not import this, so its bundle stays small.
 */

import * as v from 'valibot'
import { FrameType, type ClientFrame } from './frames.js'

/** Most nesting allowed in event parameters (forms and data attributes are shallow). */
export const MAX_PARAMS_DEPTH = 8
/** Longest event name. */
export const MAX_EVENT_NAME = 128

const Ref = v.pipe(v.number(), v.safeInteger(), v.minValue(1))

/** JSON values at most `MAX_PARAMS_DEPTH` deep; `JSON.parse` output cannot hold anything else. */
function withinDepth(value: unknown, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true
  if (depth >= MAX_PARAMS_DEPTH) return false
  const children = Array.isArray(value) ? value : Object.values(value)
  return children.every((child) => withinDepth(child, depth + 1))
}

const Params = v.pipe(
  // Before record(), which would take an array for an object and turn it into one.
  v.custom<Record<string, unknown>>((input) => typeof input === 'object' && input !== null && !Array.isArray(input), 'event params must be a JSON object'),
  v.record(v.string(), v.unknown()),
  v.check((params) => withinDepth(params, 0), `event params may nest at most ${MAX_PARAMS_DEPTH} levels`),
)

const JoinSchema = v.strictObject({
  t: v.literal(FrameType.JOIN),
  ref: Ref,
  pv: v.number(),
  token: v.pipe(v.string(), v.minLength(1), v.maxLength(16_384)),
  url: v.pipe(v.string(), v.startsWith('/'), v.maxLength(8_192)),
  v: v.optional(v.pipe(v.number(), v.safeInteger(), v.minValue(0))),
})

const EventSchema = v.strictObject({
  t: v.literal(FrameType.EVENT),
  ref: Ref,
  name: v.pipe(v.string(), v.regex(/^([A-Za-z_$][\w$]*|lv:[a-z-]+)$/, 'event names are identifiers (or liveloom built-ins like lv:clear-flash)'), v.maxLength(MAX_EVENT_NAME)),
  params: Params,
})

const RefreshSchema = v.strictObject({ t: v.literal(FrameType.REFRESH), ref: Ref })

const UrlPath = v.pipe(v.string(), v.startsWith('/'), v.maxLength(8_192))
const ParamsSchema = v.strictObject({ t: v.literal(FrameType.PARAMS), ref: Ref, url: UrlPath })
const NavigateSchema = v.strictObject({ t: v.literal(FrameType.NAVIGATE), ref: Ref, url: UrlPath })

const ClientFrameSchema = v.variant('t', [JoinSchema, EventSchema, RefreshSchema, ParamsSchema, NavigateSchema])

/** The outcome of reading a frame. */
export type ParsedFrame = { ok: true; frame: ClientFrame } | { ok: false; reason: string; ref?: number }

/**
 * Parses and validates one text message. A failure says why and, when the frame had a usable
 * `ref`, which one (so the error can be a reply).
 */
export function parseClientFrame(text: string): ParsedFrame {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { ok: false, reason: 'frame is not JSON' }
  }
  const result = v.safeParse(ClientFrameSchema, data)
  if (result.success) return { ok: true, frame: result.output as ClientFrame }
  const issue = result.issues[0]
  const path = issue.path?.map((p) => String(p.key)).join('.')
  const ref = (data as { ref?: unknown } | null)?.ref
  const reason = path ? `${path}: ${issue.message}` : issue.message
  return typeof ref === 'number' && Number.isSafeInteger(ref) && ref > 0 ? { ok: false, reason, ref } : { ok: false, reason }
}
