/**
 * The gateway's session logic, shared by the HTTP middleware and the WebSocket connections:
 * mount for a page, join/resume, events, refreshes, detaching and draining. Everything that
 * touches a session runs through its mailbox, so its tasks and frames stay in order.
 */

import { randomBytes } from 'node:crypto'
import { LiveloomError } from '../errors.js'
import { TaskKind, type TaskError, type TaskResult } from '../../workers/task-types.js'
import { EffectKind, type Effect, type EventParams } from '../protocol/frames.js'
import type { ResolvedOptions } from '../options.js'
import type { Logger } from '../logger.js'
import { TaskPool } from '../pool.js'
import { TokenSigner, type TokenPayload } from '../token.js'
import { Session, type FrameSink } from '../sessions/session.js'
import { SessionRegistry } from '../sessions/registry.js'
import { Router, type RouteMatch } from './routes.js'
import { diffFrame, errorFrame, joinedFrame, renderFrame, replyFrame } from './encode.js'
import { StreamHub } from './stream-hub.js'
import { StreamBuffer } from '../sessions/stream-buffer.js'
import type { SessionData } from '../view/live-view.js'
import type { AsyncResult } from '../view/async-work.js'
import type { FieldChanges } from '../view/state.js'

/** A socket with more than this queued is backed up: stream frames wait and grow instead. */
const STREAM_BACKLOG_BYTES = 1024 * 1024

/** The share of a throttle interval two calls must be apart on arrival (see `throttled`). */
const THROTTLE_TOLERANCE = 0.75

/** What a page render produced. */
export interface MountedPage {
  session: Session
  html: string
  token: string
  effects: Effect[]
}

/** The session logic of one `createLive` instance. */
export class Gateway {
  readonly router: Router
  readonly pool: TaskPool
  readonly registry: SessionRegistry
  readonly signer: TokenSigner
  readonly streams: StreamHub

  constructor(
    readonly options: ResolvedOptions,
    readonly logger: Logger,
  ) {
    this.router = new Router(options.routes)
    this.signer = new TokenSigner(options.secret, options.tokenMaxAgeMs)
    this.registry = new SessionRegistry(options.sessions, (session, why) => {
      session.stream.close()
      logger.debug({ session: session.id, why }, 'parked session dropped')
    })
    this.streams = new StreamHub(
      (sid) => this.registry.find(sid),
      (sid, name, result, written) => this.asyncDone(sid, name, result, written),
    )
    this.pool = new TaskPool({
      workers: options.workers,
      concurrentTasksPerWorker: options.concurrentTasksPerWorker,
      taskTimeoutMs: options.taskTimeoutMs,
      worker: { templatesDir: options.templatesDir, reloadTemplates: options.reloadTemplates, dev: options.dev },
    })
    this.pool.onWorkerMessage((message) => this.streams.onPoolMessage(message))
    const { hibernateAfterMs } = options.sessions
    if (hibernateAfterMs > 0) {
      this.hibernator = setInterval(() => this.hibernateIdle(performance.now(), hibernateAfterMs), Math.max(1000, hibernateAfterMs / 4))
      this.hibernator.unref()
    }
  }

  private hibernator: NodeJS.Timeout | undefined

  /**
   * Compresses the bytes of attached sessions that ran no task for `afterMs` (Session.hibernate),
   * in their mailbox so no task runs meanwhile. Parked sessions are left alone: they are gone or
   * joined within their window, and the parked-bytes bound counts them as they were parked.
   */
  hibernateIdle(now: number, afterMs: number): void {
    for (const session of this.registry.attachedSessions()) {
      if (session.hibernating || session.mailbox.size > 0 || now - session.lastActive < afterMs) continue
      session.mailbox.post(async () => {
        // An event may have come between the check and this job.
        if (performance.now() - session.lastActive >= afterMs) await session.hibernate()
      })
    }
  }

  /**
   * Mounts the view for an HTTP render and parks the session until the page joins. Throws the
   * mount's coded error (logged here).
   */
  async mountPage(match: RouteMatch, url: string, query: Record<string, string>, userSession: SessionData): Promise<MountedPage> {
    const result = await this.pool.run({
      kind: TaskKind.MOUNT,
      view: match.route.view,
      params: { ...query, ...match.params },
      session: userSession,
      nodes: false,
      url,
    })
    if (!result.ok) throw this.logFailure(result.error, { view: match.route.view, url, task: 'mount' })
    const session = this.newSession(match.route.view, url, userSession, result)
    this.registry.park(session, 'join')
    return { session, html: result.html!, token: this.tokenFor(session), effects: result.effects }
  }

