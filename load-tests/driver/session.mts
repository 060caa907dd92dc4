/**
 * One simulated browser tab: fetches the page, opens the live socket with the page's Origin,
 * joins, then sends events one at a time and times each until its one answer (`reply` or `error`
 * with the same ref). What to send next, and when, is the owner's decision (see share.mts).
 */

import WebSocket from 'ws'
import { LiveloomError } from '../../src/errors.js'
import { FrameType, PROTOCOL_VERSION } from '../../src/protocol/frames.js'
import { fetchLivePage } from './page.mjs'
import type { Phase, Tally } from './tally.mjs'

/** Default: an event without its answer after this long is counted lost (an error), and the session moves on. */
export const REPLY_TIMEOUT_MS = 10_000
/** Default: a join step (the page, or the socket up to `joined`) taking longer than this fails. */
export const JOIN_TIMEOUT_MS = 10_000
/** A closing handshake taking longer than this is cut short. */
const CLOSE_TIMEOUT_MS = 5_000

/** How long a session waits before it counts a join or a reply as failed. */
export interface SessionTimeouts {
  joinMs: number
  replyMs: number
}

/** What a session tells its owner. */
export interface SessionOwner {
  /** The event in flight was answered (or counted lost): the session may send its next one. */
  answered(session: LoadSession): void
  /** The socket closed, or failed, without the driver asking. */
  closedUnexpectedly(session: LoadSession): void
}

interface InFlight {
  ref: number
  sentAt: number
  phase: Phase
}

interface JoinWaiter {
  resolve(): void
  reject(error: LiveloomError): void
}

/** A live session driven like a browser. */
export class LoadSession {
  /** Events sent so far. */
  events = 0
  /** Set by the owner when the session is to leave after its current event. */
  leaving = false
  private ref = 1
  private inFlight: InFlight | undefined
  private joining: JoinWaiter | undefined
  private socketError = ''
  private closing = false
  private readonly closed: Promise<void>

  private constructor(
    /** The session's global index (offsets rotating parameters). */
    readonly index: number,
    private readonly ws: WebSocket,
    private readonly tally: Tally,
    private readonly owner: SessionOwner,
    private readonly timeouts: SessionTimeouts,
  ) {
    // Listeners go on before the socket can emit anything, so no frame or close slips between
    // the join and the event loop.
    this.closed = new Promise((resolve) => ws.once('close', () => resolve()))
    ws.on('error', (error) => (this.socketError = error.message)) // reported through 'close'
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    ws.on('close', (code, reason) => this.onClose(code, reason.toString()))
  }

  /** GETs `path` from `base`, opens the socket and joins; rejects with a `LIVELOOM_ERR_*` error when any step fails. */
  static async join(base: string, path: string, index: number, tally: Tally, owner: SessionOwner, timeouts: SessionTimeouts): Promise<LoadSession> {
    const page = await fetchLivePage(base, path, timeouts.joinMs)
    // perMessageDeflate off: the gateway declines it anyway, and frame sizes then are wire sizes.
    const session = new LoadSession(index, new WebSocket(page.socketUrl, { origin: page.origin, perMessageDeflate: false }), tally, owner, timeouts)
    await session.awaitJoined(page.token, path)
    return session
  }

  /** Whether an event awaits its answer. */
  get busy(): boolean {
    return this.inFlight !== undefined
  }

  /** Whether the socket can still carry events. */
  get usable(): boolean {
    return !this.closing && this.ws.readyState === WebSocket.OPEN
  }

  /** Sends an event; the caller makes sure none is in flight. */
  send(name: string, params: Record<string, unknown>): void {
    const ref = ++this.ref
    this.events++
    this.inFlight = { ref, sentAt: performance.now(), phase: this.tally.eventSent() }
    this.ws.send(JSON.stringify({ t: FrameType.EVENT, ref, name, params }))
  }

  /** Counts the event in flight lost when it has waited longer than the reply timeout at `now`. */
  checkLost(now: number): void {
    const flight = this.inFlight
    if (!flight || now - flight.sentAt < this.timeouts.replyMs) return
    this.inFlight = undefined
    this.tally.lost(flight.phase, 'LIVELOOM_ERR_LOAD_REPLY_LOST', `no answer to event ref ${flight.ref} within ${this.timeouts.replyMs / 1000} s; the server is overloaded or dropped it (see its log)`)
    this.owner.answered(this)
  }

