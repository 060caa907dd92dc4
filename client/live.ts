/**
 * One live container: joins the session over the socket, applies the server's frames in version
 * order, asks for a fresh render when it cannot, and sends the container's events while joined.
 */
import { Attr, EffectKind, FrameType, PROTOCOL_VERSION, type ClientFrame, type EventParams, type ServerFrame } from '../src/protocol/frames.js'
import type { WireNode, WireOp } from '../src/protocol/ops.js'
import { browserEnv, type Env } from './env.js'
import { delegateEvents } from './events.js'
import { keepFocus } from './focus.js'
import { ClientName } from './names.js'
import { applyOps, buildNode } from './patch.js'
import { openSocket } from './socket.js'

/** The fields of the client frame of type `T` besides `t` and `ref` (which `send` adds). */
type FrameFields<T extends ClientFrame['t']> = Omit<Extract<ClientFrame, { t: T }>, 't' | 'ref'>

/**
 * Makes `container` (the page's `[data-lv-root]`) live: connects to the path in its
 * `data-lv-socket`, joins with its `data-lv-token`, and keeps going until the page goes away.
 * `env` overrides the browser services (tests pass fakes); see [[Env]] for the defaults.
 */
export function live(container: Element, env?: Partial<Env>): void {
  const doc = container.ownerDocument
  const services = browserEnv(doc, env)
  const { location } = services
  let token = container.getAttribute(Attr.TOKEN) ?? ''
  /** The last frame number applied; undefined until the first `joined`. */
  let version: number | undefined
  /** Joined on the current connection: frames count and events go out. */
  let joined = false
  /** The DOM matches no version (a gap, or an op that did not fit): a `refresh` is out. */
  let stale = false
  let ref = 0

  // Every frame sent takes the next ref, joins and refreshes included.
  const send = <T extends ClientFrame['t']>(t: T, fields: FrameFields<T>): void => socket.send({ t, ref: ++ref, ...fields })
  const refresh = (): void => {
    stale = true
    send(FrameType.REFRESH, {})
  }
  const emit = (type: string, detail: object): void => {
    container.dispatchEvent(new (doc.defaultView as Window & typeof globalThis).CustomEvent(type, { detail }))
  }
  const render = (nodes: WireNode[]): void => {
    stale = false
    keepFocus(container, () => container.replaceChildren(...nodes.map((node) => buildNode(doc, node))))
  }

  const frame = (f: ServerFrame): void => {
    // Errors change no DOM, so they are reported even while waiting for a render.
    if (f.t === FrameType.ERROR) {
      emit(ClientName.ERROR, { code: f.code, message: f.message, ref: f.ref })
      console.error(f.code, f.message)
    }
    if (f.t === FrameType.JOINED) {
      joined = true
      version = f.v
      token = f.token
      socket.joined()
      container.classList.remove(ClientName.DISCONNECTED)
      // A resumed session assumes the DOM of `version`; a stale DOM still needs its render.
      if (f.nodes) render(f.nodes)
      else if (stale) refresh()
      emit(ClientName.JOINED, { v: f.v })
      return
    }
    if (!joined) return
    if (f.t === FrameType.RENDER) {
      version = f.v
      return render(f.nodes)
    }
    if (stale) return
    if (f.v !== version! + 1) return refresh()
    version = f.v
    if (f.t === FrameType.ERROR) return
    const ops: WireOp[] | undefined = f.ops
    try {
      if (ops) keepFocus(container, (hook) => applyOps(container, ops, hook))
    } catch {
      refresh()
    }
    for (const [kind, text] of f.effects ?? []) if (kind === EffectKind.TITLE) doc.title = text
  }

  // Blink splits text nodes over 65,536 characters when parsing; the server's tree has one node.
  container.normalize()
  const socket = openSocket(
    (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + container.getAttribute(Attr.SOCKET),
    services,
    {
      // The first join of a page has no version: the server rendered the DOM the page has.
      open: () => send(FrameType.JOIN, { pv: PROTOCOL_VERSION, token, url: location.pathname + location.search, v: version }),
      frame,
      down: () => {
        joined = false
        container.classList.add(ClientName.DISCONNECTED)
      },
    },
  )
  // Events while disconnected are dropped, not queued: they were aimed at a page that may change.
  delegateEvents(container, (name: string, params: EventParams) => {
    if (joined) send(FrameType.EVENT, { name, params })
  })
}