  /**
   * Joins a connection to the session named by a verified token: adopts it when this node still
   * has it (the page's own session or one kept for resume), else mounts afresh. `clientVersion`
   * is the last frame the client applied (0 for a fresh page); when it differs from the
   * session's, the joined frame carries the whole container.
   */
  async join(sink: FrameSink, ref: number, payload: TokenPayload, clientVersion: number, onReplaced: (old: FrameSink) => void): Promise<Session | undefined> {
    const existing = this.registry.adopt(payload.sid)
    if (existing) {
      if (existing.sink && existing.sink !== sink) onReplaced(existing.sink)
      existing.sink = sink
      this.registry.attach(existing)
      await this.inMailbox(existing, sink, ref, async () => {
        if (clientVersion === existing.version) {
          existing.sink?.send(joinedFrame(ref, existing.version, this.tokenFor(existing)))
          return
        }
        const [, snapshot] = await existing.copies()
        const result = await this.pool.run({ kind: TaskKind.NODES, snapshot }, [snapshot])
        if (!result.ok) return this.failFrame(existing, ref, result.error, 'join')
        existing.sink?.send(joinedFrame(ref, existing.version, this.tokenFor(existing), result.nodes))
      })
      return existing
    }
    return this.mountOverSocket(sink, ref, payload)
  }

  private async mountOverSocket(
    sink: FrameSink,
    ref: number,
    payload: Pick<TokenPayload, 'url' | 'session'>,
    flash?: Record<string, string>,
    notLive = { code: 'LIVELOOM_ERR_ROUTE_GONE', message: 'this page no longer has a live view; reload the page' },
  ): Promise<Session | undefined> {
    const url = new URL(payload.url, 'http://liveloom.invalid')
    const match = this.router.match(url.pathname)
    if (!match) {
      sink.send(errorFrame(ref, 0, notLive.code, notLive.message))
      return undefined
    }
    const result = await this.pool.run({
      kind: TaskKind.MOUNT,
      view: match.route.view,
      params: { ...Object.fromEntries(url.searchParams), ...match.params },
      session: payload.session,
      nodes: true,
      url: payload.url,
      flash,
    })
    if (!result.ok) {
      const error = this.logFailure(result.error, { view: match.route.view, url: payload.url, task: 'mount' })
      sink.send(errorFrame(ref, 0, error.code, this.clientMessage(result.error)))
      return undefined
    }
    const session = this.newSession(match.route.view, payload.url, payload.session, result)
    session.sink = sink
    this.registry.attach(session)
    sink.send(joinedFrame(ref, session.version, this.tokenFor(session), result.nodes))
    return session
  }

  /**
   * Live navigation over the same socket: leaves `old` (its session ends) and mounts the view at
   * `url`, bringing the flash of the redirect that led here. No live route there: the reply is
   * `LIVELOOM_ERR_NOT_LIVE` and the client loads the page normally.
   */
  async navigate(sink: FrameSink, ref: number, old: Session, url: string): Promise<Session | undefined> {
    const match = this.router.match(new URL(url, 'http://liveloom.invalid').pathname)
    if (!match) {
      sink.send(errorFrame(ref, old.nextVersion(), 'LIVELOOM_ERR_NOT_LIVE', `${url} has no live view: load it as a page`))
      return old
    }
    await old.mailbox.idle()
    const flash = old.redirectFlash
    old.sink = null
    old.stream.close()
    this.registry.remove(old)
    return this.mountOverSocket(sink, ref, { url, session: old.userSession }, flash)
  }

