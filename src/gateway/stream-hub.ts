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
  // The current job of each session and name (`sid\0name`): the worker channel running it, so a
  // cancel reaches it, and the session task that started it. Jobs of one name may run in
  // different workers; the newest start wins and older ones are cancelled as replaced.
  private readonly jobs = new Map<string, { port: MessagePort; task: number }>()
  // Cancels that arrived before their job's start message (the two travel on different channels):
  // the cancelling task's number and when it came. Kept EARLY_CANCEL_MS at most (a cancel of a
  // job that is not running would otherwise stay forever).
  private readonly earlyCancels = new Map<string, { upTo: number; at: number }>()

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

  /**
   * Cancels session `sid`'s job `name` started by its task `upTo` or before, in the worker running
   * it (`upTo`: the task that asked; a job it started itself comes after the cancel).
   */
  cancel(sid: string, name: string, upTo: number): void {
    const key = jobKey(sid, name)
    const job = this.jobs.get(key)
    if (job) {
      if (job.task <= upTo) postCancel(job.port, sid, name, job.task)
      return
    }
    const now = performance.now()
    for (const [early, { at }] of this.earlyCancels) {
      if (now - at < EARLY_CANCEL_MS) break
      this.earlyCancels.delete(early)
    }
    this.earlyCancels.delete(key)
    this.earlyCancels.set(key, { upTo, at: now })
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
      case 'job':
        return this.jobStarted(port, message.sid, message.name, message.task)
      case 'async': {
        const key = jobKey(message.sid, message.name)
        // A replaced job's outcome is moot: only the current job of the name reports.
        if (this.jobs.get(key)?.task !== message.task) return
        this.jobs.delete(key)
        return this.onJobDone(message.sid, message.name, message.result, message.written)
      }
    }
  }

  /** Job `name` of session `sid`, started by its task `task`, runs behind `port`. */
  private jobStarted(port: MessagePort, sid: string, name: string, task: number): void {
    const key = jobKey(sid, name)
    const current = this.jobs.get(key)
    // A newer job of the name started first (its worker's message came sooner): this one is replaced.
    if (current && current.task > task) return postCancel(port, sid, name, task)
    // An older one may still run in another worker (a worker replaces only its own).
    if (current && current.task < task) postCancel(current.port, sid, name, current.task)
    this.jobs.set(key, { port, task })
    const early = this.earlyCancels.get(key)
    if (!early) return
    this.earlyCancels.delete(key)
    if (task <= early.upTo) postCancel(port, sid, name, task)
  }

  /** A worker's channel closed (it died or stopped): its jobs end with an error. */
  private onClose(port: MessagePort): void {
    this.ports.delete(port)
    this.owed.delete(port)
    for (const [key, job] of this.jobs) {
      if (job.port !== port) continue
      this.jobs.delete(key)
      const [sid, name] = key.split('\u0000') as [string, string]
      this.onJobDone(sid, name, { ok: false, error: { code: 'LIVELOOM_ERR_WORKER_DIED', message: `the worker running async job ${JSON.stringify(name)} stopped` } })
    }
  }
}

/** How long a cancel waits for the start message of its job. */
const EARLY_CANCEL_MS = 10_000

function postCancel(port: MessagePort, sid: string, name: string, task: number): void {
  const message: GatewayToWorker = { k: 'cancel', sid, name, task }
  port.postMessage(message)
}

function jobKey(sid: string, name: string): string {
  return `${sid}\u0000${name}`
}
