/**
 * `createLive` options: declared, defaulted and validated once, with errors that name the option.
 */

import { availableParallelism } from 'node:os'
import { randomBytes } from 'node:crypto'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { statSync } from 'node:fs'
import type { Context } from 'koa'
import { LiveloomError } from './errors.js'
import type { SessionData } from './view/live-view.js'
import type { Logger } from './logger.js'

/** What the page document is made of; see {@link LiveOptions.document}. */
export interface PageParts {
  /** The page title (escaped). */
  title: string
  /** Tags for `<head>`: the client script (already HTML). */
  head: string
  /** The live container element with the rendered view inside (already HTML). */
  body: string
}

/** Options of `createLive`. Every field is validated once; defaults are listed per field. */
export interface LiveOptions {
  /**
   * URL path patterns (`/`, `/items/:id`) mapped to view modules: a path (relative paths resolve
   * against `viewsDir`) or a `file:` URL. Required, at least one.
   */
  routes: Record<string, string | URL>
  /** Base directory of relative view module paths. Default: `process.cwd()`. */
  viewsDir?: string
  /** Directory of partials and layouts (`{{> name}}` reads `<templatesDir>/name.mustache`). Default: none. */
  templatesDir?: string
  /** Re-read template files on every render (development). Default: `false`. */
  reloadTemplates?: boolean
  /** The WebSocket path. Default: `'/live'`. */
  socketPath?: string
  /** URL prefix of liveloom's static assets (the client script). Default: `'/_liveloom'`. */
  assetsPath?: string
  /**
   * Key that signs session tokens (≥ 32 bytes). Default: random per process, which is right for
   * one process; several nodes behind a load balancer must share one.
   */
  secret?: string | Buffer
  /** How long a session token is accepted, in ms. Default: 86 400 000 (one day). */
  tokenMaxAgeMs?: number
  /** Worker threads. Default: `os.availableParallelism()`. */
  workers?: number
  /** Tasks one worker runs at once (async handlers interleave). Default: 4. */
  concurrentTasksPerWorker?: number
  /** Page origins allowed to open the WebSocket. Default: the request's own host only. */
  allowedOrigins?: string[]
  /** Largest frame accepted from a browser, in bytes; larger closes the socket with 1009. Default: 65 536. */
  maxFrameBytes?: number
  /** Per-connection token bucket for frames: `burst` at once, refilled at `perSecond`. Default: `{ burst: 100, perSecond: 50 }`. */
  rateLimit?: { burst: number; perSecond: number }
  /** Time a connection has to send `join`, in ms. Default: 10 000. */
  joinTimeoutMs?: number
  /** Longest a mount or event task may run, in ms; then its worker is stopped and the event fails. Default: 30 000. */
  taskTimeoutMs?: number
  /** Events queued per session before new ones are refused with `LIVELOOM_ERR_MAILBOX_FULL`. Default: 64. */
  mailboxLimit?: number
  /** Bounds of sessions not attached to a socket. */
  sessions?: {
    /** How long an HTTP render waits to be joined, in ms. Default: 30 000. */
    joinWindowMs?: number
    /** How long a disconnected session is kept for resume, in ms. Default: 60 000. */
    resumeWindowMs?: number
    /** Most sessions kept unattached (waiting or disconnected); the oldest go first. Default: 10 000. */
    maxParked?: number
    /** Most bytes of state and snapshots kept unattached; the oldest go first. Default: 268 435 456 (256 MiB). */
    maxParkedBytes?: number
    /**
     * An attached session that ran no task for this long has its state and snapshot compressed
     * (~15× smaller for a list page) until its next task, which inflates them first (~0.1 ms).
     * 0 never hibernates. Default: 15 000 (Phoenix's `hibernate_after`).
     */
    hibernateAfterMs?: number
  }
  /** The user session for `mount` from the HTTP request (cookies, auth). Default: `() => ({})`. */
  session?: (ctx: Context) => SessionData | Promise<SessionData>
  /** The page title. Default: `'liveloom'`. */
  title?: string
  /** Builds the page document around the live container. Default: a minimal HTML5 document. */
  document?: (page: PageParts) => string
  /** A pino-compatible logger. Default: a pino logger at level `info` (`LOG_LEVEL` overrides). */
  logger?: Logger
  /**
   * Development mode: event params a handler's schema does not know are reported (a server log
   * warning and a `console.warn` in the browser). Default: `process.env.NODE_ENV !== 'production'`.
   */
  dev?: boolean
}

/** A route after validation. */
export interface ResolvedRoute {
  pattern: string
  /** The view module's `file:` URL. */
  view: string
}

