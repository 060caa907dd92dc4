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

/** Runs tasks on worker threads. */
export class TaskPool {
  private readonly piscina: Piscina
  private readonly taskTimeoutMs: number
  // One sweep for all deadlines rather than a timer per task: a timer per task measurably slowed
  // the round trip, and deadlines need no better than 100 ms precision.
  private readonly deadlines = new Map<AbortController, number>()
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
      return (await this.piscina.run(task, { transferList: transfer, signal: controller.signal })) as TaskResult
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
  onWorkerMessage(listener: (message: unknown) => void): void {
    this.piscina.on('message', listener)
  }

  /** Stops the threads after their current tasks. */
  async close(): Promise<void> {
    await this.piscina.close()
    clearInterval(this.sweeper)
  }
}
