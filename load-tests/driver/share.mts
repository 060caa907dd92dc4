/**
 * One driver process's sessions and their behaviour: joins its share of the sessions (paced by a
 * gate), then, once told to go, keeps one event in flight per session — back to back (`events`),
 * after a think time with sessions leaving and joining (`soak`), or nothing (`idle`). Every loop
 * here ends on `stop` or `close`, on each session's event cap, and on the plan's deadline.
 */

import { Gate } from './gate.mjs'
import type { ShareReport, SharePlan } from './plan.mjs'
import { JOIN_TIMEOUT_MS, LoadSession, REPLY_TIMEOUT_MS, type SessionOwner, type SessionTimeouts } from './session.mjs'
import { Tally } from './tally.mjs'
import { hasLiveloomCode } from '../../src/errors.js'

/** How often events in flight are checked against the reply timeout. */
const SWEEP_MS = 250
/** How often churn picks sessions to leave. */
const CHURN_TICK_MS = 100
/** How often waits poll for sessions to settle. */
const POLL_MS = 20

/** Join progress of a share. */
export interface JoinProgress {
  joined: number
  joinFailures: number
}

/** The sessions of one driver process. */
export class DriverShare implements SessionOwner {
  readonly tally = new Tally()
  private readonly sessions = new Set<LoadSession>()
  private readonly leaving = new Set<Promise<void>>()
  private readonly joining = new Set<Promise<LoadSession | undefined>>()
  private readonly thinking = new Map<LoadSession, NodeJS.Timeout>()
  private readonly gate: Gate
  private readonly startedAt = performance.now()
  private readonly maxEvents: number
  private readonly maxJoins: number
  private readonly timeouts: SessionTimeouts
  private nextIndex: number
  private joinsStarted = 0
  private sending = false
  private closed = false
  private sweeper: NodeJS.Timeout | undefined
  private churner: NodeJS.Timeout | undefined

  constructor(private readonly plan: SharePlan) {
    this.gate = new Gate(plan.joinConcurrency)
    this.nextIndex = plan.firstSession
    this.maxEvents = plan.maxEventsPerSession ?? 1_000_000
    this.timeouts = { joinMs: plan.joinTimeoutMs ?? JOIN_TIMEOUT_MS, replyMs: plan.replyTimeoutMs ?? REPLY_TIMEOUT_MS }
    // Count bound on joins: the population plus every churn replacement the deadline allows.
    this.maxJoins = plan.sessions + Math.ceil(plan.churnPerSecond * plan.maxSeconds)
  }

