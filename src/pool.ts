/**
 * The worker pool: Piscina threads running `workers/entry.ts`. Buffers go to the worker by
 * transfer; a task that crashes its worker or runs too long becomes a coded failure, never a throw.
 */

import { Piscina } from 'piscina'
import { LiveloomError } from './errors.js'
import type { Task, TaskResult, WorkerConfig } from '../workers/task-types.js'

/** Pool options. */
export interface PoolOptions {
  workers: number
  concurrentTasksPerWorker: number
  taskTimeoutMs: number
  worker: WorkerConfig
}

const ENTRY = new URL('../workers/entry.mjs', import.meta.url).href

/** How often running tasks are checked against their deadline. */
const DEADLINE_SWEEP_MS = 100

/** A timing summary, in milliseconds. */
export interface TimingSummary {
  p50: number
  p99: number
  mean: number
}

/** The pool's figures (Piscina's own accounting), for the stats endpoint and load harnesses. */
export interface PoolStats {
  threads: number
  /** Tasks completed since the start. */
  completed: number
  /** Share of the pool's capacity spent running tasks since the start (0–1). */
  utilization: number
  /** Time tasks ran in a worker, since the last {@link TaskPool.resetTiming}. */
  runMs: TimingSummary
  /** Time tasks waited in the queue for a worker, since the last reset. */
  waitMs: TimingSummary
  /**
   * Event renders since the last reset that found the session's last render in their worker
   * (reusing unchanged list rows) and those that rendered in full (docs/incremental.md).
   */
  renders: { reused: number; full: number }
}

/** Runs tasks on worker threads. */
export class TaskPool {
  private readonly piscina: Piscina
  private readonly taskTimeoutMs: number
  // One sweep for all deadlines rather than a timer per task: a timer per task measurably slowed
  // the round trip, and deadlines need no better than 100 ms precision.
  private readonly deadlines = new Map<AbortController, number>()
  private renders = { reused: 0, full: 0 }
  private readonly sweeper: NodeJS.Timeout

  constructor(options: PoolOptions) {
    this.taskTimeoutMs = options.taskTimeoutMs
    this.sweeper = setInterval(() => this.sweep(performance.now()), DEADLINE_SWEEP_MS)
    this.sweeper.unref()
    this.piscina = new Piscina({
      filename: ENTRY,
      minThreads: options.workers,
      maxThreads: options.workers,
      concurrentTasksPerWorker: options.concurrentTasksPerWorker,
      // Tasks wait in the queue rather than failing; sessions bound what can queue.
      maxQueue: Infinity,
      workerData: options.worker,
      // Async work runs in a worker after its task returned. Piscina's default ('sync') parks an
      // idle worker in Atomics.wait, which would freeze those jobs until the next task comes.
      atomics: 'async',
    })
  }

  /**
   * Runs `task`, moving the buffers in `transfer` to the worker (they are detached here: pass
   * copies of anything you must keep). Resolves with the task's result; a crashed worker resolves
   * `LIVELOOM_ERR_WORKER_DIED` and a timeout `LIVELOOM_ERR_TASK_TIMEOUT`.
   */
  async run(task: Task, transfer: ArrayBuffer[] = []): Promise<TaskResult> {
    const controller = new AbortController()
    this.deadlines.set(controller, performance.now() + this.taskTimeoutMs)
    try {
      const result = (await this.piscina.run(task, { transferList: transfer, signal: controller.signal })) as TaskResult
      if (result.ok && result.reused !== undefined) this.renders[result.reused ? 'reused' : 'full']++
      return result
    } catch (error) {
      const timedOut = controller.signal.aborted
      const failure = timedOut
        ? new LiveloomError('LIVELOOM_ERR_TASK_TIMEOUT', `the ${task.kind} task ran longer than taskTimeoutMs (${this.taskTimeoutMs} ms); its worker was stopped. Move slow work out of handlers.`)
        : new LiveloomError('LIVELOOM_ERR_WORKER_DIED', `the worker running the ${task.kind} task stopped: ${(error as Error)?.message ?? error}`, { fault: 'internal' })
      return { ok: false, error: { ...failure.toJSON(), stack: (error as Error)?.stack, expose: true } }
    } finally {
      this.deadlines.delete(controller)
    }
  }

  private sweep(now: number): void {
    for (const [controller, deadline] of this.deadlines) {
      if (deadline <= now) {
        this.deadlines.delete(controller)
        controller.abort()
      }
    }
  }

  /** Calls `listener` with every message a worker posts on its `parentPort`. */
  /** The pool's figures now. */
  stats(): PoolStats {
    const { runTime, waitTime } = this.piscina.histogram
    const summary = (h: typeof runTime): TimingSummary => ({ p50: round(h.p50), p99: round(h.p99), mean: round(h.mean) })
    return {
      threads: this.piscina.threads.length,
      completed: this.piscina.completed,
      utilization: round(this.piscina.utilization),
      runMs: summary(runTime),
      waitMs: summary(waitTime),
      renders: { ...this.renders },
    }
  }

  /** Starts a new window for the run and wait time figures and the render counts. */
  resetTiming(): void {
    this.renders = { reused: 0, full: 0 }
    this.piscina.histogram.resetRunTime()
    this.piscina.histogram.resetWaitTime()
  }

  onWorkerMessage(listener: (message: unknown) => void): void {
    this.piscina.on('message', listener)
  }

  /** Stops the threads after their current tasks. */
  async close(): Promise<void> {
    await this.piscina.close()
    clearInterval(this.sweeper)
  }
}

/** Three decimals: figures, not noise. */
function round(value: number): number {
  return Number.isFinite(value) ? Math.round(value * 1000) / 1000 : 0
}
