/**
 * One live container: joins the session over the socket, applies the server's frames in version
 * order, asks for a fresh render when it cannot, and sends the container's events while joined,
 * through their rate limits, with feedback while they are in flight. Loads the hooks, streams and
 * side channel (effects, JS commands) modules when the page needs them.
 */
import { Attr, FrameType, PROTOCOL_VERSION, type ClientFrame, type DiffFrame, type EventParams, type ReplyFrame, type ServerFrame } from '../src/protocol/frames.js'
import type { WireNode } from '../src/protocol/ops.js'
import { browserEnv, type Env } from './env.js'
import { delegateEvents } from './events.js'
import { inFlight } from './feedback.js'
import { keepFocus } from './focus.js'
import type { Hooks, HooksHost } from './hooks.js'
import type { Js } from './js.js'
import { ClientName } from './names.js'
import { applyOps, buildNode, type ChildrenHook } from './patch.js'
import { rateLimits } from './rate.js'
import { openSocket } from './socket.js'
import type { Streams } from './streams.js'

/** The fields of the client frame of type `T` besides `t` and `ref` (which `send` adds). */
type FrameFields<T extends ClientFrame['t']> = Omit<Extract<ClientFrame, { t: T }>, 't' | 'ref'>

/**
 * Makes `container` (the page's `[data-lv-root]`) live: connects to the path in its
 * `data-lv-socket`, joins with its `data-lv-token`, and keeps going until the page goes away.
 * `env` overrides the browser services (tests pass fakes); see [[Env]] for the defaults.
 */
