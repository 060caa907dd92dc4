/**
 * The WebSocket to the gateway: one at a time, reconnected after a close with jittered
 * exponential backoff, except after the close codes that mean "reload" or "stop".
 */
import { FINAL_CLOSE_CODES, RELOAD_CLOSE_CODES, type ServerFrame } from '../src/protocol/frames.js'
import type { Env, SocketLike } from './env.js'

/** What the socket reports to its owner. */
export interface SocketHandlers {
  /** A connection opened (the first or a reconnect): time to join. */
  open(): void
  /** A frame arrived. */
  frame(frame: ServerFrame): void
  /** The connection closed, whatever comes next. */
  down(): void
}

/** The owner's handle on the socket. */
export interface Socket {
  /** Sends one frame as JSON; the caller only sends while joined, when the socket is open. */
  send(frame: object): void
  /** The session is joined: the next outage starts its backoff from the shortest delay again. */
  joined(): void
}

/**
 * The delay before reconnect attempt `attempt` (0 for the first): min(5000, 100·2^attempt) ms,
 * scaled by a random factor in [0.5, 1] so that a restarted gateway is not hit by every browser
 * in the same millisecond.
 */
export function backoffMs(attempt: number, random: () => number): number {
  return (Math.min(5000, 100 * 2 ** attempt) * (1 + random())) / 2
}

/** Connects to `url` now and keeps reconnecting as described above. */
export function openSocket(url: string, env: Env, on: SocketHandlers): Socket {
  let ws: SocketLike | undefined
  let attempt = 0
  const connect = (): void => {
    ws = new env.WebSocket(url)
    ws.onopen = on.open
    ws.onmessage = (e) => on.frame(JSON.parse(e.data as string) as ServerFrame)
    ws.onclose = (e) => {
      ws = undefined
      on.down()
      // A bad token or another protocol version means this page is stale: only a reload helps.
      if (RELOAD_CLOSE_CODES.includes(e.code)) env.location.reload()
      else if (!FINAL_CLOSE_CODES.includes(e.code)) env.setTimeout(connect, backoffMs(attempt++, env.random))
    }
  }
  connect()
  return {
    send: (frame) => ws?.send(JSON.stringify(frame)),
    joined: () => {
      attempt = 0
    },
  }
}
