/**
 * `liveloom/testing`: mount a view, push events, read its HTML and state, without a browser or a
 * server (like Phoenix's LiveViewTest). Runs the same task functions the workers run, in-process,
 * so what passes here behaves the same behind the gateway.
 *
 * ```ts
 * const view = await mountView(new URL('../views/counter.ts', import.meta.url))
 * await view.push('increment')
 * assert.equal(view.state.count, 1)
 * assert.match(view.html, /Count: 1/)
 * ```
 */

import { pathToFileURL } from 'node:url'
import { isAbsolute, resolve } from 'node:path'
import * as native from '../../native/index.js'
import { LiveloomError } from '../errors.js'
import { decodeState } from '../view/state.js'
import { runTask, type CountingSink, type TaskEnvironment } from '../../workers/run-task.js'
import { createTemplateStore } from '../../workers/templates/index.js'
import { TaskKind, type TaskResult } from '../../workers/task-types.js'
import { JobRunner } from '../../workers/async-jobs.js'
import type { AsyncResult } from '../view/async-work.js'
import { queryParams } from '../view/navigation.js'
import type { FieldChanges } from '../view/state.js'
import type { CollectionUpdate, Effect, EventParams, StreamWireOp } from '../protocol/frames.js'
import type { WireNode, WireOp } from '../protocol/ops.js'
import type { SessionData } from '../view/live-view.js'

/** Options of {@link mountView}. */
export interface MountViewOptions {
  /** Route params for `mount` (the query params of `url` are added). Default: `{}`. */
  params?: Record<string, string>
  /** User session data for `mount`. Default: `{}`. */
  session?: SessionData
  /** Directory of partials and layouts. Default: none. */
  templatesDir?: string
  /** Development mode: unknown params come back as `warn` effects. Default: `true`. */
  dev?: boolean
  /** The URL the view is mounted at (path and query), for `handleParams`. Default: `'/'`. */
  url?: string
}

/** What one pushed event did. */
export interface PushResult {
  /** The patch ops the browser would receive (decoded). */
  ops: WireOp[]
  /** Effects the handler asked for. */
  effects: Effect[]
  /** What the handler returned (the reply a hook's `pushEvent` resolves with), as JSON data. */
  data: unknown
  /** Whether the handler changed state (and so the view re-rendered). */
  rendered: boolean
  /** The text-stream ops the handler sent while it ran, in order, unmerged. */
  stream: StreamWireOp[]
  /** The collection stream updates of the render, by stream name. */
  items: Record<string, CollectionUpdate>
  /** A `livePatch` (already followed: `handleParams` ran and `html`/`state` show it). */
  patch?: { url: string; replace: boolean }
  /** A `liveRedirect` the browser would follow. */
  redirect?: { url: string; replace: boolean; flash: Record<string, string> }
}

/** Outcomes of a harness's async jobs, by name, for `awaitAsync`. */
interface JobOutcome {
  result: AsyncResult
  written?: FieldChanges
}

class JobOutcomes {
  private readonly waiting = new Map<string, { promise: Promise<JobOutcome>; resolve: (outcome: JobOutcome) => void }>()

  expect(name: string): void {
    let resolve!: (outcome: JobOutcome) => void
    const promise = new Promise<JobOutcome>((r) => (resolve = r))
    this.waiting.set(name, { promise, resolve })
  }

  finish(name: string, outcome: JobOutcome): void {
    this.waiting.get(name)?.resolve(outcome)
  }

  wait(name: string): Promise<JobOutcome> {
    const entry = this.waiting.get(name)
    if (!entry) throw new LiveloomError('LIVELOOM_ERR_ASYNC_NAME', `no async job ${JSON.stringify(name)} was started`)
    return entry.promise.finally(() => {
      if (this.waiting.get(name) === entry) this.waiting.delete(name)
    })
  }
}

/** A sink that records ops (no flow control: nothing is slow in a test). */
function recordingSink(into: StreamWireOp[]): CountingSink {
  let sent = 0
  return {
    get sent() {
      return sent
    },
    async send(op) {
      into.push(op)
      sent++
    },
  }
}

/** A mounted view under test. */
export class ViewHarness {
  private constructor(
    private readonly view: string,
    private readonly env: TaskEnvironment,
    private stateBytes: ArrayBuffer,
    private snapshot: ArrayBuffer,
    /** Effects requested during mount. */
    readonly mountEffects: Effect[],
    private readonly streamed: StreamWireOp[],
    private readonly jobs: JobOutcomes,
  ) {}

