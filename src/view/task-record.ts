/**
 * Per-task bookkeeping on a view instance: what the running task collects besides state
 * (effects, collection stream changes) and how it reaches the gateway while it runs (text
 * streams). Kept under a symbol, non-enumerable, so it is never state.
 */

import type { CollectionUpdate, Effect, StreamWireOp } from '../protocol/frames.js'
import type { WireNode } from '../protocol/ops.js'

/** Where a running task's text-stream ops go (the worker's channel to the gateway, or a test recorder). */
export interface StreamSink {
  /** Sends one op; resolves when the gateway can take more (backpressure from slow clients). */
  send(op: StreamWireOp): Promise<void>
}

/** One collection stream's changes in this task. */
export interface CollectionChanges {
  /** Items to render (with their `domId`), in insertion order. */
  inserts: Array<Record<string, unknown> & { domId: string }>
  update: CollectionUpdate
}

/** What a task collects from the view besides state. */
export interface TaskRecord {
  effects: Effect[]
  /** Collection streams changed in this task, by name. */
  collections: Map<string, CollectionChanges>
  /** Text-stream output of this task; absent where nothing can receive it (an HTTP mount). */
  sink?: StreamSink
  /** Renders the view now and returns the children of its `[lv-stream=name]` element (`streamTo`). */
  renderTarget?: (name: string) => WireNode[] | undefined
  /** Parses HTML (the contents of one element) into wire nodes (`streamTo` with `html`). */
  toNodes?: (html: string) => WireNode[]
  /** The session the task runs for (absent on an HTTP mount, before a session exists). */
  sid?: string
  /** Names of async jobs the task cancelled (the gateway routes them to the job's worker). */
  cancelled: string[]
  /** The URL the view is at (path and query). */
  url?: string
  /** A `livePatch` to the URL, applied after the handler (`handleParams` runs with it). */
  patch?: { url: string; replace: boolean }
  /** A `liveRedirect` target, followed by the browser after the frame. */
  redirect?: { url: string; replace: boolean }
  /** Functions to run once after the task's result is sent (`defer`). */
  deferred: Array<() => unknown>
  /** Starts an async job for this session (set by the worker). */
  startJob?: (name: string, job: AsyncJob<unknown>) => void
}

/** An async job: see `LiveView.startAsync`. */
export type AsyncJob<T> = (context: import('./async-work.js').AsyncContext) => T | Promise<T>

const TASK = Symbol('liveloom.task')

/** Starts a task's bookkeeping on `view` (the worker calls it before running any view code). */
export function beginTask(view: object, extra: Partial<TaskRecord> = {}): TaskRecord {
  const record: TaskRecord = { effects: [], collections: new Map(), cancelled: [], deferred: [], ...extra }
  Object.defineProperty(view, TASK, { value: record, enumerable: false, configurable: true, writable: true })
  return record
}

/** The running task's bookkeeping (started on first use outside a worker, e.g. in unit tests). */
export function taskRecord(view: object): TaskRecord {
  const record = (view as Record<symbol, TaskRecord | undefined>)[TASK]
  return record ?? beginTask(view)
}
