/**
 * `createServer`: the standalone liveloom process (a Koa app with nothing but live routes).
 */

import { createServer as createHttpServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Koa from 'koa'
import { createLive, type Live } from './live.js'
import type { LiveOptions } from './options.js'
import { LiveloomError } from './errors.js'
import { startStatsEndpoint, type StatsEndpoint } from './stats-endpoint.js'

/** Options of {@link createServer}: those of `createLive` plus where to listen. */
export interface ServerOptions extends LiveOptions {
  /** TCP port. Default: 3000; 0 picks a free one. */
  port?: number
  /** Interface to listen on. Default: `'127.0.0.1'`. */
  host?: string
  /**
   * Also serve the process's figures (CPU, memory, event-loop delay, sessions) on
   * 127.0.0.1:`statsPort` (0: a free port), for load harnesses (src/stats-endpoint.ts). Default: off.
   */
  statsPort?: number
}

/** A running standalone server. */
export interface LiveServer {
  /** The HTTP server. */
  server: Server
  /** The liveloom instance. */
  live: Live
  /** The base URL it listens on, `http://host:port`. */
  url: string
  /** The stats endpoint's base URL, when `statsPort` was given. */
  statsUrl?: string
  /** Drains liveloom and closes the HTTP server. */
  close(): Promise<void>
}

/**
 * Starts a Koa app serving `options.routes` and their live sockets; resolves once listening.
 * Throws `LIVELOOM_ERR_OPTIONS` for bad options and `LIVELOOM_ERR_LISTEN` when the port is taken.
 */
export async function createServer(options: ServerOptions): Promise<LiveServer> {
  const { port = 3000, host = '127.0.0.1', statsPort, ...liveOptions } = options
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.port must be an integer from 0 to 65535, got ${String(port)}`, { details: { option: 'port' } })
  }
  if (typeof host !== 'string' || host === '') {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.host must be a host name or address, got ${String(host)}`, { details: { option: 'host' } })
  }
  const live = createLive(liveOptions)
  const app = new Koa()
  app.use(live.middleware())
  const server = createHttpServer(app.callback())
  live.attach(server)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (cause) {
    await live.close()
    throw new LiveloomError('LIVELOOM_ERR_LISTEN', `could not listen on ${host}:${port}: ${(cause as Error).message}; pick another --port`, { cause })
  }
  let stats: StatsEndpoint | undefined
  try {
    stats = statsPort === undefined ? undefined : await startStatsEndpoint(statsPort, live)
  } catch (error) {
    await live.close()
    await new Promise<void>((resolve) => server.close(() => resolve()))
    throw error
  }
  const address = server.address() as AddressInfo
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    server,
    live,
    url: `http://${shownHost}:${address.port}`,
    statsUrl: stats?.url,
    async close() {
      await stats?.close()
      await live.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
