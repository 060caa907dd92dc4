/**
 * One browser WebSocket: reads and checks frames, applies the rate limit, joins a session and
 * routes events to it. Bad input gets a coded error reply or a coded close, and never touches the
 * session's state.
 */

import type { WebSocket, RawData } from 'ws'
import { Close, FrameType, PROTOCOL_VERSION, type ClientFrame, type JoinFrame } from '../protocol/frames.js'
import { parseClientFrame } from '../protocol/validate.js'
import { hasLiveloomCode } from '../errors.js'
import type { Session, FrameSink } from '../sessions/session.js'
import type { Gateway } from './core.js'
import { errorFrame } from './encode.js'
import { TokenBucket } from './rate-limit.js'

/** A connection's frame handling. */
export class Connection implements FrameSink {
  private session: Session | undefined
  private joining = false
  private readonly bucket: TokenBucket
  // Frames refused for rate since the bucket last had a token; past `burst` of them, the
  // connection is closed rather than answered forever.
  private refusals = 0
  private readonly joinTimer: NodeJS.Timeout

  constructor(
    private readonly ws: WebSocket,
    private readonly gateway: Gateway,
  ) {
    const { burst, perSecond } = gateway.options.rateLimit
    this.bucket = new TokenBucket(burst, perSecond)
    this.joinTimer = setTimeout(() => this.close(Close.JOIN_TIMEOUT, 'LIVELOOM_ERR_JOIN_TIMEOUT'), gateway.options.joinTimeoutMs)
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary))
    ws.on('close', () => this.onClose())
    ws.on('error', (error) => gateway.logger.debug({ err: error, session: this.session?.id }, 'socket error'))
  }

  /** Sends a frame if the socket is still open. */
  send(frame: string): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(frame)
  }

  /** Bytes queued on the socket. */
  backlog(): number {
    return this.ws.bufferedAmount
  }

  /** Closes with a code and a reason (the error code, so clients and logs can tell why). */
  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason)
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (isBinary) return this.close(Close.MALFORMED, 'LIVELOOM_ERR_FRAME_BINARY')
    const parsed = parseClientFrame(data.toString())
    if (!parsed.ok) {
      this.gateway.logger.warn({ session: this.session?.id, reason: parsed.reason }, 'malformed frame')
      if (parsed.ref !== undefined) this.send(errorFrame(parsed.ref, this.nextVersion(), 'LIVELOOM_ERR_FRAME_INVALID', `invalid frame: ${parsed.reason}`))
      return this.close(Close.MALFORMED, 'LIVELOOM_ERR_FRAME_INVALID')
    }
    const frame = parsed.frame
    if (!this.bucket.take()) return this.refuse(frame)
    this.refusals = 0
    switch (frame.t) {
      case FrameType.JOIN:
        return void this.join(frame)
      case FrameType.EVENT:
        if (!this.session) return this.notJoined(frame)
        return this.gateway.event(this.session, frame.ref, frame.name, frame.params)
      case FrameType.REFRESH:
        if (!this.session) return this.notJoined(frame)
        return this.gateway.refresh(this.session, frame.ref)
      case FrameType.PARAMS:
        if (!this.session) return this.notJoined(frame)
        return this.gateway.changeParams(this.session, frame.ref, frame.url)
      case FrameType.NAVIGATE:
        if (!this.session) return this.notJoined(frame)
        return void this.navigate(frame.ref, frame.url)
    }
  }

  private async join(frame: JoinFrame): Promise<void> {
    if (frame.pv !== PROTOCOL_VERSION) return this.close(Close.PROTOCOL, 'LIVELOOM_ERR_PROTOCOL_VERSION')
    if (this.session || this.joining) {
      return this.send(errorFrame(frame.ref, this.nextVersion(), 'LIVELOOM_ERR_ALREADY_JOINED', 'this connection has already joined a session'))
    }
    let payload
    try {
      payload = this.gateway.signer.verify(frame.token)
    } catch (error) {
      return this.close(Close.BAD_TOKEN, hasLiveloomCode(error) ? error.code : 'LIVELOOM_ERR_TOKEN_INVALID')
    }
    clearTimeout(this.joinTimer)
    this.joining = true
    try {
      this.session = await this.gateway.join(this, frame.ref, payload, frame.v ?? 0, (old) =>
        (old as Connection).close(Close.REPLACED, 'LIVELOOM_ERR_SESSION_REPLACED'),
      )
    } finally {
      this.joining = false
    }
    // The socket may have closed while a fresh mount ran.
    if (this.session && this.ws.readyState !== this.ws.OPEN) this.gateway.detach(this.session, this)
  }

  private async navigate(ref: number, url: string): Promise<void> {
    if (this.joining) return this.send(errorFrame(ref, this.nextVersion(), 'LIVELOOM_ERR_ALREADY_JOINED', 'a join or navigation is in progress'))
    this.joining = true
    try {
      this.session = await this.gateway.navigate(this, ref, this.session!, url)
    } finally {
      this.joining = false
    }
  }

  private refuse(frame: ClientFrame): void {
    if (++this.refusals > this.gateway.options.rateLimit.burst) return this.close(Close.RATE_LIMITED, 'LIVELOOM_ERR_RATE_LIMITED')
    this.send(errorFrame(frame.ref, this.nextVersion(), 'LIVELOOM_ERR_RATE_LIMITED', 'too many frames; slow down'))
  }

  private notJoined(frame: ClientFrame): void {
    this.send(errorFrame(frame.ref, this.nextVersion(), 'LIVELOOM_ERR_NOT_JOINED', 'join a session before sending events'))
  }

  /** The next frame number: the session's, or 0 before a session exists. */
  private nextVersion(): number {
    return this.session ? this.session.nextVersion() : 0
  }

  private onClose(): void {
    clearTimeout(this.joinTimer)
    if (this.session) this.gateway.detach(this.session, this)
  }
}
