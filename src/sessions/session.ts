/**
 * One live session on the gateway: the view's state and VDOM snapshot as opaque bytes, the frame
 * counter, the FIFO mailbox and the socket it is attached to (if any).
 */

import type { SessionData } from '../view/live-view.js'
import type { HandlerLimits } from '../protocol/frames.js'
import { Mailbox } from './mailbox.js'
import type { StreamBuffer } from './stream-buffer.js'

/** Where a session sends frames. */
export interface FrameSink {
  send(frame: string): void
  /** Bytes queued on the socket and not yet sent (a slow browser's backlog). */
  backlog(): number
}

/** A session. The main thread moves its bytes around but never decodes them. */
export class Session {
  /** Frames produced so far; the next frame carries `version + 1`. */
  version = 0
  /** The socket it is attached to, or null while parked. */
  sink: FrameSink | null = null
  readonly mailbox: Mailbox
  /** When each throttled handler last ran (`performance.now()`), to refuse faster calls. */
  readonly lastRun = new Map<string, number>()
  /** Text-stream ops waiting for the next frame. Set by the gateway. */
  stream!: StreamBuffer
  /** Event tasks started so far (numbers tag their stream ops). */
  tasks = 0
  /** Flash messages of the last `liveRedirect`, handed to the view mounted next on this socket. */
  redirectFlash: Record<string, string> | undefined

  constructor(
    readonly id: string,
    /** The view module URL. */
    readonly view: string,
    /** The URL the view is at (path and query): updated by live patches. */
    public url: string,
    /** The user session data it was mounted with. */
    readonly userSession: SessionData,
    /** Committed state bytes. */
    public state: ArrayBuffer,
    /** Committed snapshot bytes. */
    public snapshot: ArrayBuffer,
    mailboxLimit: number,
    /** The view's handler rate limits (from `@debounce` / `@throttle`). */
    readonly limits: HandlerLimits = {},
  ) {
    this.mailbox = new Mailbox(mailboxLimit)
  }

  /** Bytes held (what the parked-session memory bound counts). */
  get bytes(): number {
    return this.state.byteLength + this.snapshot.byteLength
  }

  /** Copies of the committed bytes, to transfer to a worker while keeping the originals. */
  copies(): [ArrayBuffer, ArrayBuffer] {
    return [this.state.slice(0), this.snapshot.slice(0)]
  }

  /** Takes the next frame number. */
  nextVersion(): number {
    return ++this.version
  }
}
