/**
 * One live session on the gateway: the view's state and VDOM snapshot as opaque bytes, the frame
 * counter, the FIFO mailbox and the socket it is attached to (if any).
 */

import { promisify } from 'node:util'
import { deflateRaw, inflateRaw } from 'node:zlib'
import type { SessionData } from '../view/live-view.js'
import { ownedArrayBuffer } from '../view/state.js'
import type { HandlerLimits } from '../protocol/frames.js'
import { Mailbox } from './mailbox.js'
import type { StreamBuffer } from './stream-buffer.js'

/** Where a session sends frames. */
export interface FrameSink {
  send(frame: string): void
  /** Bytes queued on the socket and not yet sent (a slow browser's backlog). */
  backlog(): number
}

const deflate = promisify(deflateRaw)
const inflate = promisify(inflateRaw)
const NO_BYTES = new ArrayBuffer(0)

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
  /** When a task last took the session's bytes (`performance.now()`): idle sessions hibernate. */
  lastActive = performance.now()
  /** While hibernating: the state's length (u32) then the state and snapshot bytes, deflated. */
  private packed: Buffer | undefined
  private waking: Promise<void> | undefined

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
    return this.packed ? this.packed.byteLength : this.state.byteLength + this.snapshot.byteLength
  }

  /** Whether the bytes are compressed (see {@link hibernate}). */
  get hibernating(): boolean {
    return this.packed !== undefined
  }

  /**
   * Copies of the committed bytes, to transfer to a worker while keeping the originals; a
   * hibernating session is woken first (~0.1 ms of inflating off the main thread).
   */
  async copies(): Promise<[ArrayBuffer, ArrayBuffer]> {
    this.lastActive = performance.now()
    if (this.packed) await (this.waking ??= this.wake())
    return [this.state.slice(0), this.snapshot.slice(0)]
  }

  /**
   * Compresses the state and snapshot of an idle session (as Phoenix hibernates an idle
   * process): a 100-row list's ~50 KB become ~3 KB. zlib runs on libuv's thread pool, not the
   * event loop. The caller must keep tasks out meanwhile (the gateway runs this in the mailbox):
   * a commit during the compression would be lost.
   */
  async hibernate(): Promise<void> {
    if (this.packed) return
    const length = Buffer.alloc(4)
    length.writeUInt32LE(this.state.byteLength)
    // Level 1: nearly the ratio of level 6 at a fraction of the time (the rows repeat).
    this.packed = await deflate(Buffer.concat([length, Buffer.from(this.state), Buffer.from(this.snapshot)]), { level: 1 })
    this.state = NO_BYTES
    this.snapshot = NO_BYTES
  }

  private async wake(): Promise<void> {
    const bytes = await inflate(this.packed!)
    const stateLength = bytes.readUInt32LE(0)
    this.state = ownedArrayBuffer(bytes.subarray(4, 4 + stateLength))
    this.snapshot = ownedArrayBuffer(bytes.subarray(4 + stateLength))
    this.packed = undefined
    this.waking = undefined
  }

  /** Takes the next frame number. */
  nextVersion(): number {
    return ++this.version
  }
}
