/**
 * Test drivers for the gateway: start a liveloom server on 127.0.0.1, fetch a page and read its
 * token, and talk to the live socket frame by frame.
 */

import WebSocket from 'ws'
import { createServer, type LiveServer, type ServerOptions } from '../../src/index.js'
import { Attr } from '../../src/protocol/frames.js'

const FIXTURES = new URL('../fixtures/views/', import.meta.url)

/** A fixture view module's URL. */
export function fixtureView(name: string): URL {
  return new URL(`${name}.ts`, FIXTURES)
}

/** A silent pino-shaped logger that records what was logged. */
export function recordingLogger(): ServerOptions['logger'] & { entries: Array<{ level: string; object: object; message?: string }> } {
  const entries: Array<{ level: string; object: object; message?: string }> = []
  const logger = {
    entries,
    debug: (object: object, message?: string) => void entries.push({ level: 'debug', object, message }),
    info: (object: object, message?: string) => void entries.push({ level: 'info', object, message }),
    warn: (object: object, message?: string) => void entries.push({ level: 'warn', object, message }),
    error: (object: object, message?: string) => void entries.push({ level: 'error', object, message }),
    child: () => logger,
  }
  return logger
}

/** Starts a server on a free loopback port with the fixture views (`/`, `/fails`, `/users/:id`, `/features`). */
export async function startServer(options: Partial<ServerOptions> = {}): Promise<LiveServer> {
  return createServer({
    routes: { '/': fixtureView('counter'), '/fails': fixtureView('mount-fails'), '/users/:id': fixtureView('user'), '/features': fixtureView('features') },
    port: 0,
    host: '127.0.0.1',
    workers: 2,
    logger: recordingLogger(),
    ...options,
  })
}

/** A rendered page: its HTML, the token and the container's inner HTML. */
export interface Page {
  status: number
  html: string
  token: string
  inner: string
}

/** GETs `path` and extracts the live container. */
export async function fetchPage(base: string, path = '/'): Promise<Page> {
  const response = await fetch(base + path)
  const html = await response.text()
  const token = new RegExp(`${Attr.TOKEN}="([^"]*)"`).exec(html)?.[1] ?? ''
  const inner = /<div data-lv-root[^>]*>([\s\S]*)<\/div><\/body>/.exec(html)?.[1] ?? ''
  return { status: response.status, html, token, inner }
}

/** A frame as the test sees it. */
export type Frame = Record<string, unknown> & { t: string; v: number }

/** A WebSocket that queues incoming frames for `next()`. */
export class TestSocket {
  readonly ws: WebSocket
  private readonly frames: Frame[] = []
  private waiting: Array<(frame: Frame) => void> = []
  /** Resolves with the close code and reason. */
  readonly closed: Promise<{ code: number; reason: string }>
  private ref = 0

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers })
    this.ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Frame
      const waiter = this.waiting.shift()
      if (waiter) waiter(frame)
      else this.frames.push(frame)
    })
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })))
    this.ws.on('error', () => {})
  }

  /** Resolves when open; rejects with the HTTP status when the upgrade is refused. */
  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)))
      this.ws.once('error', reject)
    })
  }

  /** The next frame (waits up to 10 s). */
  next(timeoutMs = 10_000): Promise<Frame> {
    const queued = this.frames.shift()
    if (queued) return Promise.resolve(queued)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no frame within timeout')), timeoutMs)
      this.waiting.push((frame) => {
        clearTimeout(timer)
        resolve(frame)
      })
    })
  }

  /** Sends a raw text message. */
  sendRaw(text: string | Buffer): void {
    this.ws.send(text)
  }

  /** Sends a frame object, filling in `ref` when absent; returns the ref. */
  send(frame: Record<string, unknown>): number {
    const ref = typeof frame.ref === 'number' ? frame.ref : ++this.ref
    this.ref = Math.max(this.ref, ref)
    this.ws.send(JSON.stringify({ ...frame, ref }))
    return ref
  }

  /** Sends `join` for `token` and returns the reply. */
  async join(token: string, v?: number, url = '/'): Promise<Frame> {
    this.send({ t: 'join', pv: 1, token, url, ...(v === undefined ? {} : { v }) })
    return this.next()
  }

  /** Sends an event and returns its reply. */
  async event(name: string, params: Record<string, unknown> = {}): Promise<Frame> {
    this.send({ t: 'event', name, params })
    return this.next()
  }

  /** Closes the socket and waits for the close. */
  async close(): Promise<void> {
    this.ws.close()
    await this.closed
  }
}

/** Opens a TestSocket on the server's live path. */
export async function connect(server: LiveServer, headers: Record<string, string> = {}, path = '/live'): Promise<TestSocket> {
  const socket = new TestSocket(server.url.replace('http', 'ws') + path, headers)
  await socket.opened()
  return socket
}
