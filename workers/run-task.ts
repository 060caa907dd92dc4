/**
 * The task functions: pure (view, state bytes, snapshot bytes, input) → (state', snapshot', ops,
 * effects). They run in Piscina workers (`workers/entry.ts`) and in-process in `liveloom/testing`.
 * A failure is returned as data; the input bytes are never modified, so the gateway's committed
 * copy stays valid whatever happens here.
 */

import * as native from '../native/index.js'
import { hasLiveloomCode, LiveloomError } from '../src/errors.js'
import { memoizeComputed, templateContext } from '../src/view/context.js'
import { handlerLimits } from '../src/view/rate.js'
import { resetTemporaryAssigns } from '../src/view/temporary.js'
import { toJsonValue } from '../src/view/json.js'
import { pageMetaEffects, readPageMeta } from '../src/view/page-meta.js'
import { clearFlash, flashOf, putFlash } from '../src/view/navigation.js'
import { BuiltinEvent } from '../src/protocol/frames.js'
import { EffectKind } from '../src/protocol/frames.js'
import { beginTask, LiveView, type TaskRecord } from '../src/view/live-view.js'
import type { AsyncResult } from '../src/view/async-work.js'
import type { AsyncJob, StreamSink } from '../src/view/task-record.js'
import { collectionUpdates, streamsContext } from '../src/view/collections.js'
import type { WireNode } from '../src/protocol/ops.js'
import { assertCloneable, collectState, decodeState, encodeState } from '../src/view/state.js'
import { findHandler } from './handlers.js'
import { TaskKind, type AsyncTask, type ParamsTask, type EventTask, type MountTask, type NodesTask, type Task, type TaskError, type TaskResult } from './task-types.js'
import { loadView, type LoadedView } from './views.js'
import { Recorder, type TemplateStore } from './templates/index.js'
import { RenderCache } from './render-cache.js'
import { trackWrites } from '../src/view/write-tracking.js'

/**
 * This thread's render records (see render-cache.ts). 500 sessions of a 100-row list is ~20 MB;
 * a session served by another worker meanwhile just misses.
 */
export const renderCache = new RenderCache(500)

/** A stream sink that counts what it sent (the gateway waits for that many before replying). */
export interface CountingSink extends StreamSink {
  readonly sent: number
}

/** What tasks need from their worker. */
export interface TaskEnvironment {
  templates: TemplateStore
  /** Development mode: report event params the handler's schema does not know (as `warn` effects). */
  dev: boolean
  /** Where the text streams of event task `task` of session `sid` go. */
  sink(sid: string, task: number): CountingSink
  /** Starts an async job for session `sid` from its task `task`; `view` is the starting handler's instance. */
  startJob(sid: string, name: string, job: AsyncJob<unknown>, view: LiveView, task: number): void
}

/** Runs one task; never throws. */
export async function runTask(task: Task, env: TaskEnvironment): Promise<TaskResult> {
  try {
    switch (task.kind) {
      case TaskKind.MOUNT:
        return await mount(task, env)
      case TaskKind.EVENT:
        return await handleEvent(task, env)
      case TaskKind.NODES:
        return nodes(task)
      case TaskKind.ASYNC:
        return await handleAsyncResult(task, env)
      case TaskKind.PARAMS:
        return await runOnView(task, env, async (view) => {
          await view.handleParams(task.params, task.url)
          return undefined
        })
      default:
        throw new LiveloomError('LIVELOOM_ERR_INTERNAL', `unknown task kind ${JSON.stringify((task as { kind?: unknown }).kind)}`, { fault: 'internal' })
    }
  } catch (error) {
    return { ok: false, error: taskError(error, task) }
  }
}

async function mount(task: MountTask, env: TaskEnvironment): Promise<TaskResult> {
  const loaded = await loadView(task.view)
  const view = new loaded.View()
  const record = beginTask(view)
  for (const [level, message] of Object.entries(task.flash ?? {})) putFlash(view, level, message)
  await view.mount(task.params, task.session)
  await view.handleParams(task.params, task.url)
  record.effects.push(...pageMetaEffects(undefined, readPageMeta(view)))
  validState(view, loaded)
  const html = render(view, loaded, env, record)
  // Collected again: the render reset the temporary assigns.
  const state = encodeState(collectState(view))
  const snapshot = native.parse(html)
  return {
    ok: true,
    state,
    snapshot,
    html,
    // The whole rendered content, stream containers' children included, as an HTTP page has it.
    nodes: task.nodes ? native.parseNodes(html) : undefined,
    limits: handlerLimits(loaded.View),
    effects: record.effects,
  }
}

async function handleEvent(task: EventTask, env: TaskEnvironment): Promise<TaskResult> {
  return runOnView(task, env, async (view, loaded, record) => {
    if (task.name === BuiltinEvent.CLEAR_FLASH) {
      clearFlash(view, typeof task.params.level === 'string' ? task.params.level : undefined)
      return undefined
    }
    const handler = findHandler(view, loaded.name, task.name)
    const params = await handler.validate(task.params, env.dev ? (warning) => record.effects.push([EffectKind.WARN, warning]) : undefined)
    const returned = await handler.fn.call(view, params)
    return returned === undefined ? undefined : JSON.stringify(toJsonValue(returned, `the value ${loaded.name}.${task.name} returned`))
  })
}

