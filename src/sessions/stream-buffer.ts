/**
 * One session's text-stream output on the gateway: ops from its handlers are merged and sent at
 * most once per frame interval (60 frames a second), later and larger when the browser's socket
 * is backed up. Delivered (or dropped) bytes are acknowledged to the worker that sent them, which
 * is what lets a slow browser slow its handler down.
 */

import type { StreamWireOp } from '../protocol/frames.js'
import { mergeStreamOp } from './merge-stream-ops.js'

/** The shortest time between two stream frames of one session: 60 frames a second at most. */
export const FRAME_INTERVAL_MS = 1000 / 60

/** What the buffer needs from its session and gateway. */
export interface StreamOutlet {
  /** Whether the socket can take a frame now (connected, not backed up). */
  ready(): 'ready' | 'busy' | 'gone'
  /** Sends the ops as a frame. */
  send(ops: StreamWireOp[]): void
  /** Acknowledges `bytes` to the worker channel `source`. */
  ack(source: unknown, bytes: number): void
}

/** A session's pending stream ops. */
export class StreamBuffer {
  private pending: StreamWireOp[] = []
  private owed = new Map<unknown, number>()
  private readonly received = new Map<number, number>()
  private readonly waiters = new Map<number, { count: number; resolve: () => void }>()
  private lastFlush = -Infinity
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly outlet: StreamOutlet) {}

  /** Takes one op from task `task`, sent by worker channel `source`. */
  push(op: StreamWireOp, task: number, size: number, source: unknown): void {
    mergeStreamOp(this.pending, op)
    this.owed.set(source, (this.owed.get(source) ?? 0) + size)
    // Async jobs' ops (task numbers below 1) have no reply waiting for them.
    if (task < 1) return this.schedule()
    const count = (this.received.get(task) ?? 0) + 1
    this.received.set(task, count)
    const waiter = this.waiters.get(task)
    if (waiter && count >= waiter.count) {
      this.waiters.delete(task)
      waiter.resolve()
    }
    this.schedule()
  }

  /**
   * Resolves once `count` ops of task `task` have arrived (they travel on another channel than the
   * task's result), or after `timeoutMs` if some never come (their worker died).
   */
  whenReceived(task: number, count: number, timeoutMs = 5000): Promise<void> {
    const have = this.received.get(task) ?? 0
    if (have >= count) {
      this.received.delete(task)
      return Promise.resolve()
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, timeoutMs)
      function done(): void {
        clearTimeout(timer)
        resolve()
      }
      this.waiters.set(task, { count, resolve: () => (this.received.delete(task), done()) })
    })
  }

  /** Takes every pending op (for a reply frame, which carries them before its ops). */
  take(): StreamWireOp[] | undefined {
    if (this.pending.length === 0) return undefined
    const ops = this.pending
    this.pending = []
    this.settle()
    return ops
  }

  /** Drops everything (the session ended), acknowledging it so no worker waits. */
  close(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    this.pending = []
    this.settle()
    for (const waiter of this.waiters.values()) waiter.resolve()
    this.waiters.clear()
  }

  private schedule(): void {
    if (this.timer) return
    // Timers have millisecond granularity and may fire a fraction early: round up, and flush()
    // checks the interval again.
    const wait = Math.max(0, Math.ceil(this.lastFlush + FRAME_INTERVAL_MS - performance.now()))
    this.timer = setTimeout(() => this.flush(), wait)
  }

  private flush(): void {
    this.timer = undefined
    if (this.pending.length === 0) return
    if (performance.now() - this.lastFlush < FRAME_INTERVAL_MS) return this.schedule()
    const state = this.outlet.ready()
    if (state === 'gone') {
      // Nobody to deliver to: drop, so handlers do not wait on a browser that left.
      this.pending = []
      this.settle()
      return
    }
    if (state === 'busy') {
      // The socket is backed up: keep merging and try again a frame later (fewer, larger frames).
      this.lastFlush = performance.now()
      this.schedule()
      return
    }
    const ops = this.pending
    this.pending = []
    this.lastFlush = performance.now()
    this.outlet.send(ops)
    this.settle()
  }

  private settle(): void {
    for (const [source, bytes] of this.owed) this.outlet.ack(source, bytes)
    this.owed = new Map()
  }
}
