/**
 * The gateway's side of the workers' text-stream channels: each worker hands over one
 * MessagePort (as a Piscina pool `message`); ops arriving on it go to their session's
 * StreamBuffer, and acknowledgements go back on it.
 */

import type { MessagePort } from 'node:worker_threads'
import { CHANNEL_KEY, type GatewayToWorker, type WorkerToGateway } from '../../workers/stream-messages.js'
import type { Session } from '../sessions/session.js'

/** Routes stream ops from workers to sessions. */
export class StreamHub {
  private readonly ports = new Set<MessagePort>()

  constructor(private readonly findSession: (sid: string) => Session | undefined) {}

  /** Handles a pool `message`; returns whether it was a channel hand-over. */
  onPoolMessage(message: unknown): boolean {
    const port = (message as Record<string, unknown> | null)?.[CHANNEL_KEY] as MessagePort | undefined
    if (!port) return false
    this.ports.add(port)
    port.on('message', (m: WorkerToGateway) => this.onOp(port, m))
    port.on('close', () => this.ports.delete(port))
    return true
  }

  /** Acknowledges `bytes` of session `sid`'s ops to the worker behind `port`. */
  ack(port: unknown, sid: string, bytes: number): void {
    const message: GatewayToWorker = { k: 'ack', sid, bytes }
    ;(port as MessagePort).postMessage(message)
  }

  /** Closes every channel (the pool is stopping). */
  close(): void {
    for (const port of this.ports) port.close()
    this.ports.clear()
  }

  private onOp(port: MessagePort, message: WorkerToGateway): void {
    const session = this.findSession(message.sid)
    // A session that is gone takes nothing; the ack keeps its handler from waiting.
    if (!session) return this.ack(port, message.sid, message.size)
    session.stream.push(message.op, message.task, message.size, port)
  }
}
