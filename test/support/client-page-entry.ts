/**
 * What client-chromium.test.ts loads into the page: the client with an in-page fake socket, plus
 * the applier and the DOM reader to compare trees.
 */
import { live } from '../../client/live.js'
import type { ClientFrame, ServerFrame } from '../../src/protocol/frames.js'
export { buildNode, readNode } from '../../client/patch.js'

/** The page's end of a fake connection. */
export interface FakeServer {
  /** Frames the client sent. */
  sent: ClientFrame[]
  /** Delivers a frame to the client. */
  receive(frame: ServerFrame): void
}

/** Starts the client on the page's `[data-lv-root]` over a fake socket, opened at once. */
export function startWithFakeSocket(): FakeServer {
  const sent: ClientFrame[] = []
  let socket: { onopen(): void; onmessage(e: { data: string }): void } | undefined
  live(document.querySelector('[data-lv-root]')!, {
    WebSocket: class {
      onopen = null
      onmessage = null
      onclose = null
      constructor() {
        socket = this as never
      }
      send(data: string): void {
        sent.push(JSON.parse(data) as ClientFrame)
      }
    },
    setTimeout: () => 0,
  })
  socket!.onopen()
  return { sent, receive: (frame) => socket!.onmessage({ data: JSON.stringify(frame) }) }
}