/** Options after validation, with defaults filled in. */
export interface ResolvedOptions {
  routes: ResolvedRoute[]
  templatesDir: string | undefined
  reloadTemplates: boolean
  socketPath: string
  assetsPath: string
  secret: Buffer
  tokenMaxAgeMs: number
  workers: number
  concurrentTasksPerWorker: number
  allowedOrigins: string[] | undefined
  maxFrameBytes: number
  rateLimit: { burst: number; perSecond: number }
  joinTimeoutMs: number
  taskTimeoutMs: number
  mailboxLimit: number
  sessions: { joinWindowMs: number; resumeWindowMs: number; maxParked: number; maxParkedBytes: number; hibernateAfterMs: number }
  session: (ctx: Context) => SessionData | Promise<SessionData>
  title: string
  document: ((page: PageParts) => string) | undefined
  logger: Logger | undefined
  dev: boolean
}

const KNOWN = [
  'routes', 'viewsDir', 'templatesDir', 'reloadTemplates', 'socketPath', 'assetsPath', 'secret', 'tokenMaxAgeMs', 'workers',
  'concurrentTasksPerWorker', 'allowedOrigins', 'maxFrameBytes', 'rateLimit', 'joinTimeoutMs', 'taskTimeoutMs', 'mailboxLimit',
  'sessions', 'session', 'title', 'document', 'logger', 'dev',
]
const KNOWN_SESSIONS = ['joinWindowMs', 'resumeWindowMs', 'maxParked', 'maxParkedBytes', 'hibernateAfterMs']
const KNOWN_RATE_LIMIT = ['burst', 'perSecond']

/** Validates `options` and fills in defaults. Throws `LIVELOOM_ERR_OPTIONS` naming the option. */
export function resolveOptions(options: LiveOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options must be an object, got ${describe(options)}`)
  }
  onlyKnown(options, '', KNOWN)
  const viewsDir = optional(options.viewsDir, 'viewsDir', isString, 'a directory path', process.cwd())
  const sessions = options.sessions === undefined ? {} : options.sessions
  if (typeof sessions !== 'object' || sessions === null) bad('sessions', 'an object', sessions)
  onlyKnown(sessions, 'sessions.', KNOWN_SESSIONS)
  const rateLimit = options.rateLimit === undefined ? { burst: 100, perSecond: 50 } : options.rateLimit
  if (typeof rateLimit !== 'object' || rateLimit === null) bad('rateLimit', 'an object { burst, perSecond }', rateLimit)
  onlyKnown(rateLimit, 'rateLimit.', KNOWN_RATE_LIMIT)
  return {
    routes: resolveRoutes(options.routes, viewsDir),
    templatesDir: options.templatesDir === undefined ? undefined : resolve(optional(options.templatesDir, 'templatesDir', isString, 'a directory path', '')),
    reloadTemplates: optional(options.reloadTemplates, 'reloadTemplates', isBoolean, 'a boolean', false),
    socketPath: optional(options.socketPath, 'socketPath', isUrlPath, 'a path starting with /', '/live'),
    assetsPath: optional(options.assetsPath, 'assetsPath', isUrlPath, 'a path starting with /', '/_liveloom').replace(/\/$/, ''),
    secret: resolveSecret(options.secret),
    tokenMaxAgeMs: positiveInt(options.tokenMaxAgeMs, 'tokenMaxAgeMs', 86_400_000),
    workers: positiveInt(options.workers, 'workers', availableParallelism()),
    concurrentTasksPerWorker: positiveInt(options.concurrentTasksPerWorker, 'concurrentTasksPerWorker', 4),
    allowedOrigins: options.allowedOrigins === undefined ? undefined : optional(options.allowedOrigins, 'allowedOrigins', isOriginList, 'an array of origins like "https://example.com"', []),
    maxFrameBytes: positiveInt(options.maxFrameBytes, 'maxFrameBytes', 65_536),
    rateLimit: { burst: positiveInt(rateLimit.burst, 'rateLimit.burst', 100), perSecond: positiveNumber(rateLimit.perSecond, 'rateLimit.perSecond', 50) },
    joinTimeoutMs: positiveInt(options.joinTimeoutMs, 'joinTimeoutMs', 10_000),
    taskTimeoutMs: positiveInt(options.taskTimeoutMs, 'taskTimeoutMs', 30_000),
    mailboxLimit: positiveInt(options.mailboxLimit, 'mailboxLimit', 64),
    sessions: {
      joinWindowMs: positiveInt(sessions.joinWindowMs, 'sessions.joinWindowMs', 30_000),
      resumeWindowMs: positiveInt(sessions.resumeWindowMs, 'sessions.resumeWindowMs', 60_000),
      maxParked: positiveInt(sessions.maxParked, 'sessions.maxParked', 10_000),
      maxParkedBytes: positiveInt(sessions.maxParkedBytes, 'sessions.maxParkedBytes', 256 * 1024 * 1024),
      hibernateAfterMs: optional(sessions.hibernateAfterMs, 'sessions.hibernateAfterMs', (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number of milliseconds (0: never)', 15_000),
    },
    session: optional(options.session, 'session', isFunction, 'a function (ctx) => session data', () => ({})),
    title: optional(options.title, 'title', isString, 'a string', 'liveloom'),
    document: options.document === undefined ? undefined : optional(options.document, 'document', isFunction, 'a function (page) => html', undefined),
    dev: optional(options.dev, 'dev', isBoolean, 'a boolean', process.env.NODE_ENV !== 'production'),
    logger: options.logger === undefined ? undefined : optional(options.logger, 'logger', isLogger, 'a pino-compatible logger (info, warn, error, debug, child)', undefined),
  }
}

// A misspelt option would otherwise be ignored in silence, leaving its default in force.
function onlyKnown(group: object, prefix: string, known: string[]): void {
  for (const key of Object.keys(group)) {
    if (!known.includes(key)) {
      throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.${prefix}${key} is not a liveloom option (known: ${known.join(', ')})`, { details: { option: `${prefix}${key}` } })
    }
  }
}

