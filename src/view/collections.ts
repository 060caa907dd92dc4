/**
 * Collection streams (Phoenix semantics): items inserted into a stream are rendered once, sent
 * to the browser, and forgotten by the server, so its memory does not grow with the stream. The
 * template renders `streams.<name>` inside an `lv-stream="<name>"` container whose children carry
 * `id="{{domId}}"`; the browser places, replaces, deletes and prunes them.
 */

import { LiveloomError } from '../errors.js'
import type { CollectionChanges, TaskRecord } from './task-record.js'
import type { CollectionUpdate } from '../protocol/frames.js'

/** Options of `stream()`. */
export interface StreamOptions<T> {
  /** The DOM id of an item. Default: `<name>-<item.id>`, else `<name>-<item.pk>`. */
  domId?: (item: T) => string
  /** Where new items go: -1 the end (default), 0 the start, n before index n. */
  at?: number
  /** Clear the browser's items first. Default: false. */
  reset?: boolean
  /** Keep at most |limit| items in the browser: the first when positive, the last when negative. */
  limit?: number
}

const NAME = /^[A-Za-z_][\w-]{0,63}$/

function changesOf(record: TaskRecord, name: string): CollectionChanges {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new LiveloomError('LIVELOOM_ERR_STREAM_NAME', `stream names are identifiers (letters, digits, _ and -), got ${JSON.stringify(name)}`)
  }
  let changes = record.collections.get(name)
  if (!changes) {
    changes = { inserts: [], update: {} }
    record.collections.set(name, changes)
  }
  return changes
}

/** The DOM id of `item` in stream `name`. */
export function domIdOf(name: string, item: unknown, domId?: (item: never) => string): string {
  if (domId) return String(domId(item as never))
  if (typeof item === 'object' && item !== null) {
    const key = (item as { id?: unknown }).id ?? (item as { pk?: unknown }).pk
    if (typeof key === 'string' || typeof key === 'number') return `${name}-${key}`
  }
  throw new LiveloomError('LIVELOOM_ERR_STREAM_DOM_ID', `stream ${JSON.stringify(name)}: an item has no id or pk; give the stream a domId option`)
}

function checkAt(at: number): number {
  if (!Number.isSafeInteger(at) || at < -1) throw new LiveloomError('LIVELOOM_ERR_STREAM_OPTIONS', `stream at must be -1, 0 or a positive index, got ${String(at)}`)
  return at
}

/** Records inserts of `items` (and the options) into stream `name`. */
export function streamItems<T>(record: TaskRecord, name: string, items: Iterable<T>, options: StreamOptions<T> = {}): void {
  const changes = changesOf(record, name)
  if (options.reset) {
    changes.inserts = []
    changes.update = { reset: 1 }
  }
  if (options.limit !== undefined) {
    if (!Number.isSafeInteger(options.limit) || options.limit === 0) throw new LiveloomError('LIVELOOM_ERR_STREAM_OPTIONS', `stream limit must be a non-zero whole number, got ${String(options.limit)}`)
    changes.update.limit = options.limit
  }
  const at = checkAt(options.at ?? -1)
  for (const item of items) insert(changes, name, item, at, options.domId)
}

function insert<T>(changes: CollectionChanges, name: string, item: T, at: number, domId?: (item: T) => string): void {
  const id = domIdOf(name, item, domId as never)
  if (typeof item !== 'object' || item === null) throw new LiveloomError('LIVELOOM_ERR_STREAM_OPTIONS', `stream ${JSON.stringify(name)}: items must be objects`)
  // An insert after a delete of the same id in one task brings it back.
  changes.update.del = changes.update.del?.filter((d) => d !== id)
  if (changes.update.del?.length === 0) delete changes.update.del
  changes.inserts = changes.inserts.filter((existing) => existing.domId !== id)
  changes.inserts.push({ ...(item as Record<string, unknown>), domId: id })
  if (at !== -1) (changes.update.at ??= []).push([id, at])
}

/** Records one insert. */
export function streamInsert<T>(record: TaskRecord, name: string, item: T, options: { at?: number; domId?: (item: T) => string } = {}): void {
  insert(changesOf(record, name), name, item, checkAt(options.at ?? -1), options.domId)
}

/** Records a delete by item or DOM id. */
export function streamDelete(record: TaskRecord, name: string, itemOrDomId: unknown, domId?: (item: never) => string): void {
  const changes = changesOf(record, name)
  const id = typeof itemOrDomId === 'string' ? itemOrDomId : domIdOf(name, itemOrDomId, domId)
  changes.inserts = changes.inserts.filter((existing) => existing.domId !== id)
  changes.update.at = changes.update.at?.filter(([d]) => d !== id)
  if (changes.update.at?.length === 0) delete changes.update.at
  ;(changes.update.del ??= []).push(id)
}

/**
 * Records a prune to `limit` items, removing from the `edge` side: 'top' drops the first items
 * (keeps the last `limit`, as a chat does), 'bottom' drops the last ones.
 */
export function streamPrune(record: TaskRecord, name: string, limit: number, edge: 'top' | 'bottom' = 'top'): void {
  if (!Number.isSafeInteger(limit) || limit <= 0) throw new LiveloomError('LIVELOOM_ERR_STREAM_OPTIONS', `streamPrune limit must be a positive whole number, got ${String(limit)}`)
  if (edge !== 'top' && edge !== 'bottom') throw new LiveloomError('LIVELOOM_ERR_STREAM_OPTIONS', `streamPrune edge must be 'top' or 'bottom', got ${String(edge)}`)
  changesOf(record, name).update.limit = edge === 'top' ? -limit : limit
}

/** The template's `streams` object: each changed stream's items to render this time. */
export function streamsContext(record: TaskRecord): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {}
  for (const [name, changes] of record.collections) out[name] = changes.inserts
  return out
}

/** The frame's `items`: each changed stream's update (JSON-ready), or undefined when none. */
export function collectionUpdates(record: TaskRecord): Record<string, CollectionUpdate> | undefined {
  if (record.collections.size === 0) return undefined
  const out: Record<string, CollectionUpdate> = {}
  for (const [name, changes] of record.collections) out[name] = changes.update
  return out
}
