/**
 * The tasks the gateway sends to workers and what they answer: a task is a pure function of
 * (view, state bytes, snapshot bytes, input). Shared by `src/pool` and `workers/`.
 */

import type { Effect, EventParams, HandlerLimits } from '../src/protocol/frames.js'
import type { AsyncResult } from '../src/view/async-work.js'
import type { FieldChanges } from '../src/view/state.js'
import type { Fault } from '../src/errors.js'

/** Task kind names. */
export const TaskKind = { MOUNT: 'mount', EVENT: 'event', NODES: 'nodes', ASYNC: 'async', PARAMS: 'params' } as const

/** Mount a view: construct it, run `mount`, render, parse. */
export interface MountTask {
  kind: typeof TaskKind.MOUNT
  /** The view module's file URL. */
  view: string
  params: Record<string, string>
  session: Record<string, unknown>
  /** Also return the container as wire nodes (JSON), for a client that mounts over the socket. */
  nodes: boolean
  /** The URL (path and query) being mounted, for `handleParams`. */
  url: string
  /** Flash messages brought along by a live redirect. */
  flash?: Record<string, string>
}

/** What every task that runs view code on a session's state carries. */
export interface SessionTask {
  /** The view module's file URL. */
  view: string
  /** The session, so text streams and async work reach it. */
  sid: string
  /** The session's task number, tagging its text-stream ops. */
  task: number
  /** The URL the view is at (path and query). */
  url: string
  state: ArrayBuffer
  snapshot: ArrayBuffer
}

/** The URL changed within the view: run `handleParams`, render, diff. */
export interface ParamsTask extends SessionTask {
  kind: typeof TaskKind.PARAMS
  /** Route and query params of `url`. */
  params: Record<string, string>
}

/** Run an event handler on a session's state, render, diff. */
export interface EventTask extends SessionTask {
  kind: typeof TaskKind.EVENT
  name: string
  params: EventParams
}

/** The container's nodes from a snapshot, for a client that asked for a fresh render. */
export interface NodesTask {
  kind: typeof TaskKind.NODES
  snapshot: ArrayBuffer
}

/** Deliver an async job's outcome to the view's `handleAsync`, render, diff. */
export interface AsyncTask extends SessionTask {
  kind: typeof TaskKind.ASYNC
  /** The job's name. */
  name: string
  result: AsyncResult
  /** The fields the job wrote, merged into the state before `handleAsync` (on success). */
  written?: FieldChanges
}

/** Any task. */
export type Task = MountTask | EventTask | NodesTask | AsyncTask | ParamsTask

/** A task that succeeded. Fields are present according to the task kind. */
export interface TaskDone {
  ok: true
  /** New state bytes (mount, event). */
  state?: ArrayBuffer
  /** New snapshot bytes (mount, event). */
  snapshot?: ArrayBuffer
  /** The rendered container HTML (mount). */
  html?: string
  /** Patch ops as JSON text and their count (event). */
  ops?: string
  opCount?: number
  /** The container as wire nodes, JSON text (mount with `nodes`, nodes). */
  nodes?: string
  /** The handler's return value as JSON text, for the hook that pushed the event (event). */
  data?: string
  /** The view's handler rate limits, for the page and the gateway (mount). */
  limits?: HandlerLimits
  /** Collection stream updates as JSON text (`CollectionUpdate` by name), for the frame's `items` (event). */
  items?: string
  /** How many text-stream ops the handler sent; the gateway replies once it has them all (event). */
  streamed?: number
  /** Async jobs the handler cancelled, by name (event). */
  cancel?: string[]
  /** Whether the render found the session's last render record in this worker (event that rendered; see workers/render-cache.ts). */
  reused?: boolean
  /** A `livePatch` the handler asked for: the gateway sends the history effect and runs `handleParams`. */
  patch?: { url: string; replace: boolean }
  /** A `liveRedirect` the handler asked for, and the flash messages that travel with it. */
  redirect?: { url: string; replace: boolean; flash: Record<string, string> }
  effects: Effect[]
}

/** A task that failed; the session keeps its last committed state. */
export interface TaskFailed {
  ok: false
  error: TaskError
}

/** A failure as plain data (errors lose their fields when cloned between threads). */
export interface TaskError {
  code: string
  message: string
  fault: Fault
  details: Record<string, unknown>
  /** The original stack, for the gateway's log only; never sent to the browser. */
  stack?: string
  /** Whether `message` is liveloom's own (safe to show); else the browser gets a generic one. */
  expose: boolean
}

/** What a task returns. */
export type TaskResult = TaskDone | TaskFailed

/** Data every worker receives at start (Piscina `workerData`). */
export interface WorkerConfig {
  /** Directory of partials and layouts. */
  templatesDir?: string
  /** Re-read template files on every render (development). */
  reloadTemplates: boolean
  /** Development mode (see `LiveOptions.dev`). */
  dev: boolean
}
