/**
 * What the client takes from the browser besides the DOM. Injected as one object so tests can run
 * the client under happy-dom with a fake WebSocket, a fake location, hand-driven timers and a
 * scripted `confirm`.
 */

/** The part of a WebSocket the client uses. */
export interface SocketLike {
  send(data: string): void
  onopen: ((event: Event) => void) | null
  onmessage: ((event: MessageEvent) => void) | null
  onclose: ((event: CloseEvent) => void) | null
}

/** The browser services the client uses. */
export interface Env {
  /** Default: the window's `WebSocket`. */
  WebSocket: new (url: string) => SocketLike
  /**
   * Default: the window's `location` (`href`, `origin` and `replace` serve live navigation,
   * client/nav.ts: a failed live navigation loads its URL over the history entry it pushed).
   */
  location: { protocol: string; host: string; pathname: string; search: string; href: string; origin: string; reload(): void; replace(url: string): void }
  /** Default: the window's `setTimeout`. */
  setTimeout(fn: () => void, ms: number): unknown
  /** Default: `Math.random`; the reconnect jitter. */
  random(): number
  /** Default: the window's `confirm`; asked for `lv-confirm`. */
  confirm(text: string): boolean
}

/** The real services of the window that owns `doc`, overridden by `overrides`. */
export function browserEnv(doc: Document, overrides?: Partial<Env>): Env {
  const win = doc.defaultView as Window & typeof globalThis
  return { WebSocket: win.WebSocket, location: win.location, setTimeout: (fn, ms) => win.setTimeout(fn, ms), random: Math.random, confirm: (text) => win.confirm(text), ...overrides }
}
