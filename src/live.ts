/**
 * `createLive`: liveloom embedded in a Koa app.
 *
 * ```ts
 * const live = createLive({ routes: { '/': './views/counter.ts' } })
 * app.use(live.middleware())
 * live.attach(app.listen(3000))
 * ```
 */

import type { Server } from 'node:http'
import type { Middleware } from 'koa'
import { assertOptionFilesExist, resolveOptions, type LiveOptions } from './options.js'
import { createLogger } from './logger.js'
import { Gateway } from './gateway/core.js'
import { UpgradeHandler } from './gateway/upgrade.js'
import { liveMiddleware } from './gateway/middleware.js'
import { loadClientAsset } from './gateway/client-asset.js'
import type { PoolStats } from './pool.js'

/** What {@link Live.stats} reports. */
export interface LiveStats {
  attached: number
  /** Attached sessions whose bytes are compressed while idle (`sessions.hibernateAfterMs`). */
  hibernating: number
  parked: number
  parkedBytes: number
  sockets: number
  pool: PoolStats
}

/** A liveloom instance. */
export interface Live {
  /** Koa middleware rendering live routes and serving the client; passes everything else on. */
  middleware(): Middleware
  /** Handles WebSocket upgrades on `socketPath` of `server`; other upgrades are left alone. */
  attach(server: Server): void
  /**
   * Drains: closes every socket with 1001, waits for tasks in flight, stops the workers.
   * Idempotent.
   */
  close(): Promise<void>
  /**
   * Session counts (attached, parked, parked bytes), open sockets and the worker pool's figures,
   * for health checks, tests and load harnesses.
   */
  stats(): LiveStats
  /** Starts a new window for the timing figures of {@link stats} (the pool's run and wait times). */
  resetStats(): void
}

/**
 * Creates a liveloom instance. Validates `options` at once (`LIVELOOM_ERR_OPTIONS` names the
 * option, including view modules and a templates directory that do not exist), reads the client's files (`LIVELOOM_ERR_CLIENT_MISSING`) and starts the worker pool.
 */
export function createLive(options: LiveOptions): Live {
  const resolved = resolveOptions(options)
  assertOptionFilesExist(resolved)
  const client = loadClientAsset(resolved.assetsPath)
  const gateway = new Gateway(resolved, createLogger(resolved.logger))
  const upgrades = new UpgradeHandler(gateway)
  let closing: Promise<void> | undefined
  return {
    middleware: () => liveMiddleware(gateway, client),
    attach: (server) => upgrades.attach(server),
    close() {
      closing ??= (async () => {
        upgrades.close()
        await gateway.drain()
      })()
      return closing
    },
    stats: () => ({ ...gateway.registry.stats(), sockets: upgrades.size, pool: gateway.pool.stats() }),
    resetStats: () => gateway.pool.resetTiming(),
  }
}