  /** Joins the share's sessions; `progress` is called every 2 s meanwhile. */
  async join(progress?: (counts: JoinProgress) => void): Promise<JoinProgress> {
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_MS)
    const ticker = progress && setInterval(() => progress({ joined: this.sessions.size, joinFailures: this.tally.counts.joinFailures }), 2_000)
    try {
      await Promise.all(Array.from({ length: this.plan.sessions }, () => this.joinOne()))
    } finally {
      clearInterval(ticker)
    }
    this.tally.counts.joined = this.sessions.size
    return { joined: this.sessions.size, joinFailures: this.tally.counts.joinFailures }
  }

  /** Starts the sessions' events (nothing in `idle`), and churn in `soak`. */
  go(): void {
    if (this.closed || this.plan.mode === 'idle') return
    this.sending = true
    for (const session of this.sessions) this.next(session)
    if (this.plan.mode === 'soak' && this.plan.churnPerSecond > 0) this.startChurn()
  }

  /** Opens the measured window. */
  measure(): void {
    this.tally.openWindow()
  }

  /**
   * Stops sending, closes the window and waits until every event in flight is answered or
   * counted lost (at most the reply timeout). May be called again: it reports the counts so far. With `whenDone`, first waits until every session
   * has sent its `maxEventsPerSession` events (bounded by the plan's deadline).
   */
  async stop(whenDone = false): Promise<ShareReport> {
    if (whenDone) await this.until(() => [...this.sessions].every((s) => !s.busy && (s.events >= this.maxEvents || !s.usable)), this.remainingMs())
    this.sending = false
    clearInterval(this.churner)
    for (const timer of this.thinking.values()) clearTimeout(timer)
    this.thinking.clear()
    this.tally.closeWindow()
    await this.until(() => [...this.sessions].every((s) => !s.busy), this.timeouts.replyMs + 2 * SWEEP_MS)
    return this.tally.report()
  }

  /** Closes every socket (joins still under way close when they land); resolves when all are closed. */
  async close(): Promise<void> {
    this.closed = true
    this.sending = false
    clearInterval(this.sweeper)
    clearInterval(this.churner)
    for (const timer of this.thinking.values()) clearTimeout(timer)
    this.thinking.clear()
    // Joins still under way see `closed` when they land and close their socket themselves.
    await Promise.all([...[...this.sessions].map((s) => s.close()), ...this.leaving, ...this.joining])
    this.sessions.clear()
  }

  answered(session: LoadSession): void {
    this.next(session)
  }

  closedUnexpectedly(session: LoadSession): void {
    this.sessions.delete(session)
    clearTimeout(this.thinking.get(session))
    this.thinking.delete(session)
  }

  /** Joins one more session through the gate; a failure is counted, not thrown. */
  private joinOne(): Promise<LoadSession | undefined> {
    const joining = this.tryJoin().finally(() => this.joining.delete(joining))
    this.joining.add(joining)
    return joining
  }

  private async tryJoin(): Promise<LoadSession | undefined> {
    const index = this.nextIndex++
    this.joinsStarted++
    try {
      const session = await this.gate.run(async () => (this.closed ? undefined : LoadSession.join(this.plan.url, this.plan.path, index, this.tally, this, this.timeouts)))
      if (!session) return undefined
      if (this.closed) {
        await session.close()
        return undefined
      }
      this.sessions.add(session)
      this.tally.counts.joinedTotal++
      return session
    } catch (error) {
      this.tally.counts.joinFailures++
      const code = hasLiveloomCode(error) ? error.code : 'LIVELOOM_ERR_LOAD_JOIN'
      this.tally.error(code, `join failed: ${(error as Error).message}`)
      return undefined
    }
  }

  /** Sends the session's next event now or after its think time, or lets it leave or stop. */
  private next(session: LoadSession): void {
    if (!this.sending || session.busy || !session.usable || this.thinking.has(session)) return
    if (session.leaving) return this.leave(session)
    if (session.events >= this.maxEvents) return void this.tally.counts.capped++
    const [min, max] = this.plan.mode === 'soak' ? (this.plan.thinkMs ?? [50, 200]) : [0, 0]
    if (max <= 0) return this.send(session)
    const timer = setTimeout(
      () => {
        this.thinking.delete(session)
        if (session.leaving) this.leave(session)
        else if (this.sending && session.usable) this.send(session)
      },
      min + Math.random() * (max - min),
    )
    this.thinking.set(session, timer)
  }

  private send(session: LoadSession): void {
    const spec = this.plan.event!
    const params: Record<string, unknown> = { ...spec.params }
    if (spec.rotate) params[spec.rotate.key] = String(((session.index + session.events) % spec.rotate.count) + 1)
    session.send(spec.name, params)
  }

  /** `soak`: every tick, `churnPerSecond` × tick sessions (carried over as a fraction) leave and as many join. */
  private startChurn(): void {
    let due = 0
    this.churner = setInterval(() => {
      due += (this.plan.churnPerSecond * CHURN_TICK_MS) / 1000
      while (due >= 1 && this.joinsStarted < this.maxJoins) {
        due--
        const candidates = [...this.sessions].filter((s) => !s.leaving && s.usable)
        const victim = candidates[Math.floor(Math.random() * candidates.length)]
        if (victim) {
          victim.leaving = true
          // A session thinking leaves now; one with an event in flight leaves when it is answered.
          if (!victim.busy) this.leave(victim)
        }
        void this.joinOne().then((session) => session && this.next(session))
      }
    }, CHURN_TICK_MS)
  }

  private leave(session: LoadSession): void {
    if (!this.sessions.delete(session)) return
    clearTimeout(this.thinking.get(session))
    this.thinking.delete(session)
    this.tally.counts.left++
    const closing = session.close().finally(() => this.leaving.delete(closing))
    this.leaving.add(closing)
  }

  private sweep(): void {
    const now = performance.now()
    for (const session of this.sessions) session.checkLost(now)
  }

  private remainingMs(): number {
    return Math.max(0, this.plan.maxSeconds * 1000 - (performance.now() - this.startedAt))
  }

  /** Resolves when `done()` holds, or after `limitMs`. */
  private async until(done: () => boolean, limitMs: number): Promise<void> {
    const end = performance.now() + limitMs
    while (!done() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, POLL_MS))
  }
}