/** Delivers an async job's outcome to the view's `handleAsync(name, result)`. */
async function handleAsyncResult(task: AsyncTask, env: TaskEnvironment): Promise<TaskResult> {
  return runOnView(task, env, async (view, loaded) => {
    // The merge rule: fields the job wrote win; the others keep their current values.
    if (task.result.ok && task.written) {
      const values = decodeState(task.written.values)
      for (const key of Object.keys(values)) {
        Object.defineProperty(view, key, { value: values[key], writable: true, enumerable: true, configurable: true })
      }
      for (const key of task.written.deleted) delete (view as unknown as Record<string, unknown>)[key]
    }
    await deliverAsync(view, loaded.name, task.name, task.result)
    return undefined
  })
}

/**
 * Tells the view how its job ended: `handleAsync(name, result)` always (a no-op unless
 * overridden); a failure (not a cancel) also goes to `handleAsyncError(name, error)` when the view
 * has one, and becomes a coded error frame when the view has neither.
 */
async function deliverAsync(view: LiveView, viewName: string, name: string, result: AsyncResult): Promise<void> {
  await view.handleAsync(name, result)
  // A cancel is what the view asked for, not an error: only handleAsync hears of it.
  if (result.ok || result.error.code === 'LIVELOOM_ERR_ASYNC_CANCELLED') return
  const onError = (view as unknown as { handleAsyncError?: unknown }).handleAsyncError
  if (typeof onError === 'function') return void (await onError.call(view, name, result.error))
  if (view.handleAsync === LiveView.prototype.handleAsync) {
    throw new LiveloomError(result.error.code, `${viewName}: async job ${JSON.stringify(name)} failed and the view has no handleAsyncError: ${result.error.message}`)
  }
}

/**
 * Hydrates the view, runs `body` on it (a handler), then renders and diffs unless nothing
 * changed. `body` returns the reply data (JSON text) if any.
 */
async function runOnView(
  task: EventTask | AsyncTask | ParamsTask,
  env: TaskEnvironment,
  body: (view: LiveView, loaded: LoadedView, record: TaskRecord) => Promise<string | undefined>,
): Promise<TaskResult> {
  const loaded = await loadView(task.view)
  const view = hydrate(loaded, task.state)
  const sink = env.sink(task.sid, task.task)
  const record = beginTask(view, {
    sid: task.sid,
    url: task.url,
    sink,
    startJob: (name, job) => env.startJob(task.sid, name, job, view, task.task),
    toNodes: (html) => JSON.parse(native.parseNodes(html)) as WireNode[],
    renderTarget: (target) => targetNodes(native.parseNodes(renderNow(view, loaded, env, record)), target),
  })
  const metaBefore = readPageMeta(view)
  // An event's writes are tracked so its render can reuse the rows it did not touch. Other tasks
  // change state outside their handler (handleParams after a URL, an async job's merged fields):
  // they render in full, recording for the next event.
  const tracker = task.kind === TaskKind.EVENT ? trackWrites(view) : undefined
  let written: Set<string> | undefined
  let data: string | undefined
  try {
    data = await body(view, loaded, record)
  } finally {
    written = tracker?.stop()
  }
  record.effects.push(...pageMetaEffects(metaBefore, readPageMeta(view)))
  const afterHandler = encodeState(validState(view, loaded))
  const jobs = {
    ...(record.cancelled.length > 0 ? { cancel: record.cancelled } : {}),
    ...(record.patch ? { patch: record.patch } : {}),
    ...(record.redirect ? { redirect: { ...record.redirect, flash: flashOf(view) } } : {}),
  }
  // Change tracking: a handler that changed no state (and no collection stream) gets no render.
  if (sameBytes(afterHandler, task.state) && record.collections.size === 0) {
    runDeferred(record)
    return { ok: true, state: task.state, snapshot: task.snapshot, data, streamed: sink.sent, effects: record.effects, ...jobs }
  }
  const previous = written && renderCache.get(task.sid, task.state)
  const recorder = new Recorder(new Set(Object.keys(view)), previous, written)
  const html = render(view, loaded, env, record, recorder)
  // Paired with the state it was rendered from: the next event's state is exactly that unless
  // temporary assigns were reset after this render (then it misses, as it must).
  renderCache.set(task.sid, afterHandler, recorder.finish())
  const state = hasTemporaryAssigns(loaded) ? encodeState(collectState(view)) : afterHandler
  const items = collectionUpdates(record)
  const { ops, count, snapshot } = native.diff(task.snapshot, html)
  runDeferred(record)
  return {
    ok: true,
    state,
    snapshot,
    ops,
    opCount: count,
    data,
    items: items && JSON.stringify(items),
    ...(written ? { reused: previous !== undefined } : {}),
    streamed: sink.sent,
    effects: record.effects,
    ...jobs,
  }
}

