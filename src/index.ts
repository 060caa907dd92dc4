/**
 * liveloom: server-rendered reactive UI for TypeScript on Node.
 *
 * View modules (run in worker threads) import `LiveView` and `event`; the app imports
 * `createLive` (embedded in Koa) or `createServer` (standalone).
 */

export { LiveView, type MountParams, type SessionData } from './view/live-view.js'
export type { AsyncResult, AsyncContext } from './view/async-work.js'
export { event, type EventOptions } from './view/event.js'
export { debounce, throttle } from './view/rate.js'
export { JS, JsChain } from './view/js.js'
export type { StandardSchemaV1 } from './view/standard-schema.js'
export { createLive, type Live, type LiveStats } from './live.js'
export { createServer, type LiveServer, type ServerOptions } from './server.js'
export type { LiveOptions, PageParts } from './options.js'
export { startStatsEndpoint, type ProcessStats, type StatsEndpoint, type StatsSource } from './stats-endpoint.js'
export type { PoolStats, TimingSummary } from './pool.js'
export type { Logger } from './logger.js'
export { LiveloomError, hasLiveloomCode, type Fault } from './errors.js'
