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

import type { Effect, JsCommand, ParamValue } from '../protocol/frames.js'
import { JsChain } from './js.js'
import { clearFlash, putFlash, recordPatch, sameOriginUrl } from './navigation.js'
import { EffectKind } from '../protocol/frames.js'
import { LiveloomError } from '../errors.js'
import { toJsonValue } from './json.js'
import { taskRecord, type AsyncJob } from './task-record.js'
import { cancelAsync, startAsync, type AsyncResult } from './async-work.js'
import { streamDelete, streamInsert, streamItems, streamPrune, type StreamOptions } from './collections.js'
import { streamStatus, streamText, streamTo, type TextModeName } from './text-stream.js'

/** Route and query parameters given to {@link LiveView.mount}. */
export type MountParams = Record<string, string>

/** The user session (cookies, auth) given to {@link LiveView.mount}: whatever `options.session` returned. */
export type SessionData = Record<string, unknown>

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

  /**
   * Runs after `mount` and on every URL change within the view (`lv-patch` links, back/forward,
   * `livePatch`), with the route and query params and the URL path. Default: does nothing.
   */
  handleParams(_params: MountParams, _uri: string): void | Promise<void> {}

  /**
   * Changes the URL without remounting: the browser pushes (or, with `replace`, replaces) a
   * history entry, and `handleParams` runs with the new params before the render. `path`
   * defaults to the current path; `params` become its query.
   */
  protected livePatch(options: { path?: string; params?: Record<string, string | number | boolean>; replace?: boolean } = {}): void {
    const record = taskRecord(this)
    const current = new URL(record.url ?? '/', 'http://liveloom.invalid')
    const url = sameOriginUrl(options.path ?? current.pathname, options.params ?? (options.path ? undefined : Object.fromEntries(current.searchParams)))
    recordPatch(record, url, options.replace ?? false)
  }

  /**
   * Mounts the live view at `path` over the same socket, without a page load (this view is
   * unmounted; flash messages travel along). A path that is not a live route gets a normal page
   * load. Only same-origin paths: anything else is `LIVELOOM_ERR_NAVIGATION`.
   */
  protected liveRedirect(path: string, options: { params?: Record<string, string | number | boolean>; replace?: boolean } = {}): void {
    taskRecord(this).redirect = { url: sameOriginUrl(path, options.params), replace: options.replace ?? false }
  }

  /** Shows a flash message (template: `{{#flash.info}}…{{/flash.info}}`) until cleared. */
  protected putFlash(level: string, message: string): void {
    putFlash(this, level, message)
  }

  /** Clears flash `level`, or every level. The browser clears one with `lv-click="lv:clear-flash" lv-value-level="info"`. */
  protected clearFlash(level?: string): void {
    clearFlash(this, level)
  }

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

  // ---- Collection streams (see docs/streams.md) ----

  /**
   * Inserts `items` into collection stream `name`: the template renders them this time as
   * `streams.<name>` (each with its `domId`) and the server forgets them after the render.
   * Options: `domId(item)` (default `<name>-<item.id>`), `at` (-1 end, 0 start, n index),
   * `reset` (clear the browser's items first), `limit` (keep |limit| items; negative keeps the last).
   */
  protected stream<T>(name: string, items: Iterable<T>, options: StreamOptions<T> = {}): void {
    streamItems(taskRecord(this), name, items, options)
  }

  /** Inserts one item (an existing DOM id is replaced in place). */
  protected streamInsert<T>(name: string, item: T, options: { at?: number; domId?: (item: T) => string } = {}): void {
    streamInsert(taskRecord(this), name, item, options)
  }

  /** Deletes an item (or a DOM id) from the browser's copy of stream `name`. */
  protected streamDelete(name: string, itemOrDomId: unknown): void {
    streamDelete(taskRecord(this), name, itemOrDomId)
  }

  /** Clears the browser's items of stream `name`, then inserts `items`. */
  protected streamReset<T>(name: string, items: Iterable<T> = []): void {
    streamItems(taskRecord(this), name, items, { reset: true })
  }

  /** Keeps at most `limit` items, removing from the `edge` side ('top', the default, drops the oldest first). */
  protected streamPrune(name: string, limit: number, options: { edge?: 'top' | 'bottom' } = {}): void {
    streamPrune(taskRecord(this), name, limit, options.edge)
  }

  // ---- Text streams from a running handler (see docs/streams.md) ----

  /**
   * Writes `text` into the `lv-stream="<target>"` element (or a CSS selector) while the handler
   * runs: appended (default), replacing, or prepended. Text, never HTML. Await it: it waits when
   * the browser is slow to take the stream.
   */
  protected streamText(target: string, text: string, options: { mode?: TextModeName } = {}): Promise<void> {
    return streamText(taskRecord(this), target, text, options.mode)
  }

  /** Sets the target's content to `options.html`, or to what a render of the view now puts in it. */
  protected streamTo(target: string, options: { html?: string } = {}): Promise<void> {
    return streamTo(taskRecord(this), target, options.html)
  }

  /** Marks the target as streaming (class `lv-stream-active`, e.g. for a spinner). */
  protected streamStart(target: string): Promise<void> {
    return streamStatus(taskRecord(this), target, 'start')
  }

  /** Marks the target's stream as finished. */
  protected streamDone(target: string): Promise<void> {
    return streamStatus(taskRecord(this), target, 'done')
  }

  /** Marks the target's stream as failed (class `lv-stream-error`, `data-lv-error`), keeping its content. */
  protected streamError(target: string, message: string): Promise<void> {
    return streamStatus(taskRecord(this), target, 'error', message)
  }

  // ---- Async work (see docs/streams.md) ----

  /**
   * Runs `job` in the background for this session, after the handler returns and outside the
   * session's event queue: events keep being handled while it runs. The job gets `{ signal,
   * streamText, streamTo, streamStart, streamDone, streamError }`; it must not touch `this` (the
   * instance it would see is stale): what it returns, or throws, arrives in
   * `handleAsync(name, result)`. Starting a job whose name is running cancels the running one.
   */
  protected startAsync<T>(name: string, job: AsyncJob<T>): void {
    startAsync(taskRecord(this), name, job as AsyncJob<unknown>)
  }

  /** Cancels the job `name`: its signal aborts, and `handleAsync` gets `LIVELOOM_ERR_ASYNC_CANCELLED`. */
  protected cancelAsync(name: string): void {
    cancelAsync(taskRecord(this), name)
  }

  /**
   * Receives an async job's outcome, as a task of its own: change state here to render it.
   * Default: does nothing.
   */
  handleAsync(_name: string, _result: AsyncResult): void | Promise<void> {}

  // ---- Side channels (see docs/js-commands.md) ----

  /** Runs a JS command chain in the browser after this task's patch (`JS.show('#modal')...`). */
  protected pushCommands(chain: JsChain | JsCommand[]): void {
    const commands = chain instanceof JsChain ? chain.toJSON() : chain
    if (!Array.isArray(commands)) throw new LiveloomError('LIVELOOM_ERR_JS_COMMAND', 'pushCommands(chain): pass a JS chain (JS.show(...)...)')
    taskRecord(this).effects.push([EffectKind.JS, commands])
  }

  /**
   * Makes the browser natively submit (a real POST) the form matching `selector` after this
   * task's patch; the form must carry `lv-trigger-action`. For hand-offs that need a real request
   * (a payment provider, a cookie-setting login).
   */
  protected triggerSubmit(selector: string): void {
    if (typeof selector !== 'string' || selector === '') throw new LiveloomError('LIVELOOM_ERR_TRIGGER_ACTION', 'triggerSubmit(selector): selector must be a CSS selector')
    taskRecord(this).effects.push([EffectKind.SUBMIT, selector])
  }

  /** Runs `fn` once after this task's result has been sent, with no re-render (telemetry, cleanup). */
  protected defer(fn: () => unknown): void {
    if (typeof fn !== 'function') throw new LiveloomError('LIVELOOM_ERR_DEFER', 'defer(fn): fn must be a function')
    taskRecord(this).deferred.push(fn)
  }
}

export { beginTask, type TaskRecord } from './task-record.js'