  /** @internal Used by {@link mountView}. */
  static async mount(view: string, options: MountViewOptions): Promise<ViewHarness> {
    const streamed: StreamWireOp[] = []
    const jobs = new JobOutcomes()
    const runner = new JobRunner({
      sink: () => recordingSink(streamed),
      toNodes: (html) => JSON.parse(native.parseNodes(html)) as WireNode[],
      started: () => {},
      finished: (_sid, name, _task, result, written) => jobs.finish(name, { result, written }),
    })
    const env: TaskEnvironment = {
      templates: createTemplateStore({ partialsDir: options.templatesDir, missingPartial: 'error', cache: true }),
      dev: options.dev ?? true,
      sink: () => recordingSink(streamed),
      startJob: (sid, name, job, view) => {
        jobs.expect(name)
        runner.start(sid, name, job, view)
      },
    }
    const result = await runTask({ kind: TaskKind.MOUNT, view, params: { ...queryParams(options.url ?? '/'), ...options.params }, session: options.session ?? {}, nodes: false, url: options.url ?? '/' }, env)
    const done = unwrap(result)
    const harness = new ViewHarness(view, env, done.state!, done.snapshot!, done.effects, streamed, jobs)
    harness.runner = runner
    harness.url = options.url ?? '/'
    harness.routeParams = options.params ?? {}
    return harness
  }

  private runner!: JobRunner
  /** The URL the view is at: changed by `livePatch` and {@link patchUrl}. */
  url = '/'

  /** The container's current HTML (serialized from the server's tree). */
  get html(): string {
    return native.toHtml(this.snapshot)
  }

  /** The view's current state (a fresh copy; its fields, `_` fields included). */
  get state(): Record<string, unknown> {
    return decodeState(this.stateBytes)
  }

  /**
   * Runs the handler `name` with `params`, as a browser event would. On failure throws the coded
   * `LiveloomError` the browser would receive, and the view keeps its previous state.
   */
  async push(name: string, params: EventParams = {}): Promise<PushResult> {
    const result = await runTask(
      { kind: TaskKind.EVENT, view: this.view, sid: 'test', task: 0, url: this.url, state: this.stateBytes.slice(0), snapshot: this.snapshot.slice(0), name, params },
      this.env,
    )
    for (const job of result.ok ? (result.cancel ?? []) : []) this.runner.cancel('test', job)
    const pushed = this.settle(result)
    if (result.ok && result.patch) await this.patchUrl(result.patch.url)
    return pushed
  }

  /**
   * Changes the URL within the view, as an `lv-patch` link or the back button does: runs
   * `handleParams` with the URL's query params (route params are the ones given to mount).
   */
  async patchUrl(url: string): Promise<PushResult> {
    this.url = url
    const result = await runTask(
      { kind: TaskKind.PARAMS, view: this.view, sid: 'test', task: 0, url, state: this.stateBytes.slice(0), snapshot: this.snapshot.slice(0), params: { ...this.routeParams, ...queryParams(url) } },
      this.env,
    )
    return this.settle(result)
  }

  /** Route params given to mount, kept for `patchUrl`. */
  routeParams: Record<string, string> = {}

  /**
   * Waits for the async job `name` to end and delivers its outcome to `handleAsync`, as the
   * gateway would; returns what that did (`stream` holds what the job streamed).
   */
  async awaitAsync(name: string): Promise<PushResult> {
    const { result: outcome, written } = await this.jobs.wait(name)
    const result = await runTask(
      { kind: TaskKind.ASYNC, view: this.view, sid: 'test', task: 0, url: this.url, state: this.stateBytes.slice(0), snapshot: this.snapshot.slice(0), name, result: outcome, written },
      this.env,
    )
    return this.settle(result)
  }

  private settle(result: TaskResult): PushResult {
    const stream = this.streamed.splice(0)
    const done = unwrap(result)
    this.stateBytes = done.state!
    this.snapshot = done.snapshot!
    return {
      ops: done.ops === undefined ? [] : (JSON.parse(done.ops) as WireOp[]),
      effects: done.effects,
      data: done.data === undefined ? undefined : JSON.parse(done.data),
      rendered: done.ops !== undefined,
      stream,
      items: done.items === undefined ? {} : (JSON.parse(done.items) as Record<string, CollectionUpdate>),
      ...(done.patch ? { patch: done.patch } : {}),
      ...(done.redirect ? { redirect: done.redirect } : {}),
    }
  }
}

/**
 * Mounts the view module at `module` (a path, resolved against the working directory, or a
 * `file:` URL). Throws the mount's coded error.
 */
export function mountView(module: string | URL, options: MountViewOptions = {}): Promise<ViewHarness> {
  const url = module instanceof URL ? module.href : module.startsWith('file:') ? module : pathToFileURL(isAbsolute(module) ? module : resolve(module)).href
  return ViewHarness.mount(url, options)
}

function unwrap(result: TaskResult): TaskResult & { ok: true } {
  if (result.ok) return result
  const { code, message, fault, details } = result.error
  throw new LiveloomError(code, message, { fault, details })
}
