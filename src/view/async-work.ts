/**
 * Async work (Phoenix's `start_async`): a job started by a handler runs in the worker after the
 * handler has returned, outside the session's mailbox, so the session keeps taking events (a
 * cancel button works while an answer streams). The job can stream text; its outcome comes back
 * to the view as a new task, `handleAsync(name, result)`, which may change state and render.
 */

import { LiveloomError } from '../errors.js'
import type { TextModeName } from './text-stream.js'
import { streamStatus, streamText, streamTo } from './text-stream.js'
import type { AsyncJob, TaskRecord } from './task-record.js'

/** How an async job ended, as `handleAsync` receives it. */
export type AsyncResult = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }

/** What an async job gets: a signal that aborts on `cancelAsync` (or a newer job of the same name) and text streams. */
export interface AsyncContext {
  /** Aborted when the job is cancelled: stop soon after. */
  signal: AbortSignal
  streamText(target: string, text: string, options?: { mode?: TextModeName }): Promise<void>
  streamTo(target: string, options: { html: string }): Promise<void>
  streamStart(target: string): Promise<void>
  streamDone(target: string): Promise<void>
  streamError(target: string, message: string): Promise<void>
}

const NAME = /^[A-Za-z_][\w-]{0,63}$/

function checkName(name: unknown): string {
  if (typeof name === 'string' && NAME.test(name)) return name
  throw new LiveloomError('LIVELOOM_ERR_ASYNC_NAME', `async job names are identifiers (letters, digits, _ and -), got ${JSON.stringify(name)}`)
}

/** Starts `job` for the task's session (a running job of the same name is cancelled). */
export function startAsync(record: TaskRecord, name: string, job: AsyncJob<unknown>): void {
  checkName(name)
  if (typeof job !== 'function') throw new LiveloomError('LIVELOOM_ERR_ASYNC_NAME', `startAsync(${JSON.stringify(name)}, job): job must be a function`)
  if (!record.startJob) {
    throw new LiveloomError('LIVELOOM_ERR_ASYNC_UNAVAILABLE', 'async work needs a connected session: start it from an event handler (or handleAsync), not from mount')
  }
  // A cancel earlier in this handler is superseded: the new job replaces the old ones (the gateway
  // cancels them wherever they run), and a cancel sent after this task would hit the new one.
  record.cancelled = record.cancelled.filter((cancelled) => cancelled !== name)
  record.startJob(name, job)
}

/** Cancels the session's job `name` (its `handleAsync` gets `LIVELOOM_ERR_ASYNC_CANCELLED`). */
export function cancelAsync(record: TaskRecord, name: string): void {
  record.cancelled.push(checkName(name))
}

/** The context a job runs with: its own record (the job's sink) and signal. */
export function asyncContext(record: TaskRecord, signal: AbortSignal): AsyncContext {
  return {
    signal,
    streamText: (target, text, options = {}) => streamText(record, target, text, options.mode),
    streamTo: (target, options) => streamTo(record, target, options.html),
    streamStart: (target) => streamStatus(record, target, 'start'),
    streamDone: (target) => streamStatus(record, target, 'done'),
    streamError: (target, message) => streamStatus(record, target, 'error', message),
  }
}
