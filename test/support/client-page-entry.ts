/**
 * What client-chromium.test.ts loads into the page: the client with an in-page fake socket and a
 * scripted `confirm`, plus the applier and the DOM reader to compare trees. Timers and `location`
 * are the page's own (debounce and throttle run for real; a failed live navigation really loads
 * its URL, so tests can read `history.length` after it); the reconnect delay is its shortest, 50 ms.
 */
import { live } from '../../client/live.js'
import type { ClientFrame, ServerFrame } from '../../src/protocol/frames.js'
export { buildNode, readNode } from '../../client/patch.js'

/** The page's end of the fake connections. */
export interface FakeServer {
  /** Frames the client sent, over every connection. */
  sent: ClientFrame[]
  /** Delivers a frame to the client over the current connection. */
  receive(frame: ServerFrame): void
  /** Closes the current connection like a network failure; the client reconnects (opened at once) after 50 ms. */
  drop(): void
  /** The answers `confirm` gives, first first; `true` once they run out. */
  confirms: boolean[]
  /** The texts `confirm` was asked, in order. */
  asked: string[]
}

interface PageSocket {
  onopen(): void
  onmessage(e: { data: string }): void
  onclose(e: { code: number }): void
}

/** Starts the client on the page's `[data-lv-root]` over a fake socket, opened at once. */
export function startWithFakeSocket(): FakeServer {
  let socket: PageSocket | undefined
  const server: FakeServer = {
    sent: [],
    receive: (frame) => socket!.onmessage({ data: JSON.stringify(frame) }),
    drop: () => socket!.onclose({ code: 1006 }),
    confirms: [],
    asked: [],
  }
  live(document.querySelector('[data-lv-root]')!, {
    WebSocket: class {
      onopen = null
      onmessage = null
      onclose = null
      constructor() {
        socket = this as never
        // The client sets the handlers right after constructing: open once it has.
        queueMicrotask(() => socket!.onopen())
      }
      send(data: string): void {
        server.sent.push(JSON.parse(data) as ClientFrame)
      }
    },
    random: () => 0,
    confirm: (text) => {
      server.asked.push(text)
      return server.confirms.shift() ?? true
    },
  })
  return server
}
