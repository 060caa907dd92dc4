/**
 * The gateway's side of the workers' text-stream channels: each worker hands over one
 * MessagePort (as a Piscina pool `message`); ops arriving on it go to their session's
 * StreamBuffer, and acknowledgements go back on it.
 */

import type { MessagePort } from 'node:worker_threads'
import { CHANNEL_KEY, type GatewayToWorker, type WorkerToGateway } from '../../workers/stream-messages.js'
import type { Session } from '../sessions/session.js'
import type { AsyncResult } from '../view/async-work.js'
import type { FieldChanges } from '../view/state.js'

/** Routes stream ops from workers to sessions, and async jobs' outcomes and cancels. */
export class StreamHub {
  private readonly ports = new Set<MessagePort>()
  private readonly owed = new Map<MessagePort, Map<string, number>>()
  private ackTimer: NodeJS.Immediate | undefined
  // Which worker channel runs each session's job (`sid\0name`), so a cancel reaches it.
  private readonly jobs = new Map<string, MessagePort>()
  // Cancels that arrived before their job's start message (the two travel on different channels).
  private readonly earlyCancels = new Set<string>()

  constructor(
    private readonly findSession: (sid: string) => Session | undefined,
    private readonly onJobDone: (sid: string, name: string, result: AsyncResult, written?: FieldChanges) => void,
  ) {}

  /** Handles a pool `message`; returns whether it was a channel hand-over. */
  onPoolMessage(message: unknown): boolean {
    const port = (message as Record<string, unknown> | null)?.[CHANNEL_KEY] as MessagePort | undefined
    if (!port) return false
    this.ports.add(port)
    port.on('message', (m: WorkerToGateway) => this.onMessage(port, m))
    port.on('close', () => this.onClose(port))
    return true
  }

  /** Cancels session `sid`'s job `name` in the worker running it. */
  cancel(sid: string, name: string): void {
    const key = jobKey(sid, name)
    const port = this.jobs.get(key)
    if (!port) return void this.earlyCancels.add(key)
    const message: GatewayToWorker = { k: 'cancel', sid, name }
    port.postMessage(message)
  }

  /**
   * Acknowledges `bytes` of session `sid`'s ops to the worker behind `port`. Gathered and posted
   * once per event-loop turn: one message per worker, not one per session frame.
   */
  ack(port: unknown, sid: string, bytes: number): void {
    const forPort = this.owed.get(port as MessagePort) ?? new Map<string, number>()
    forPort.set(sid, (forPort.get(sid) ?? 0) + bytes)
    this.owed.set(port as MessagePort, forPort)
    this.ackTimer ??= setImmediate(() => this.flushAcks())
  }

  private flushAcks(): void {
    this.ackTimer = undefined
    for (const [port, acks] of this.owed) {
      const message: GatewayToWorker = { k: 'acks', acks: [...acks] }
      port.postMessage(message)
    }
    this.owed.clear()
  }

  /** Closes every channel (the pool is stopping). */
  close(): void {
    if (this.ackTimer) clearImmediate(this.ackTimer)
    this.owed.clear()
    for (const port of this.ports) port.close()
    this.ports.clear()
  }

  private onMessage(port: MessagePort, message: WorkerToGateway): void {
    switch (message.k) {
      case 'ops':
        for (const [sid, task, op, size] of message.ops) {
          const session = this.findSession(sid)
          // A session that is gone takes nothing; the ack keeps its handler from waiting.
          if (!session) this.ack(port, sid, size)
          else session.stream.push(op, task, size, port)
        }
        return
      case 'job': {
        const key = jobKey(message.sid, message.name)
        this.jobs.set(key, port)
        if (this.earlyCancels.delete(key)) this.cancel(message.sid, message.name)
        return
      }
      case 'async':
        this.jobs.delete(jobKey(message.sid, message.name))
        return this.onJobDone(message.sid, message.name, message.result, message.written)
    }
  }

  /** A worker's channel closed (it died or stopped): its jobs end with an error. */
  private onClose(port: MessagePort): void {
    this.ports.delete(port)
    this.owed.delete(port)
    for (const [key, jobPort] of this.jobs) {
      if (jobPort !== port) continue
      this.jobs.delete(key)
      const [sid, name] = key.split('\u0000') as [string, string]
      this.onJobDone(sid, name, { ok: false, error: { code: 'LIVELOOM_ERR_WORKER_DIED', message: `the worker running async job ${JSON.stringify(name)} stopped` } })
    }
  }
}

function jobKey(sid: string, name: string): string {
  return `${sid}\u0000${name}`
}
