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

/** Runs tasks on worker threads. */
export class TaskPool {
  private readonly piscina: Piscina
  private readonly taskTimeoutMs: number

  constructor(options: PoolOptions) {
    this.taskTimeoutMs = options.taskTimeoutMs
    this.piscina = new Piscina({
      filename: ENTRY,
      minThreads: options.workers,
      maxThreads: options.workers,
      concurrentTasksPerWorker: options.concurrentTasksPerWorker,
      // Tasks wait in the queue rather than failing; sessions bound what can queue.
      maxQueue: Infinity,
      workerData: options.worker,
    })
  }

  /**
   * Runs `task`, moving the buffers in `transfer` to the worker (they are detached here: pass
   * copies of anything you must keep). Resolves with the task's result; a crashed worker resolves
   * `LIVELOOM_ERR_WORKER_DIED` and a timeout `LIVELOOM_ERR_TASK_TIMEOUT`.
   */
  async run(task: Task, transfer: ArrayBuffer[] = []): Promise<TaskResult> {
    const signal = AbortSignal.timeout(this.taskTimeoutMs)
    try {
      return (await this.piscina.run(task, { transferList: transfer, signal })) as TaskResult
    } catch (error) {
      const timedOut = signal.aborted
      const failure = timedOut
        ? new LiveloomError('LIVELOOM_ERR_TASK_TIMEOUT', `the ${task.kind} task ran longer than taskTimeoutMs (${this.taskTimeoutMs} ms); its worker was stopped. Move slow work out of handlers.`)
        : new LiveloomError('LIVELOOM_ERR_WORKER_DIED', `the worker running the ${task.kind} task stopped: ${(error as Error)?.message ?? error}`, { fault: 'internal' })
      return { ok: false, error: { ...failure.toJSON(), stack: (error as Error)?.stack, expose: true } }
    }
  }

  /** Stops the threads after their current tasks. */
  async close(): Promise<void> {
    await this.piscina.close()
  }
}