  /**
   * The URL changed within `session`'s view (a `params` frame from the browser, or `livePatch`):
   * runs `handleParams` and sends its patch, as the reply to `ref` or as a `diff`. A URL of
   * another view is refused with `LIVELOOM_ERR_NAVIGATION` (the client navigates instead).
   */
  changeParams(session: Session, ref: number | undefined, url: string): void {
    const parsed = new URL(url, 'http://liveloom.invalid')
    const match = this.router.match(parsed.pathname)
    if (!match || match.route.view !== session.view) {
      session.sink?.send(errorFrame(ref, session.nextVersion(), 'LIVELOOM_ERR_NAVIGATION', `${url} is not a URL of this view: navigate to it instead`))
      return
    }
    session.mailbox.post(async () => {
      session.url = url
      const [state, snapshot] = await session.copies()
      const task = ++session.tasks
      const params = { ...Object.fromEntries(parsed.searchParams), ...match.params }
      const result = await this.pool.run({ kind: TaskKind.PARAMS, view: session.view, sid: session.id, task, url, state, snapshot, params }, [state, snapshot])
      if (!result.ok) return this.failFrame(session, ref, result.error, 'handleParams')
      this.commit(session, result, task)
      await session.stream.whenReceived(task, result.streamed ?? 0)
      this.sendResult(session, ref, result)
    })
  }

  /** Sends a committed task result: `reply` to `ref`, else `diff`; carries out patch and redirect. */
  private sendResult(session: Session, ref: number | undefined, result: TaskResult & { ok: true }): void {
    const effects = [...result.effects]
    if (result.patch) effects.push([EffectKind.PATCH, result.patch.url, result.patch.replace])
    if (result.redirect) {
      effects.push([EffectKind.REDIRECT, result.redirect.url, result.redirect.replace])
      session.redirectFlash = result.redirect.flash
    }
    const stream = session.stream.take()
    const extras = { stream, items: result.items }
    session.sink?.send(
      ref === undefined
        ? diffFrame(session.nextVersion(), result.ops, effects, extras)
        : replyFrame(ref, session.nextVersion(), result.ops, effects, result.data, extras),
    )
    // A patched URL re-runs handleParams after this reply, as the browser's own URL change would.
    if (result.patch) this.changeParams(session, undefined, result.patch.url)
  }

  /** Queues an event for `session`; it gets exactly one reply frame. */
  event(session: Session, ref: number, name: string, params: EventParams): void {
    const sink = session.sink
    if (this.throttled(session, name)) {
      const ms = session.limits[name]![1]
      sink?.send(errorFrame(ref, session.nextVersion(), 'LIVELOOM_ERR_THROTTLED', `${name} may run at most once every ${ms} ms (@throttle); this call was refused`))
      return
    }
    const posted = session.mailbox.post(async () => {
      const [state, snapshot] = await session.copies()
      const task = ++session.tasks
      const result = await this.pool.run({ kind: TaskKind.EVENT, view: session.view, sid: session.id, task, url: session.url, state, snapshot, name, params }, [state, snapshot])
      if (!result.ok) return this.failFrame(session, ref, result.error, name)
      this.commit(session, result, task)
      this.logWarnings(result.effects, session, name)
      // Streamed ops come on the worker's channel, not with the result: the reply, which carries
      // what is still pending before its own ops, waits until they are all in.
      await session.stream.whenReceived(task, result.streamed ?? 0)
      this.sendResult(session, ref, result)
    })
    if (!posted) {
      sink?.send(
        errorFrame(ref, session.nextVersion(), 'LIVELOOM_ERR_MAILBOX_FULL', `more than ${this.options.mailboxLimit} events are waiting for this session; slow down`),
      )
    }
  }

  /** An async job of session `sid` ended: its outcome goes to the view's `handleAsync`, in the mailbox. */
  private asyncDone(sid: string, name: string, outcome: AsyncResult, written?: FieldChanges): void {
    const session = this.registry.find(sid)
    if (!session) return
    session.mailbox.post(async () => {
      const run = async (): Promise<TaskResult> => {
        const [state, snapshot] = await session.copies()
        return this.pool.run({ kind: TaskKind.ASYNC, view: session.view, sid: session.id, task, url: session.url, state, snapshot, name, result: outcome, written }, [state, snapshot])
      }
      const task = ++session.tasks
      let result = await run()
      // A job's worker dying closes its channel before the pool notices the exit, so this task can
      // land on the dying worker; it changed nothing, so it is safe to run once more.
      if (!result.ok && result.error.code === 'LIVELOOM_ERR_WORKER_DIED') result = await run()
      if (!result.ok) return this.failFrame(session, undefined, result.error, `handleAsync ${name}`)
      this.commit(session, result, task)
      await session.stream.whenReceived(task, result.streamed ?? 0)
      if (result.ops === undefined && result.effects.length === 0 && result.items === undefined && !result.patch && !result.redirect) {
        const stream = session.stream.take()
        if (stream) session.sink?.send(diffFrame(session.nextVersion(), undefined, [], { stream }))
        return
      }
      this.sendResult(session, undefined, result)
    })
  }