function resolveRoutes(routes: unknown, viewsDir: string): ResolvedRoute[] {
  if (typeof routes !== 'object' || routes === null || Array.isArray(routes)) bad('routes', "an object mapping paths to view modules, like { '/': './views/counter.ts' }", routes)
  const entries = Object.entries(routes as Record<string, unknown>)
  if (entries.length === 0) bad('routes', 'at least one route', routes)
  return entries.map(([pattern, module]) => {
    // `/`, or non-empty segments: a pattern with an empty one (`/items/`, `//`) would never match.
    if (!isUrlPath(pattern) || !/^(\/|(\/:?[A-Za-z0-9_.~-]+)+)$/.test(pattern)) {
      throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.routes: ${JSON.stringify(pattern)} is not a route path; write paths like "/" or "/items/:id"`, { details: { option: 'routes', route: pattern } })
    }
    let view: string
    if (module instanceof URL) view = module.href
    else if (typeof module === 'string' && module !== '') view = module.startsWith('file:') ? module : pathToFileURL(isAbsolute(module) ? module : resolve(viewsDir, module)).href
    else throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.routes[${JSON.stringify(pattern)}] must be a module path or file URL, got ${describe(module)}`, { details: { option: 'routes', route: pattern } })
    if (!view.startsWith('file:')) throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.routes[${JSON.stringify(pattern)}] must be a file: URL, got ${view}`, { details: { option: 'routes', route: pattern } })
    return { pattern, view }
  })
}

function resolveSecret(secret: unknown): Buffer {
  if (secret === undefined) return randomBytes(32)
  const bytes = typeof secret === 'string' ? Buffer.from(secret) : Buffer.isBuffer(secret) ? secret : bad('secret', 'a string or Buffer', secret)
  if (bytes.length < 32) bad('secret', 'at least 32 bytes long', bytes.length)
  return bytes
}

function positiveInt(value: unknown, name: string, fallback: number): number {
  return optional(value, name, (v): v is number => Number.isSafeInteger(v) && (v as number) > 0, 'a positive integer', fallback)
}

function positiveNumber(value: unknown, name: string, fallback: number): number {
  return optional(value, name, (v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0, 'a positive number', fallback)
}

function optional<T>(value: unknown, name: string, check: (v: unknown) => v is T, expected: string, fallback: T): T {
  if (value === undefined) return fallback
  if (!check(value)) bad(name, expected, value)
  return value
}

function bad(name: string, expected: string, got: unknown): never {
  throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.${name} must be ${expected}, got ${describe(got)}`, { details: { option: name } })
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value)
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return 'an array'
  if (value === null) return 'null'
  return typeof value === 'object' ? 'an object' : String(value)
}

const isString = (v: unknown): v is string => typeof v === 'string' && v !== ''
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean'
const isFunction = (v: unknown): v is (...args: any[]) => any => typeof v === "function"
const isUrlPath = (v: unknown): v is string => typeof v === 'string' && v.startsWith('/') && !/[\s?#]/.test(v)
const isOriginList = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((o) => typeof o === 'string' && /^https?:\/\/[^/\s]+$/.test(o))
const isLogger = (v: unknown): v is Logger =>
  typeof v === 'object' && v !== null && ['info', 'warn', 'error', 'debug', 'child'].every((m) => typeof (v as Record<string, unknown>)[m] === 'function')

/**
 * Checks that what the options name on disk exists: every route's view module and the templates
 * directory. Separate from {@link resolveOptions} (which stays pure) and run once by `createLive`,
 * so a typo fails at startup rather than on the first request.
 */
export function assertOptionFilesExist(options: ResolvedOptions): void {
  for (const route of options.routes) {
    const file = fileURLToPath(route.view)
    if (!isFile(file)) {
      throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.routes[${JSON.stringify(route.pattern)}]: the view module ${file} does not exist`, {
        details: { option: 'routes', route: route.pattern, file },
      })
    }
  }
  if (options.templatesDir !== undefined && !isDirectory(options.templatesDir)) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.templatesDir: ${options.templatesDir} is not a directory`, { details: { option: 'templatesDir' } })
  }
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false
}
