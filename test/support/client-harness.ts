/**
 * Runs the browser client (client/live.ts) under happy-dom with a fake WebSocket, a fake location,
 * hand-driven timers and a scripted `confirm`, so tests can play the server frame by frame and
 * assert the exact frames the client sends.
 */
import { Window } from 'happy-dom'
import { live } from '../../client/live.js'
import type { ClientFrame, ServerFrame } from '../../src/protocol/frames.js'

/** One fake connection: records what the client sends; the test opens, feeds and closes it. */
export class FakeSocket {
  onopen: ((event: Event) => void) | null = null
  onmessage: ((event: MessageEvent) => void) | null = null
  onclose: ((event: CloseEvent) => void) | null = null
  readonly sent: ClientFrame[] = []
  constructor(readonly url: string) {}
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame)
  }
  open(): void {
    this.onopen?.({} as Event)
  }
  receive(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent)
  }
  close(code = 1006): void {
    this.onclose?.({ code } as CloseEvent)
  }
}

/** A live page under test. */
export interface Harness {
  window: Window
  document: Document
  container: HTMLElement
  /** Every socket the client opened, oldest first. */
  sockets: FakeSocket[]
  /** The newest socket. */
  socket(): FakeSocket
  /** Timers the client set (reconnects, debounces, throttles), in order; `run` fires the oldest pending one. */
  timers: { ms: number; fn: () => void }[]
  run(): void
  reloads: number
  /** The answers `confirm` gives, first first (`true` once they run out), and the texts it was asked. */
  confirms: boolean[]
  asked: string[]
  /** Every frame sent so far, over all sockets. */
  sent(): ClientFrame[]
}

/** The page's address in every harness. */
export const PAGE = { protocol: 'https:', host: 'app.test', pathname: '/items', search: '?page=2' }

/**
 * Puts `html` in a live container (token `tok0`, socket path `/live`) and starts the client on it.
 * `random` is the reconnect jitter (default 0: the shortest delay); `before` runs on the container
 * before the client starts.
 */
export function startLive(
  html: string,
  options: { random?: number; protocol?: string; before?: (container: HTMLElement) => void } = {},
): Harness {
  const window = new Window({ url: 'https://app.test/items?page=2' })
  const document = window.document as unknown as Document
  document.body.innerHTML = `<div data-lv-root data-lv-token="tok0" data-lv-socket="/live">${html}</div>`
  const container = document.querySelector('[data-lv-root]') as HTMLElement
  options.before?.(container)
  const h: Harness = {
    window,
    document,
    container,
    sockets: [],
    socket: () => h.sockets[h.sockets.length - 1],
    timers: [],
    run: () => h.timers.shift()!.fn(),
    reloads: 0,
    confirms: [],
    asked: [],
    sent: () => h.sockets.flatMap((s) => s.sent),
  }
  live(container, {
    WebSocket: class extends FakeSocket {
      constructor(url: string) {
        super(url)
        h.sockets.push(this)
      }
    },
    location: { ...PAGE, protocol: options.protocol ?? PAGE.protocol, href: 'https://app.test/items?page=2', origin: 'https://app.test', reload: () => void h.reloads++, replace: () => {} },
    setTimeout: (fn, ms) => h.timers.push({ fn, ms }),
    random: () => options.random ?? 0,
    confirm: (text) => {
      h.asked.push(text)
      return h.confirms.shift() ?? true
    },
  })
  return h
}

/** Opens the newest socket and answers its join with `joined` at version `v` with token `token`. */
export function join(h: Harness, v = 1, token = 'tok1'): void {
  h.socket().open()
  h.socket().receive({ t: 'joined', ref: h.socket().sent[h.socket().sent.length - 1].ref, v, token })
}

/** Waits (at most 5 s, else throws) until `check()` holds: frames wait while the client loads its streams module. */
export async function until(check: () => boolean): Promise<void> {
  for (const end = Date.now() + 5000; !check(); await new Promise((resolve) => setTimeout(resolve, 1))) {
    if (Date.now() > end) throw new Error('timed out waiting for the client')
  }
}

/** Dispatches a bubbling DOM event of happy-dom's `type` class on `target`. */
export function fire(h: Harness, target: Element, type: string, init: Record<string, unknown> = {}): Event {
  const Ctor = (type.startsWith('key') ? h.window.KeyboardEvent : h.window.Event) as unknown as typeof Event
  const event = new Ctor(type, { bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event
}
