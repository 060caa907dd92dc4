/**
 * The worker's side of the text-stream channel: one MessagePort per worker, opened on first use
 * and handed to the gateway through `parentPort` (Piscina emits it as a pool `message`). Ops go
 * out tagged with their session and task; the gateway acknowledges bytes as it delivers them, and
 * a session with too much unacknowledged output makes `send` wait: a slow browser slows its
 * handler down instead of growing memory.
 */

import { MessageChannel, parentPort, type MessagePort } from 'node:worker_threads'
import type { StreamWireOp } from '../src/protocol/frames.js'
import type { CountingSink } from './run-task.js'
import { CHANNEL_KEY, OPS_BATCH_MS, STREAM_HIGH_WATER, type GatewayToWorker, type OpEntry, type WorkerToGateway } from './stream-messages.js'

let port: MessagePort | undefined
let onCancel: ((sid: string, name: string, task: number) => void) | undefined

/** Where cancel requests from the gateway go (the worker's job runner). */
export function onCancelRequest(listener: (sid: string, name: string, task: number) => void): void {
  onCancel = listener
}

let outbox: OpEntry[] = []
let outboxTimer: NodeJS.Timeout | undefined

/** Posts the gathered ops now (a task calls it before returning, so its reply is not held up). */
export function flushOps(): void {
  clearTimeout(outboxTimer)
  outboxTimer = undefined
  if (outbox.length === 0) return
  const message: WorkerToGateway = { k: 'ops', ops: outbox }
  outbox = []
  channel().postMessage(message)
}

/** Sends a message to the gateway on this worker's channel, after the ops gathered so far. */
export function tellGateway(message: WorkerToGateway): void {
  flushOps()
  channel().postMessage(message)
}
const unacknowledged = new Map<string, number>()
const waiting = new Map<string, Array<() => void>>()

function channel(): MessagePort {
  if (port) return port
  if (!parentPort) throw new Error('the stream channel exists only in worker threads')
  const { port1, port2 } = new MessageChannel()
  parentPort.postMessage({ [CHANNEL_KEY]: port2 }, [port2])
  port1.on('message', (message: GatewayToWorker) => {
    if (message.k === 'acks') for (const [sid, bytes] of message.acks) release(sid, bytes)
    else if (message.k === 'cancel') onCancel?.(message.sid, message.name, message.task)
  })
  // Acks must not keep an idle worker alive; tasks do that.
  port1.unref()
  port = port1
  return port1
}

function release(sid: string, bytes: number): void {
  const left = (unacknowledged.get(sid) ?? 0) - bytes
  if (left > 0) unacknowledged.set(sid, left)
  else unacknowledged.delete(sid)
  if (left <= STREAM_HIGH_WATER / 2) {
    const resume = waiting.get(sid)
    waiting.delete(sid)
    resume?.forEach((go) => go())
  }
}

/** The size an op counts for in flow control: its text, or its JSON for nodes. */
export function opSize(op: StreamWireOp): number {
  return 16 + (op.length > 2 ? JSON.stringify(op[op.length - 1]).length : 0)
}

/** A sink sending task `task` of session `sid`'s ops over this worker's channel. */
export function channelSink(sid: string, task: number): CountingSink {
  let sent = 0
  return {
    get sent() {
      return sent
    },
    send(op: StreamWireOp): Promise<void> {
      const size = opSize(op)
      outbox.push([sid, task, op, size])
      outboxTimer ??= setTimeout(flushOps, OPS_BATCH_MS)
      sent++
      const total = (unacknowledged.get(sid) ?? 0) + size
      unacknowledged.set(sid, total)
      if (total <= STREAM_HIGH_WATER) return Promise.resolve()
      return new Promise((resolve) => {
        const list = waiting.get(sid) ?? []
        list.push(resolve)
        waiting.set(sid, list)
      })
    },
  }
}
