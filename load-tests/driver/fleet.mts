/**
 * The WebSocket load driver as a scenario uses it: forks driver processes (child.mts), splits the
 * plan's sessions among them, steps them through the phases together (join → go → measure → stop
 * → close) and merges their reports. The driver never runs inside the server, and not in the
 * scenario's process either, so neither one's event loop is the other's bottleneck.
 *
 *   const fleet = await DriverFleet.start(plan)
 *   try {
 *     await fleet.join(); await fleet.go(); await fleet.measure()
 *     … wait, sample the server …
 *     const report = await fleet.stop()
 *   } finally { await fleet.close() }
 */

import { fork, type ChildProcess } from 'node:child_process'
import { LiveloomError } from '../../src/errors.js'
import type { Answer, Command, CommandName } from './messages.mjs'
import { mergeReports } from './merge.mjs'
import type { DriverPlan, DriverReport, ShareReport, SharePlan } from './plan.mjs'
import type { JoinProgress } from './share.mjs'

/** Above this many sessions the fleet defaults to two driver processes. */
const ONE_PROCESS_UP_TO = 1_000
/** Extra time the parent allows past the plan's deadline before it gives up on a child (the child gives up first). */
const GRACE_MS = 15_000

/** Options of {@link DriverFleet.start}. */
export interface FleetOptions {
  /**
   * Driver processes. Default: 1 up to 1,000 sessions, 2 above — the machine this was built for
   * has 2 cores shared with the server, so more drivers would only take CPU from it.
   */
  processes?: number
  /** Receives progress lines (join counts every 2 s). */
  progress?: (line: string) => void
}

/** The default number of driver processes for `sessions`. */
export function defaultProcesses(sessions: number): number {
  return sessions > ONE_PROCESS_UP_TO ? 2 : 1
}

interface Driver {
  process: ChildProcess
  exited: Promise<void>
  progress: JoinProgress
}

/** Driver processes running one plan. */
export class DriverFleet {
  private nextId = 1
  private readonly startedAt = performance.now()

  private constructor(
    private readonly plan: DriverPlan,
    private readonly drivers: Driver[],
    private readonly progress: ((line: string) => void) | undefined,
  ) {}

