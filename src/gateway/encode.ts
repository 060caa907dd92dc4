/**
 * Server frames as JSON text. Ops and nodes arrive from the worker as JSON text already; they are
 * spliced in, never parsed and re-serialized on the main thread.
 */

import { FrameType, type Effect, type StreamWireOp } from '../protocol/frames.js'

/** `joined`; `nodes` is JSON text of the container's nodes, when it must be rebuilt. */
export function joinedFrame(ref: number, v: number, token: string, nodes?: string): string {
  return `{"t":"${FrameType.JOINED}","ref":${ref},"v":${v},"token":${JSON.stringify(token)}${nodes === undefined ? '' : `,"nodes":${nodes}`}}`
}

/**
 * `reply` to an event; `ops` is the engine's JSON text (omitted when empty), `data` the handler's
 * return value as JSON text (omitted when it returned nothing).
 */
export function replyFrame(ref: number, v: number, ops: string | undefined, effects: Effect[], data?: string, more: FrameExtras = {}): string {
  return `{"t":"${FrameType.REPLY}","ref":${ref},"v":${v}${streamPart(more.stream)}${opsAndEffects(ops, effects)}${itemsPart(more.items)}${data === undefined ? '' : `,"data":${data}`}}`
}

/** What reply and diff frames may carry besides ops and effects. */
export interface FrameExtras {
  /** Text-stream ops, applied before the ops. */
  stream?: StreamWireOp[]
  /** Collection updates as JSON text. */
  items?: string
}

/** `diff` pushed outside any event. */
export function diffFrame(v: number, ops: string | undefined, effects: Effect[], more: FrameExtras = {}): string {
  return `{"t":"${FrameType.DIFF}","v":${v}${streamPart(more.stream)}${opsAndEffects(ops, effects)}${itemsPart(more.items)}}`
}

function streamPart(stream: StreamWireOp[] | undefined): string {
  return stream === undefined || stream.length === 0 ? '' : `,"stream":${JSON.stringify(stream)}`
}

function itemsPart(items: string | undefined): string {
  return items === undefined ? '' : `,"items":${items}`
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