export function live(container: Element, env?: Partial<Env>): void {
  const doc = container.ownerDocument
  const win = doc.defaultView as Window & typeof globalThis & { LiveloomHooks?: object }
  const services = browserEnv(doc, env)
  const { location } = services
  const flight = inFlight()
  const limits = rateLimits(container, services)
  let token = container.getAttribute(Attr.TOKEN) ?? ''
  /** The last frame number applied; undefined until the first `joined`. */
  let version: number | undefined
  /** Joined on the current connection: frames count and events go out. */
  let joined = false
  /** The DOM matches no version (a gap, or an op that did not fit): a `refresh` is out. */
  let stale = false
  let ref = 0
  let hooks: Hooks | undefined
  let hooksWanted = false
  let streams: Streams | undefined
  let streamsLoad: Promise<void> | undefined
  let js: Js | undefined
  let jsLoad: Promise<void> | undefined
  /** Frames received while the streams or side channel module loads, in order: they wait for it. */
  let held: ServerFrame[] | undefined
  /** How many of those modules are loading. */
  let loading = 0

  // Every frame sent takes the next ref, joins and refreshes included; returns it.
  const send = <T extends ClientFrame['t']>(t: T, fields: FrameFields<T>): number => (socket.send({ t, ref: ++ref, ...fields }), ref)
  const refresh = (): void => {
    stale = true
    send(FrameType.REFRESH, {})
  }
  const emit = (type: string, detail: object): void => {
    container.dispatchEvent(new win.CustomEvent(type, { detail }))
  }
  const render = (nodes: WireNode[]): void => {
    stale = false
    keepFocus(container, () => {
      const build = (): void => container.replaceChildren(...nodes.map((node) => buildNode(doc, node)))
      if (streams) streams.render(build)
      else build()
    })
  }
  /**
   * Sends event `name` while joined (else tells `settle` at once): first the debounced events of
   * the same element or form, so the server sees them in the user's order; then records it in
   * flight, with feedback on `el`'s `directive` and the `form` a submit locks.
   */
  const push = (name: string, params: EventParams, settle?: (frame?: ServerFrame) => void, el?: Element, directive?: string, form?: Element): void => {
    if (!joined) return settle?.()
    if (el) limits.flush(el)
    flight.add(send(FrameType.EVENT, { name, params }), settle, el, directive, form)
  }
  /**
   * Waits for a module being fetched (once): frames wait from now on until every such module is
   * there (or failed to load: then they apply without it), so they still apply in order.
   */
  const hold = (module: Promise<void>): Promise<void> => {
    loading++
    held ??= []
    return module.catch(() => {}).then(() => {
      if (--loading) return
      const waiting = held!
      held = undefined
      waiting.forEach(receive)
    })
  }
  const loadStreams = (): unknown => (streamsLoad ??= hold(import('./streams.js').then((m) => void (streams = m.startStreams({ container, buildNode, keep: flight.keep })))))
  const loadJs = (): Promise<void> =>
    (jsLoad ??= hold(import('./js.js').then((m) => void (js = m.startJs({ container, push, flight, send, env: services })))))
  // The hooks and streams modules are files of their own, fetched when the page has hooks or streams
  // (the side channel module: when a frame has effects, a JS command chain runs, or the page has
  // live navigation links, whose clicks it handles, or `lv-auto-dismiss` elements, which it times).
  const load = (): void => {
    if (container.querySelector(`[${Attr.STREAM}]`)) loadStreams()
    // One literal after the build inlines the names.
    if (container.querySelector(`[${Attr.PATCH}],[${Attr.NAVIGATE}],[${Attr.AUTO_DISMISS}]`)) void loadJs()
    if (hooksWanted || !(win.LiveloomHooks || container.querySelector(`[${Attr.HOOK}]`))) return
    hooksWanted = true
    void import('./hooks.js').then((m) => {
      // `push` settles a hook's event with its reply or error frame only, as HooksHost says.
      hooks = m.startHooks({ container, push } as HooksHost)
      if (joined) hooks.sync()
    })
  }

  /** Applies one frame to the DOM as the server has it (the feedback undone). */
  const apply = (f: ServerFrame): void => {
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
      hooks?.sync()
      // Only hooks that saw the socket go down hear `reconnected` (none on the first join or after a navigate).
      hooks?.up()
      return emit(ClientName.JOINED, { v: f.v })
    }
    if (!joined) return
    if (f.t === FrameType.RENDER) {
      version = f.v
      render(f.nodes)
      return hooks?.sync()
    }
    if (stale) return
    if (f.v !== version! + 1) return refresh()
    version = f.v
    if (f.t === FrameType.ERROR) return
    const ops = f.ops
    const patch = (children?: ChildrenHook): void => {
      if (ops) keepFocus(container, (hook) => applyOps(container, ops, hook, hooks?.before, children))
    }
    try {
      if (streams) streams.frame(f, patch)
      else patch()
    } catch {
      refresh()
    }
    hooks?.sync()
  }

  /** Applies a frame now, or holds it while a module it (or an earlier frame) needs loads. */
  function receive(f: ServerFrame): void {
    const { stream, items, effects } = f as DiffFrame
    if (stream || items) loadStreams()
    if (effects) void loadJs()
    if (held) return void held.push(f)
    const v = version
    // The reply or error answering an event ends its feedback; then its sender hears of it. (Only
    // events are in flight, and refs are never reused: any frame's ref can be looked up.)
    const done = flight.around(() => apply(f), (f as ReplyFrame).ref)
    // Effects of an applied frame come after its ops, outside `around`: JS commands make their
    // changes at once. The module also looks for new `lv-auto-dismiss` elements then.
    if (version !== v) js?.effects(effects)
    // After a submit's reply its form shows the server's values (as Phoenix does): the user
    // could not type into the locked form, and a kept value (a cleared field) would lie.
    if (f.t === FrameType.REPLY && done?.form?.isConnected) (done.form as HTMLFormElement).reset()
    done?.settle?.(f)
    // A patch may have brought the page's first hook or stream.
    load()
  }

  // Blink splits text nodes over 65,536 characters when parsing; the server's tree has one node.
  container.normalize()
  const socket = openSocket(
    (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + container.getAttribute(Attr.SOCKET),
    services,
    {
      // The first join of a page has no version: the server rendered the DOM the page has.
      open: () => send(FrameType.JOIN, { pv: PROTOCOL_VERSION, token, url: location.pathname + location.search, v: version }),
      frame: receive,
      down: () => {
        // Frames held for the streams module die with their connection: the DOM stays at
        // `version`, which the next join presents, so the server resends or renders what they had.
        held &&= []
        joined = false
        container.classList.add(ClientName.DISCONNECTED)
        flight.reset()
        hooks?.down()
      },
    },
  )
  load()
  // Events while disconnected are dropped, not queued: they were aimed at a page that may change.
  delegateEvents(container, (el, directive, names, params, event, from) => {
    const form = directive === Attr.SUBMIT ? (event.target as Element) : undefined
    const question = el.getAttribute(Attr.CONFIRM) ?? (event as SubmitEvent).submitter?.getAttribute(Attr.CONFIRM)
    // A form whose submit is in flight ignores more submits; a declined confirm sends nothing.
    if (!joined || (form && flight.locked(form)) || (question != null && !services.confirm(question))) return
    const go = (name: string, p: EventParams): void => limits.limit(el, from, !!form, name, () => push(name, p, undefined, el, directive, form))
    // A value that is a JSON list is a JS command chain, run here; its `push` commands go as events.
    for (const name of names) name[0] === '[' ? void loadJs().then(() => js?.run(name, el, params, go)) : go(name, params)
  })
}
