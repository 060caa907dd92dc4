/**
 * Messages on the text-stream channel between a worker and the gateway (see stream-channel.ts
 * and src/gateway/stream-hub.ts).
 */

import type { StreamWireOp } from '../src/protocol/frames.js'
import type { AsyncResult } from '../src/view/async-work.js'
import type { FieldChanges } from '../src/view/state.js'

/** The key of the `parentPort` message that hands the gateway a worker's channel port. */
export const CHANNEL_KEY = 'liveloomStreamChannel'

/** Unacknowledged bytes a session's handler may have in flight before `send` waits. */
export const STREAM_HIGH_WATER = 256 * 1024

/** One op of session `sid`'s task `task`; `size` counts for flow control. */
export type OpEntry = [sid: string, task: number, op: StreamWireOp, size: number]

/**
 * worker → gateway: ops of any sessions, in the order they were sent. Batched: one message per
 * few milliseconds per worker rather than one per token, which is what the gateway's main thread
 * would otherwise spend its time on.
 */
export interface OpsMessage {
  k: 'ops'
  ops: OpEntry[]
}

/** How long a worker gathers ops before posting them (its tasks flush at their end too). */
export const OPS_BATCH_MS = 4

/** worker → gateway: session `sid`'s async job `name`, started by its task `task`, runs in this worker. */
export interface JobStartedMessage {
  k: 'job'
  sid: string
  name: string
  task: number
}

/** worker → gateway: session `sid`'s async job `name` ended. */
export interface JobFinishedMessage {
  k: 'async'
  sid: string
  name: string
  /** The session task that started the job: an outcome of a replaced job is dropped. */
  task: number
  result: AsyncResult
  /** The view fields the job wrote (on success), to merge into the session's state. */
  written?: FieldChanges
}

/** What a worker sends. */
export type WorkerToGateway = OpsMessage | JobStartedMessage | JobFinishedMessage

/** gateway → worker: bytes of each session's ops delivered (or dropped), batched per tick. */
export interface AckMessage {
  k: 'acks'
  acks: Array<[sid: string, bytes: number]>
}

/** gateway → worker: cancel session `sid`'s async job `name` started by its task `task`. */
export interface CancelMessage {
  k: 'cancel'
  sid: string
  name: string
  task: number
}

/** What the gateway sends. */
export type GatewayToWorker = AckMessage | CancelMessage