  /**
   * Whether a `@throttle(ms)` handler is called again too soon. Calls are measured on arrival, so
   * network jitter can bring two calls the browser spaced correctly closer: a quarter of the
   * interval is tolerated.
   */
  private throttled(session: Session, name: string): boolean {
    const limit = session.limits[name]
    if (!limit || limit[0] !== 'throttle') return false
    const now = performance.now()
    const last = session.lastRun.get(name)
    if (last !== undefined && now - last < limit[1] * THROTTLE_TOLERANCE) return true
    session.lastRun.set(name, now)
    return false
  }

  private logWarnings(effects: Effect[], session: Session, event: string): void {
    for (const effect of effects) {
      if (effect[0] === EffectKind.WARN) this.logger.warn({ session: session.id, view: session.view, event }, effect[1])
    }
  }

  /** Queues a full render of the committed snapshot for a client that lost track. */
  refresh(session: Session, ref: number): void {
    session.mailbox.post(async () => {
      const [, snapshot] = await session.copies()
      const result = await this.pool.run({ kind: TaskKind.NODES, snapshot }, [snapshot])
      if (!result.ok) return this.failFrame(session, ref, result.error, 'refresh')
      session.sink?.send(renderFrame(ref, session.nextVersion(), result.nodes!))
    })
  }

  /** The socket of `session` closed: keep the session for resume (bounded). */
  detach(session: Session, sink: FrameSink): void {
    if (session.sink !== sink) return
    session.sink = null
    this.registry.park(session, 'resume')
  }

  /** Waits for every session's queued work, then stops the workers. */
  async drain(): Promise<void> {
    clearInterval(this.hibernator)
    await Promise.all(this.registry.all().map((session) => session.mailbox.idle()))
    this.registry.close()
    await this.pool.close()
    this.streams.close()
  }

  private newSession(view: string, url: string, userSession: SessionData, result: TaskResult & { ok: true }): Session {
    const session = new Session(randomBytes(18).toString('base64url'), view, url, userSession, result.state!, result.snapshot!, this.options.mailboxLimit, result.limits)
    session.stream = new StreamBuffer({
      ready: () => (!session.sink ? 'gone' : session.sink.backlog() > STREAM_BACKLOG_BYTES ? 'busy' : 'ready'),
      send: (ops) => session.sink?.send(diffFrame(session.nextVersion(), undefined, [], { stream: ops })),
      ack: (port, bytes) => this.streams.ack(port, session.id, bytes),
    })
    return session
  }

  private tokenFor(session: Session): string {
    return this.signer.sign({ sid: session.id, url: session.url, session: session.userSession })
  }

  /** Keeps the state and tree of `session`'s task `task`, and sends the cancels of async jobs it asked for. */
  private commit(session: Session, result: TaskResult & { ok: true }, task: number): void {
    session.state = result.state!
    session.snapshot = result.snapshot!
    for (const job of result.cancel ?? []) this.streams.cancel(session.id, job, task)
  }

  private async inMailbox(session: Session, sink: FrameSink, ref: number, job: () => Promise<void>): Promise<void> {
    const posted = session.mailbox.post(job)
    if (!posted) sink.send(errorFrame(ref, session.nextVersion(), 'LIVELOOM_ERR_MAILBOX_FULL', 'the session is busy; try again'))
  }

  private failFrame(session: Session, ref: number | undefined, error: TaskError, what: string): void {
    this.logFailure(error, { session: session.id, view: session.view, event: what, ref })
    session.sink?.send(errorFrame(ref, session.nextVersion(), error.code, this.clientMessage(error)))
  }

  /** Logs a task failure once, with its context, and returns it as an error. */
  private logFailure(error: TaskError, context: Record<string, unknown>): LiveloomError {
    const level = error.fault === 'network' ? 'warn' : 'error'
    this.logger[level]({ ...context, err: { code: error.code, message: error.message, stack: error.stack, details: error.details } }, `${context.task ?? 'event'} failed: ${error.code}`)
    return new LiveloomError(error.code, error.message, { fault: error.fault, details: error.details })
  }

  /**
   * What the browser is told: liveloom's own messages, never an application exception's text or
   * a server file path.
   */
  clientMessage(error: TaskError): string {
    return error.expose ? error.message : 'the view failed on the server; the server log has the details'
  }
}
