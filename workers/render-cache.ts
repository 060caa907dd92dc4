/**
 * The worker's memory of its last renders (issue 8, docs/incremental.md): per session, the state
 * bytes a render was made from and its record of list rows (workers/templates/render-record.ts).
 * An event whose incoming state is exactly those bytes may reuse the rows its handler did not
 * touch. Anything else (another worker served the session meanwhile, a task failed, temporary
 * assigns were reset, the entry was evicted) is a miss: a full render, which costs time, never
 * correctness. Bounded by sessions; the least recently used go first.
 */

import type { RenderRecord } from './templates/index.js'

interface Entry {
  state: Buffer
  record: RenderRecord
}

/** Render records by session, for one worker. */
export class RenderCache {
  private readonly entries = new Map<string, Entry>()
  /** Lookups that found a record for the exact state, and those that did not. */
  hits = 0
  misses = 0

  constructor(private readonly maxSessions: number) {}

  /** The record of session `sid`'s last render, if it was made from exactly `state`. */
  get(sid: string, state: ArrayBuffer): RenderRecord | undefined {
    const entry = this.entries.get(sid)
    if (entry === undefined || !entry.state.equals(Buffer.from(state))) {
      this.misses++
      return undefined
    }
    // Most recently used last, so eviction takes the first.
    this.entries.delete(sid)
    this.entries.set(sid, entry)
    this.hits++
    return entry.record
  }

  /** Remembers that session `sid` rendered `record` from `state` (copied: the caller transfers its buffer). */
  set(sid: string, state: ArrayBuffer, record: RenderRecord): void {
    this.entries.delete(sid)
    this.entries.set(sid, { state: Buffer.from(new Uint8Array(state)), record })
    if (this.entries.size > this.maxSessions) this.entries.delete(this.entries.keys().next().value!)
  }
}
