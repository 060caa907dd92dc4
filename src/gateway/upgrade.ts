/**
 * WebSocket upgrades on the live socket path: checks the Origin, hands the socket to a
 * Connection, pings to find dead peers. Upgrades on other paths are left to other listeners.
 */

import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer, type WebSocket } from 'ws'
import { Close } from '../protocol/frames.js'
import type { Gateway } from './core.js'
import { Connection } from './connection.js'

/** How often idle sockets are pinged; a socket that missed the previous pong is dropped. */
const PING_INTERVAL_MS = 30_000

/** The upgrade handling of one `createLive`. */
export class UpgradeHandler {
  private readonly wss: WebSocketServer
  private readonly alive = new WeakSet<WebSocket>()
  private readonly pinger: NodeJS.Timeout
  private readonly servers = new Map<Server, (req: IncomingMessage, socket: Duplex, head: Buffer) => void>()

  constructor(private readonly gateway: Gateway) {
    // Compression stays off: frames are small and deflate costs the main thread per message.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: gateway.options.maxFrameBytes, perMessageDeflate: false })
    this.pinger = setInterval(() => this.ping(), PING_INTERVAL_MS)
    this.pinger.unref()
  }

  /** Starts handling upgrades on `server`'s socket path. */
  attach(server: Server): void {
    if (this.servers.has(server)) return
    const listener = (req: IncomingMessage, socket: Duplex, head: Buffer): void => this.onUpgrade(req, socket, head)
    this.servers.set(server, listener)
    server.on('upgrade', listener)
  }

  /** Closes every socket with 1001 (going away) and stops listening for upgrades. */
  close(): void {
    clearInterval(this.pinger)
    for (const [server, listener] of this.servers) server.off('upgrade', listener)
    this.servers.clear()
    for (const ws of this.wss.clients) ws.close(Close.GOING_AWAY, 'LIVELOOM_SHUTDOWN')
  }

  /** Open sockets. */
  get size(): number {
    return this.wss.clients.size
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const pathname = (req.url ?? '/').split('?')[0]
    if (pathname !== this.gateway.options.socketPath) return
    if (!this.originAllowed(req)) {
      this.gateway.logger.warn({ origin: req.headers.origin, host: req.headers.host }, 'websocket origin refused')
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\nLIVELOOM_ERR_ORIGIN: this origin may not open the live socket\n')
      return
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.alive.add(ws)
      ws.on('pong', () => this.alive.add(ws))
      new Connection(ws, this.gateway)
    })
  }

  /**
   * Browsers always send Origin on WebSocket requests; it must be in `allowedOrigins`, or by
   * default match the Host the request came to. Non-browser clients (no Origin) are allowed: the
   * check protects browsers from cross-site socket hijacking, and the token still gates joining.
   */
  private originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin
    if (origin === undefined) return true
    const allowed = this.gateway.options.allowedOrigins
    if (allowed) return allowed.includes(origin)
    try {
      return new URL(origin).host === req.headers.host
    } catch {
      return false
    }
  }

  private ping(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate()
        continue
      }
      this.alive.delete(ws)
      ws.ping()
    }
  }
}
