/**
 * All sessions of a gateway. Attached sessions live as long as their socket. Unattached ones
 * ("parked": HTTP renders waiting to be joined, disconnected sessions kept for resume) are bounded
 * in count, bytes and time, oldest evicted first, so a flood of GETs or dropped sockets cannot
 * exhaust memory.
 */

import type { Session } from './session.js'

/** Bounds of parked sessions. */
export interface ParkingLimits {
  joinWindowMs: number
  resumeWindowMs: number
  maxParked: number
  maxParkedBytes: number
}

interface Parked {
  session: Session
  expires: number
  // Counted at parking time: a task still finishing may change the session's size.
  bytes: number
}

/** Why a session is parked. */
export type ParkReason = 'join' | 'resume'

/** The session table. */
export class SessionRegistry {
  private readonly attached = new Map<string, Session>()
  // Two queues, each in expiry order because each has one lifetime: sweeping stops at the first
  // entry that has not expired.
  private readonly parked = { join: new Map<string, Parked>(), resume: new Map<string, Parked>() }
  private parkedBytes = 0
  private readonly sweeper: NodeJS.Timeout

  constructor(
    private readonly limits: ParkingLimits,
    private readonly onEvict: (session: Session, why: 'expired' | 'over-limit') => void = () => {},
  ) {
    this.sweeper = setInterval(() => this.sweep(Date.now()), 1000)
    this.sweeper.unref()
  }

  /** Parks `session` (see the module comment), evicting the oldest if over the bounds. */
  park(session: Session, reason: ParkReason, now = Date.now()): void {
    this.attached.delete(session.id)
    this.unpark(session.id)
    const ttl = reason === 'join' ? this.limits.joinWindowMs : this.limits.resumeWindowMs
    const bytes = session.bytes
    this.parked[reason].set(session.id, { session, expires: now + ttl, bytes })
    this.parkedBytes += bytes
    while (this.parkedCount > this.limits.maxParked || this.parkedBytes > this.limits.maxParkedBytes) {
      const oldest = this.oldestParked()
      if (!oldest) break
      this.unpark(oldest.session.id)
      this.onEvict(oldest.session, 'over-limit')
    }
  }

  /** Takes a parked session to attach it to a socket; `undefined` when unknown or gone. */
  adopt(id: string, now = Date.now()): Session | undefined {
    const entry = this.parked.join.get(id) ?? this.parked.resume.get(id)
    if (!entry) return this.attached.get(id)
    this.unpark(id)
    if (entry.expires <= now) {
      this.onEvict(entry.session, 'expired')
      return undefined
    }
    this.attached.set(id, entry.session)
    return entry.session
  }

  /** The session `id`, attached or parked, without taking it. */
  find(id: string): Session | undefined {
    return this.attached.get(id) ?? this.parked.join.get(id)?.session ?? this.parked.resume.get(id)?.session
  }

  /** Records `session` as attached. */
  attach(session: Session): void {
    this.unpark(session.id)
    this.attached.set(session.id, session)
  }

  /** Forgets `session` entirely. */
  remove(session: Session): void {
    this.attached.delete(session.id)
    this.unpark(session.id)
  }

  /** The sessions attached to a socket. */
  attachedSessions(): IterableIterator<Session> {
    return this.attached.values()
  }

  /** Every session, attached or parked (for draining). */
  all(): Session[] {
    return [...this.attached.values(), ...[...this.parked.join.values(), ...this.parked.resume.values()].map((p) => p.session)]
  }

  /** Counts, for metrics and tests. */
  stats(): { attached: number; hibernating: number; parked: number; parkedBytes: number } {
    let hibernating = 0
    for (const session of this.attached.values()) if (session.hibernating) hibernating++
    return { attached: this.attached.size, hibernating, parked: this.parkedCount, parkedBytes: this.parkedBytes }
  }

  /** Drops expired parked sessions. Runs every second; exposed for tests. */
  sweep(now: number): void {
    for (const queue of [this.parked.join, this.parked.resume]) {
      for (const [id, entry] of queue) {
        if (entry.expires > now) break
        this.unpark(id)
        this.onEvict(entry.session, 'expired')
      }
    }
  }

  /** Stops the sweeper. */
  close(): void {
    clearInterval(this.sweeper)
  }

  private get parkedCount(): number {
    return this.parked.join.size + this.parked.resume.size
  }

  private oldestParked(): Parked | undefined {
    const a = this.parked.join.values().next().value
    const b = this.parked.resume.values().next().value
    if (!a) return b
    if (!b) return a
    // Each queue's head is its oldest; compare by when they were parked.
    const parkedAtA = a.expires - this.limits.joinWindowMs
    const parkedAtB = b.expires - this.limits.resumeWindowMs
    return parkedAtA <= parkedAtB ? a : b
  }

  private unpark(id: string): void {
    for (const queue of [this.parked.join, this.parked.resume]) {
      const entry = queue.get(id)
      if (entry) {
        queue.delete(id)
        this.parkedBytes -= entry.bytes
      }
    }
  }
}