/**
 * Runs the task's `defer` functions once its result is on its way: setImmediate comes after the
 * promise continuations in which Piscina posts the result. They cannot change what was sent.
 */
function runDeferred(record: TaskRecord): void {
  if (record.deferred.length === 0) return
  const fns = record.deferred.splice(0)
  setImmediate(() => {
    for (const fn of fns) {
      Promise.resolve()
        .then(fn)
        .catch((error: unknown) => console.error('LIVELOOM_ERR_DEFER_THREW', error))
    }
  })
}

/** The children of the first element with `lv-stream="<target>"` in `json` nodes, if any. */
function targetNodes(json: string, target: string): WireNode[] | undefined {
  const stack = JSON.parse(json) as WireNode[]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (typeof node === 'string' || node[0] === '!') continue
    const attrs = (node[1] ?? []) as string[]
    for (let i = 0; i < attrs.length; i += 2) if (attrs[i] === 'lv-stream' && attrs[i + 1] === target) return (node[2] ?? []) as WireNode[]
    stack.push(...((node[2] ?? []) as WireNode[]))
  }
  return undefined
}

function sameBytes(a: ArrayBuffer, b: ArrayBuffer): boolean {
  return a.byteLength === b.byteLength && Buffer.from(a).equals(Buffer.from(b))
}

function hasTemporaryAssigns(loaded: LoadedView): boolean {
  return (loaded.View as { temporaryAssigns?: unknown }).temporaryAssigns !== undefined
}

function nodes(task: NodesTask): TaskResult {
  return { ok: true, nodes: native.toJson(task.snapshot), effects: [] }
}

/** A view instance from state bytes, without running the constructor (fields come from state). */
function hydrate(loaded: LoadedView, bytes: ArrayBuffer): LiveView {
  const view = Object.create(loaded.View.prototype) as LiveView
  const state = decodeState(bytes)
  // defineProperty rather than assignment: a state key must shadow, never call, an accessor.
  for (const key of Object.keys(state)) {
    Object.defineProperty(view, key, { value: state[key], writable: true, enumerable: true, configurable: true })
  }
  return view
}

/** The view's state, checked to be data (`LIVELOOM_ERR_STATE_NOT_CLONEABLE` naming the field). */
function validState(view: LiveView, loaded: LoadedView): Record<string, unknown> {
  const state = collectState(view)
  assertCloneable(state, loaded.name)
  return state
}

/**
 * Renders `view` for the task's result, then resets its temporary assigns (so the state kept
 * afterwards no longer holds them).
 */
function render(view: LiveView, loaded: LoadedView, env: TaskEnvironment, record: TaskRecord, recorder?: Recorder): string {
  try {
    return renderNow(view, loaded, env, record, recorder)
  } finally {
    resetTemporaryAssigns(view, loaded.name)
  }
}

/**
 * Renders `view` as it is now, with `streams` in the context, its computed values memoized for
 * the render; with `recorder`, recording list rows and reusing unchanged ones (same output).
 */
function renderNow(view: LiveView, loaded: LoadedView, env: TaskEnvironment, record: TaskRecord, recorder?: Recorder): string {
  const template =
    'file' in loaded.template ? env.templates.fromFile(loaded.template.file) : env.templates.fromSource(loaded.template.source, loaded.template.name)
  const forget = memoizeComputed(view)
  try {
    const context = templateContext(view, { streams: streamsContext(record), flash: flashOf(view) })
    return recorder ? env.templates.renderRecorded(template, context, recorder) : env.templates.render(template, context)
  } finally {
    forget()
  }
}

/** Template and view-module errors name files on the server: the log gets them, browsers do not. */
function namesServerFiles(code: string): boolean {
  return code.startsWith('LIVELOOM_ERR_TEMPLATE_') || code.startsWith('LIVELOOM_ERR_VIEW_')
}

function taskError(error: unknown, task: Task): TaskError {
  const stack = error instanceof Error ? error.stack : undefined
  if (hasLiveloomCode(error)) {
    const coded = error as Error & { code: string; fault?: TaskError['fault']; details?: Record<string, unknown> }
    return { code: coded.code, message: coded.message, fault: coded.fault ?? 'app', details: coded.details ?? {}, stack, expose: !namesServerFiles(coded.code) }
  }
  const where = task.kind === TaskKind.EVENT ? `the handler for ${JSON.stringify(task.name)}` : task.kind === TaskKind.MOUNT ? 'mount' : 'the render'
  return {
    code: task.kind === TaskKind.MOUNT ? 'LIVELOOM_ERR_MOUNT_THREW' : 'LIVELOOM_ERR_HANDLER_THREW',
    message: `${where} threw: ${error instanceof Error ? error.message : String(error)}`,
    fault: 'app',
    details: {},
    stack,
    expose: false,
  }
}