  /** Closes the socket (normal closure) and resolves once it is closed; cut short after 5 s. */
  async close(): Promise<void> {
    this.closing = true
    if (this.ws.readyState === WebSocket.CLOSED) return
    this.ws.close(1000)
    const timer = setTimeout(() => this.ws.terminate(), CLOSE_TIMEOUT_MS)
    await this.closed
    clearTimeout(timer)
  }

  /** Sends `join` once open; resolves on `joined`, rejects on anything else or after the join timeout. */
  private awaitJoined(token: string, url: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => this.joinFailed('LIVELOOM_ERR_LOAD_JOIN_TIMEOUT', `no joined frame within ${this.timeouts.joinMs / 1000} s of opening the socket; the server is overloaded`),
        this.timeouts.joinMs,
      )
      this.joining = {
        resolve: () => {
          clearTimeout(timer)
          this.joining = undefined
          resolve()
        },
        reject: (error) => {
          clearTimeout(timer)
          this.joining = undefined
          this.closing = true
          this.ws.terminate()
          reject(error)
        },
      }
      this.ws.once('unexpected-response', (_request, response) =>
        this.joinFailed('LIVELOOM_ERR_LOAD_UPGRADE', `the WebSocket upgrade was refused with HTTP ${response.statusCode}; check the Origin and the socket path`),
      )
      this.ws.once('open', () => this.ws.send(JSON.stringify({ t: FrameType.JOIN, ref: 1, pv: PROTOCOL_VERSION, token, url })))
    })
  }

  private joinFailed(code: string, message: string): void {
    this.joining?.reject(new LiveloomError(code, message, { fault: 'network' }))
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    const bytes = byteLength(data)
    let frame: { t?: unknown; ref?: unknown; code?: unknown; message?: unknown }
    try {
      if (isBinary) throw new TypeError('binary frame')
      frame = JSON.parse(data.toString()) as typeof frame
    } catch (error) {
      const message = `a frame that is not JSON text (${(error as Error).message}); the protocol sends JSON text frames only`
      if (this.joining) return this.joinFailed('LIVELOOM_ERR_LOAD_FRAME', message)
      return this.tally.error('LIVELOOM_ERR_LOAD_FRAME', message)
    }
    if (this.joining) {
      if (frame.t === FrameType.JOINED && frame.ref === 1) return this.joining.resolve()
      const code = typeof frame.code === 'string' ? frame.code : 'LIVELOOM_ERR_LOAD_JOIN_REFUSED'
      return this.joinFailed(code, `join answered with a ${String(frame.t)} frame: ${String(frame.message ?? '')}`)
    }
    if (typeof frame.ref !== 'number') return void this.tally.counts.unreferenced++
    const flight = this.inFlight
    if (!flight || frame.ref !== flight.ref) return void this.tally.counts.stray++
    this.inFlight = undefined
    if (frame.t === FrameType.REPLY) this.tally.replied(flight.phase, flight.sentAt, bytes)
    else if (frame.t === FrameType.ERROR) this.tally.errorReplied(flight.phase, flight.sentAt, String(frame.code), String(frame.message))
    else this.tally.errorReplied(flight.phase, flight.sentAt, 'LIVELOOM_ERR_LOAD_UNEXPECTED_FRAME', `a ${String(frame.t)} frame answered an event; expected reply or error`)
    this.owner.answered(this)
  }

  private onClose(code: number, reason: string): void {
    const why = `${code}${reason ? ` ${reason}` : ''}${this.socketError ? ` (${this.socketError})` : ''}`
    if (this.joining) return this.joinFailed('LIVELOOM_ERR_LOAD_JOIN_CLOSED', `the socket closed with ${why} before joining`)
    if (this.closing) return
    this.closing = true
    this.tally.counts.unexpectedCloses++
    this.tally.error('LIVELOOM_ERR_LOAD_CLOSED', `the socket closed with ${why} while the session was live`)
    const flight = this.inFlight
    this.inFlight = undefined
    if (flight) this.tally.lost(flight.phase, 'LIVELOOM_ERR_LOAD_REPLY_LOST', `event ref ${flight.ref} was in flight when the socket closed`)
    this.owner.closedUnexpectedly(this)
  }
}

/** Payload bytes of a message as `ws` hands it over. */
function byteLength(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0)
  return data.byteLength
}