  /** Validates `plan` and forks its driver processes. Throws `LIVELOOM_ERR_LOAD_PLAN` for a plan that cannot run. */
  static async start(plan: DriverPlan, options: FleetOptions = {}): Promise<DriverFleet> {
    checkPlan(plan)
    const wanted = options.processes ?? defaultProcesses(plan.sessions)
    if (!Number.isInteger(wanted) || wanted < 1) throw planError(`driver processes must be a positive whole number, got ${wanted}`)
    // Never more processes than sessions: an empty share would only cost a process.
    const count = Math.min(wanted, plan.sessions)
    const drivers: Driver[] = []
    let firstSession = 0
    for (let index = 0; index < count; index++) {
      const sessions = Math.floor(plan.sessions / count) + (index < plan.sessions % count ? 1 : 0)
      const share: SharePlan = {
        ...plan,
        index,
        sessions,
        firstSession,
        joinConcurrency: Math.max(1, Math.round((plan.joinConcurrency ?? 50) / count)),
        churnPerSecond: (plan.churnPerSecond ?? 0) / count,
      }
      firstSession += sessions
      // tsx runs the TypeScript child; its stdout goes to our stderr, keeping our stdout for results.
      const child = fork(new URL('child.mts', import.meta.url), [JSON.stringify(share)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 2, 2, 'ipc'] })
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      drivers.push({ process: child, exited, progress: { joined: 0, joinFailures: 0 } })
    }
    return new DriverFleet(plan, drivers, options.progress)
  }

  /** Joins every session (paced); resolves with the counts of joined and failed sessions. */
  async join(): Promise<JoinProgress> {
    const results = (await this.call('join')) as JoinProgress[]
    return { joined: results.reduce((n, r) => n + r.joined, 0), joinFailures: results.reduce((n, r) => n + r.joinFailures, 0) }
  }

  /** Starts sending events (`events`, `soak`) and churn (`soak`). */
  async go(): Promise<void> {
    await this.call('go')
  }

  /** Opens the measured window: events sent from now on are counted. */
  async measure(): Promise<void> {
    await this.call('measure')
  }

  /**
   * Stops sending, waits for the answers of events in flight (at most the reply timeout, after
   * which they count as lost) and returns the merged report (again, with later counts, when
   * called again). With `whenDone`, first waits
   * until every session has sent `maxEventsPerSession` events.
   */
  async stop(options: { whenDone?: boolean } = {}): Promise<DriverReport> {
    return mergeReports((await this.call('stop', options.whenDone ?? false)) as ShareReport[])
  }

  /** Closes every session's socket and ends the driver processes (killed if they do not end in time). */
  async close(): Promise<void> {
    const alive = this.drivers.filter((d) => d.process.exitCode === null && d.process.signalCode === null)
    await Promise.allSettled(alive.map((driver) => this.ask(driver, { id: this.nextId++, command: 'close' }, GRACE_MS)))
    await Promise.all(
      this.drivers.map(async (driver) => {
        const timer = setTimeout(() => driver.process.kill('SIGKILL'), 5_000)
        await driver.exited
        clearTimeout(timer)
      }),
    )
  }

  /** Sends a command to every driver and resolves with their results, in driver order. */
  private async call(command: CommandName, whenDone = false): Promise<unknown[]> {
    const id = this.nextId++
    const message = (command === 'stop' ? { id, command, whenDone } : { id, command }) as Command
    // Every command is bounded by the plan's deadline: the children quit at it, the parent a little after.
    const limitMs = Math.max(0, this.plan.maxSeconds * 1000 - (performance.now() - this.startedAt)) + GRACE_MS
    return Promise.all(this.drivers.map((driver) => this.ask(driver, message, limitMs)))
  }

  private ask(driver: Driver, message: Command, limitMs: number): Promise<unknown> {
    const child = driver.process
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer)
        child.off('message', onMessage)
        child.off('exit', onExit)
      }
      const onMessage = (answer: Answer): void => {
        if ('progress' in answer) return this.onProgress(driver, answer.progress)
        if (answer.id !== message.id) return
        done()
        if (answer.ok) resolve(answer.result)
        else reject(new LiveloomError(answer.error.code, `driver process ${child.pid}: ${answer.error.message}`, { fault: 'internal' }))
      }
      const onExit = (code: number | null, signal: string | null): void => {
        done()
        reject(
          new LiveloomError('LIVELOOM_ERR_LOAD_DRIVER_EXITED', `driver process ${child.pid} exited (${signal ?? code}) before answering ${message.command}; its stderr above says why`, {
            fault: 'internal',
          }),
        )
      }
      const timer = setTimeout(() => {
        done()
        child.kill('SIGKILL')
        reject(new LiveloomError('LIVELOOM_ERR_LOAD_DEADLINE', `driver process ${child.pid} did not answer ${message.command} within ${Math.round(limitMs / 1000)} s; it was killed`, { fault: 'internal' }))
      }, limitMs)
      child.on('message', onMessage)
      child.on('exit', onExit)
      if (child.exitCode !== null || child.signalCode !== null) return onExit(child.exitCode, child.signalCode)
      child.send(message)
    })
  }

  private lastProgressAt = 0

  private onProgress(driver: Driver, progress: JoinProgress): void {
    driver.progress = progress
    if (!this.progress || performance.now() - this.lastProgressAt < 1_900) return
    this.lastProgressAt = performance.now()
    const joined = this.drivers.reduce((n, d) => n + d.progress.joined, 0)
    const failed = this.drivers.reduce((n, d) => n + d.progress.joinFailures, 0)
    this.progress(`joining: ${joined}/${this.plan.sessions} joined, ${failed} failed`)
  }
}

/** Throws for a plan that cannot run, saying what to change. */
function checkPlan(plan: DriverPlan): void {
  if (!/^https?:\/\/127\.0\.0\.1:\d+$/.test(plan.url)) throw planError(`url must be http://127.0.0.1:<port> (load runs stay on loopback), got ${plan.url}`)
  if (!plan.path.startsWith('/')) throw planError(`path must start with /, got ${plan.path}`)
  if (!Number.isInteger(plan.sessions) || plan.sessions < 1) throw planError(`sessions must be a positive whole number, got ${plan.sessions}`)
  if (!(plan.maxSeconds > 0)) throw planError(`maxSeconds must be positive, got ${plan.maxSeconds}`)
  if (plan.mode !== 'idle' && !plan.event) throw planError(`mode ${plan.mode} sends events: give plan.event`)
  const [min, max] = plan.thinkMs ?? [50, 200]
  if (!(min >= 0 && max >= min)) throw planError(`thinkMs must be [min, max] with 0 ≤ min ≤ max, got [${min}, ${max}]`)
  for (const key of ['joinTimeoutMs', 'replyTimeoutMs', 'maxEventsPerSession', 'joinConcurrency'] as const) {
    const value = plan[key]
    if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw planError(`${key} must be a positive whole number, got ${value}`)
  }
  if (!((plan.churnPerSecond ?? 0) >= 0)) throw planError(`churnPerSecond must be 0 or more, got ${plan.churnPerSecond}`)
  if (plan.event?.rotate && !(Number.isInteger(plan.event.rotate.count) && plan.event.rotate.count >= 1)) {
    throw planError(`event.rotate.count must be a positive whole number, got ${plan.event.rotate.count}`)
  }
}

function planError(message: string): LiveloomError {
  return new LiveloomError('LIVELOOM_ERR_LOAD_PLAN', `load plan: ${message}`)
}
