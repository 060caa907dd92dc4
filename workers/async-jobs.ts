/**
 * Async jobs in a worker (see src/view/async-work.ts): started by a task, they outlive it and
 * report their outcome to the gateway over the stream channel; the gateway can cancel them there.
 */

import { LiveloomError, hasLiveloomCode } from '../src/errors.js'
import { asyncContext, type AsyncResult } from '../src/view/async-work.js'
import { beginTask, type AsyncJob } from '../src/view/task-record.js'
import { fieldChanges, fieldSnapshot, type FieldChanges } from '../src/view/state.js'
import type { WireNode } from '../src/protocol/ops.js'
import type { CountingSink } from './run-task.js'

/** What a job runner needs from its worker. */
export interface JobHost {
  /** A sink for the job's text streams. */
  sink(sid: string, task: number): CountingSink
  /** Parses HTML for `streamTo`. */
  toNodes(html: string): WireNode[]
  /** Tells the gateway that session `sid` runs job `name`, started by its task `task`, here (so cancels find it). */
  started(sid: string, name: string, task: number): void
  /** Reports the outcome of the job `name` started by task `task` and, when it succeeded, the view fields it wrote. */
  finished(sid: string, name: string, task: number, result: AsyncResult, written?: FieldChanges): void
}

/** Runs async jobs of one worker. */
export class JobRunner {
  // The running job of each session and name, with the number of the session task that started it.
  private readonly running = new Map<string, { controller: AbortController; task: number }>()
  // Job streams use negative task numbers: the gateway never waits for them before a reply.
  private jobs = 0

  constructor(private readonly host: JobHost) {}

  /**
   * Starts `job` for session `sid`, cancelling (silently) a running job of the same name. `view`
   * is the instance of the handler that started it: the job may write its fields (an arrow
   * function sees it as `this`), and the fields it wrote are reported with its outcome, to be
   * merged into the session's state as it is then. `task` is the number of the session task that
   * started it: the gateway tells jobs of the same name apart by it (an older one may run in
   * another worker).
   */
  start(sid: string, name: string, job: AsyncJob<unknown>, view: object = {}, task = 0): void {
    const key = `${sid}\u0000${name}`
    this.running.get(key)?.controller.abort(replaced(name))
    const controller = new AbortController()
    const entry = { controller, task }
    this.running.set(key, entry)
    this.host.started(sid, name, task)
    const record = beginTask({}, { sid, sink: this.host.sink(sid, -++this.jobs), toNodes: this.host.toNodes })
    const context = asyncContext(record, controller.signal)
    // Run after the starting handler has returned, as its own piece of work.
    setImmediate(async () => {
      // The baseline is the state the handler committed; what differs at the end was written here.
      const baseline = fieldSnapshot(view)
      let result: AsyncResult
      let written: FieldChanges | undefined
      try {
        result = { ok: true, value: structuredClone(await job.call(view, context)) }
        written = fieldChanges(view, baseline)
      } catch (error) {
        const aborted = controller.signal.aborted ? controller.signal.reason : undefined
        const cause = aborted ?? error
        result = {
          ok: false,
          error: hasLiveloomCode(cause)
            ? { code: cause.code, message: cause.message }
            : { code: 'LIVELOOM_ERR_ASYNC_FAILED', message: `async job ${JSON.stringify(name)} failed: ${(cause as Error)?.message ?? String(cause)}` },
        }
      }
      if (controller.signal.aborted && !(result.ok === false)) {
        // Finished anyway after a cancel: the cancel wins and what the job wrote is discarded.
        result = { ok: false, error: { code: 'LIVELOOM_ERR_ASYNC_CANCELLED', message: `async job ${JSON.stringify(name)} was cancelled` } }
        written = undefined
      }
      if (this.running.get(key) !== entry) return // replaced by a newer job: its outcome is moot
      this.running.delete(key)
      this.host.finished(sid, name, task, result, result.ok ? written : undefined)
    })
  }

  /** Cancels session `sid`'s job `name` if it runs here (and, given `task`, only the one that task started). */
  cancel(sid: string, name: string, task?: number): void {
    const entry = this.running.get(`${sid}\u0000${name}`)
    if (task !== undefined && entry?.task !== task) return
    entry?.controller.abort(
      new LiveloomError('LIVELOOM_ERR_ASYNC_CANCELLED', `async job ${JSON.stringify(name)} was cancelled`),
    )
  }
}

function replaced(name: string): LiveloomError {
  return new LiveloomError('LIVELOOM_ERR_ASYNC_CANCELLED', `async job ${JSON.stringify(name)} was replaced by a newer one`)
}
