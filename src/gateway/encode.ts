/**
 * Server frames as JSON text. Ops and nodes arrive from the worker as JSON text already; they are
 * spliced in, never parsed and re-serialized on the main thread.
 */

import { FrameType, type Effect } from '../protocol/frames.js'

/** `joined`; `nodes` is JSON text of the container's nodes, when it must be rebuilt. */
export function joinedFrame(ref: number, v: number, token: string, nodes?: string): string {
  return `{"t":"${FrameType.JOINED}","ref":${ref},"v":${v},"token":${JSON.stringify(token)}${nodes === undefined ? '' : `,"nodes":${nodes}`}}`
}

/**
 * `reply` to an event; `ops` is the engine's JSON text (omitted when empty), `data` the handler's
 * return value as JSON text (omitted when it returned nothing).
 */
export function replyFrame(ref: number, v: number, ops: string | undefined, effects: Effect[], data?: string): string {
  return `{"t":"${FrameType.REPLY}","ref":${ref},"v":${v}${opsAndEffects(ops, effects)}${data === undefined ? '' : `,"data":${data}`}}`
}

/** `diff` pushed outside any event. */
export function diffFrame(v: number, ops: string | undefined, effects: Effect[]): string {
  return `{"t":"${FrameType.DIFF}","v":${v}${opsAndEffects(ops, effects)}}`
}

/** `render`: the whole container as nodes (JSON text). */
export function renderFrame(ref: number | undefined, v: number, nodes: string): string {
  return `{"t":"${FrameType.RENDER}"${ref === undefined ? '' : `,"ref":${ref}`},"v":${v},"nodes":${nodes}}`
}

/** `error`, replying to `ref` when there is one. */
export function errorFrame(ref: number | undefined, v: number, code: string, message: string): string {
  return JSON.stringify(ref === undefined ? { t: FrameType.ERROR, v, code, message } : { t: FrameType.ERROR, ref, v, code, message })
}

function opsAndEffects(ops: string | undefined, effects: Effect[]): string {
  return `${ops === undefined || ops === '[]' ? '' : `,"ops":${ops}`}${effects.length === 0 ? '' : `,"effects":${JSON.stringify(effects)}`}`
}
