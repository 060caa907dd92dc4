/**
 * The base class of every view. A view module default-exports a subclass:
 *
 * ```ts
 * export default class Counter extends LiveView {
 *   static template = 'counter.mustache' // a file next to the module, or inline template source
 *   count = 0                            // fields are state, with their defaults
 *   get doubled() { return this.count * 2 } // getters are computed values for the template
 *   @event() increment() { this.count++ }   // only @event() methods are callable from the browser
 * }
 * ```
 *
 * Views run in worker threads and are stateless between tasks: before each task the worker builds
 * the instance from the session's state bytes, and after it keeps the instance's own fields as
 * the new state. So state must survive `structuredClone` (plain objects, arrays, strings, numbers,
 * booleans, null, Date, Map, Set, typed arrays...); a field holding a function, a class instance, a
 * socket or a database handle fails the task with `LIVELOOM_ERR_STATE_NOT_CLONEABLE`. Fields whose
 * names start with `_` are kept but not given to the template.
 */

import type { Effect, ParamValue } from '../protocol/frames.js'
import { EffectKind } from '../protocol/frames.js'
import { LiveloomError } from '../errors.js'
import { toJsonValue } from './json.js'

/** Route and query parameters given to {@link LiveView.mount}. */
export type MountParams = Record<string, string>

/** The user session (cookies, auth) given to {@link LiveView.mount}: whatever `options.session` returned. */
export type SessionData = Record<string, unknown>

// Per-task bookkeeping lives under a symbol, defined non-enumerable, so it is never state.
const TASK = Symbol('liveloom.task')

/** What a task collects from the view besides state. */
export interface TaskRecord {
  effects: Effect[]
}

/** The base class of views. See the module comment. */
export abstract class LiveView {
  /**
   * The template: a file name ending in `.mustache` (resolved next to the view module), or inline
   * mustache source. Required.
   */
  static template: string

  /**
   * Fields reset to these values after every render (a deep copy each time), so large
   * append-only data is sent once and not kept in the session: pair with `lv-update="append"`.
   * Default: none. Example: `static temporaryAssigns = { messages: [] }`.
   */
  static temporaryAssigns?: Record<string, unknown>

  /**
   * Runs once per session, before the first render (on the HTTP request, or on a WebSocket join
   * when the session is unknown there). May be async. Default: does nothing.
   */
  mount(_params: MountParams, _session: SessionData): void | Promise<void> {}

  /** Sets the page's `document.title` after this task's patch is applied. */
  protected setTitle(text: string): void {
    taskRecord(this).effects.push([EffectKind.TITLE, String(text)])
  }

  /**
   * Sends an event to the browser after this task's patch: client hooks receive it through
   * `this.handleEvent(name, fn)`, other scripts as a `lv:event` DOM event. `payload` must be JSON.
   */
  protected pushEvent(name: string, payload: ParamValue = null): void {
    if (typeof name !== 'string' || name === '') {
      throw new LiveloomError('LIVELOOM_ERR_PUSH_EVENT', `pushEvent(name, payload): name must be a non-empty string, got ${JSON.stringify(name)}`)
    }
    taskRecord(this).effects.push([EffectKind.EVENT, name, toJsonValue(payload, `pushEvent(${JSON.stringify(name)}) payload`)])
  }
}

/** Starts a task's bookkeeping on `view` (the worker calls it before running any view code). */
export function beginTask(view: LiveView): TaskRecord {
  const record: TaskRecord = { effects: [] }
  Object.defineProperty(view, TASK, { value: record, enumerable: false, configurable: true, writable: true })
  return record
}

function taskRecord(view: LiveView): TaskRecord {
  const record = (view as unknown as Record<symbol, TaskRecord | undefined>)[TASK]
  return record ?? beginTask(view)
}
