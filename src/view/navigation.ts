/**
 * Live navigation and flash, as task bookkeeping: URL changes and redirects become effects the
 * browser carries out; flash messages live in a reserved state field so they survive renders and
 * travel with a live redirect.
 */

import { LiveloomError } from '../errors.js'
import type { TaskRecord } from './task-record.js'

/** The state field holding flash messages by level (hidden from templates by its `_`). */
export const FLASH_FIELD = '_flash'

/** A flash level: a short identifier (`info`, `error`, `success`...). */
const LEVEL = /^[a-z][\w-]{0,31}$/

/** Flash messages of `view` by level. */
export function flashOf(view: object): Record<string, string> {
  const flash = (view as Record<string, unknown>)[FLASH_FIELD]
  return typeof flash === 'object' && flash !== null ? (flash as Record<string, string>) : {}
}

/** Sets flash `level` to `message`. */
export function putFlash(view: object, level: string, message: string): void {
  if (typeof level !== 'string' || !LEVEL.test(level)) throw new LiveloomError('LIVELOOM_ERR_FLASH', `putFlash(level, message): level must be a short name like "info", got ${JSON.stringify(level)}`)
  ;(view as Record<string, unknown>)[FLASH_FIELD] = { ...flashOf(view), [level]: String(message) }
}

/** Clears flash `level`, or all of them. */
export function clearFlash(view: object, level?: string): void {
  if (level === undefined) return void delete (view as Record<string, unknown>)[FLASH_FIELD]
  const { [level]: _dropped, ...rest } = flashOf(view)
  if (Object.keys(rest).length === 0) delete (view as Record<string, unknown>)[FLASH_FIELD]
  else (view as Record<string, unknown>)[FLASH_FIELD] = rest
}

/**
 * `path` (and `params` as its query) as a same-origin URL path, or a coded error: liveloom never
 * follows a redirect to another origin (`//evil.example`, `https:…`, `javascript:…`).
 */
export function sameOriginUrl(path: string, params?: Record<string, string | number | boolean>): string {
  if (typeof path !== 'string' || !path.startsWith('/') || path.startsWith('//') || /[\s\\]/.test(path)) {
    throw new LiveloomError('LIVELOOM_ERR_NAVIGATION', `navigation targets are same-origin paths starting with a single /, got ${JSON.stringify(path)}`)
  }
  const url = new URL(path, 'http://liveloom.invalid')
  if (url.origin !== 'http://liveloom.invalid') throw new LiveloomError('LIVELOOM_ERR_NAVIGATION', `navigation target ${JSON.stringify(path)} leaves the site`)
  if (params) {
    url.search = ''
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, String(value))
  }
  return url.pathname + url.search
}

/** Params of a URL path: its query, by name (the last of repeated names). */
export function queryParams(url: string): Record<string, string> {
  return Object.fromEntries(new URL(url, 'http://liveloom.invalid').searchParams)
}

/** Records a patch of the URL; the worker then runs `handleParams` with it. */
export function recordPatch(record: TaskRecord, url: string, replace: boolean): void {
  record.patch = { url, replace }
}
