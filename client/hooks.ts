/**
 * Client hooks (`lv-hook="Name"`): app code attached to elements, from `window.LiveloomHooks`.
 * A separate module that the core loads only when the page has `[lv-hook]` elements or sets
 * `window.LiveloomHooks`, so pages without hooks do not pay for it. Everything it needs from the
 * core comes in [[HooksHost]]: it imports nothing of the core (no chunk shared by both).
 *
 * Lifecycle, per frame: `beforeUpdate` before the first op that changes a hooked element or its
 * subtree (the nearest hooked element counts); then after the frame `destroyed` for hooked
 * elements that left the page (or lost or changed their `lv-hook`), `updated` for those
 * `beforeUpdate` was called on, and `mounted` for new ones. `disconnected` / `reconnected` when
 * the socket goes down / the session is joined again.
 */
import { Attr, FrameType, type ErrorFrame, type EventParams, type ParamValue, type ReplyData, type ReplyFrame } from '../src/protocol/frames.js'
import { ClientName } from './names.js'

/** What the core gives the hooks module. */
export interface HooksHost {
  container: Element
  /** Sends event `name`; `settle` is told its reply or error frame, or nothing when it could not be sent or the connection went down first. */
  push(name: string, params: EventParams, settle: (frame?: ReplyFrame | ErrorFrame) => void): void
}

/** What the core calls in the hooks module. */
export interface Hooks {
  /** Before an op changes `node` (its attributes or children). */
  before(node: Node): void
  /** After a frame or a render: destroyed, updated, mounted. */
  sync(): void
  /** The socket went down. */
  down(): void
  /** The session is joined again (after [[sync]]). */
  up(): void
}

/** Why a `pushEvent` promise rejects: the error frame's code and message. */
export interface HookError {
  code: string
  message: string
}

/** What `this` is in a hook's callbacks: the definition's own members, plus these. */
export interface HookInstance {
  /** The element with `lv-hook`. */
  readonly el: Element
  /**
   * Sends event `name` with `payload` as its params. Resolves with the reply's `data` (the
   * handler's return value; undefined when it returned nothing), rejects with a [[HookError]]
   * on an error frame, or `LIVELOOM_ERR_DISCONNECTED` when the socket is down or drops first.
   */
  pushEvent(name: string, payload?: EventParams): Promise<ReplyData | undefined>
  /** Calls `fn` with the payload of every server push event `name` while the hook is mounted. */
  handleEvent(name: string, fn: (payload: ParamValue) => void): void
}

/** A hook definition: any of the callbacks, plus whatever members the app wants on `this`. */
export interface HookDefinition {
  mounted?(this: HookInstance & HookDefinition): void
  beforeUpdate?(this: HookInstance & HookDefinition): void
  updated?(this: HookInstance & HookDefinition): void
  destroyed?(this: HookInstance & HookDefinition): void
  disconnected?(this: HookInstance & HookDefinition): void
  reconnected?(this: HookInstance & HookDefinition): void
  [member: string]: unknown
}

/** The page's hooks: `window.LiveloomHooks = { Chart: { mounted() { ... } } }`, set before the client script runs. */
export type HookDefinitions = Record<string, HookDefinition>

type Callback = 'mounted' | 'beforeUpdate' | 'updated' | 'destroyed' | 'disconnected' | 'reconnected'

interface Instance extends HookInstance {
  /** The hook name it was mounted as. */
  name: string
  handlers: Record<string, ((payload: ParamValue) => void)[]>
}

/** Starts the hooks of `host.container`; hooked elements mount at the first [[Hooks.sync]]. */
export function startHooks({ container, push }: HooksHost): Hooks {
  const win = container.ownerDocument.defaultView as Window & { LiveloomHooks?: HookDefinitions }
  const mounted = new Map<Element, Instance>()
  const touched = new Set<Instance>()
  const unknown = new WeakSet<Element>()
  let downed: Instance[] = []
  // A throwing hook must not stop the client from applying the rest of a frame.
  const call = (h: Instance, callback: Callback): void => {
    try {
      ;(h as unknown as HookDefinition)[callback]?.call(h as never)
    } catch (error) {
      console.error(error)
    }
  }
  const alive = (h: Instance): boolean => mounted.get(h.el) === h
  // Server push events reach the hooks as the container's `lv:event` (client/js.ts emits it).
  container.addEventListener(ClientName.EVENT, (e) => {
    const { name, payload } = (e as CustomEvent<{ name: string; payload: ParamValue }>).detail
    mounted.forEach((h) => h.handlers[name]?.forEach((fn) => fn(payload)))
  })
  const mount = (el: Element): void => {
    const name = el.getAttribute(Attr.HOOK)!
    const def = win.LiveloomHooks?.[name]
    if (!def) {
      // Once per element: sync runs after every frame.
      if (!unknown.has(el)) console.warn(`liveloom: no hook ${JSON.stringify(name)} in window.LiveloomHooks`)
      return void unknown.add(el)
    }
    const handlers: Instance['handlers'] = {}
    const h: Instance = Object.assign(Object.create(def) as Instance, {
      el,
      name,
      handlers,
      pushEvent: (event: string, payload: EventParams = {}) =>
        new Promise<ReplyData | undefined>((resolve, reject) =>
          push(event, payload, (f) =>
            f?.t === FrameType.REPLY
              ? resolve(f.data)
              : reject(f ? { code: f.code, message: f.message } : { code: 'LIVELOOM_ERR_DISCONNECTED', message: 'the socket is down: the event got no reply' }),
          ),
        ),
      handleEvent: (event: string, fn: (payload: ParamValue) => void) => void (handlers[event] ??= []).push(fn),
    })
    mounted.set(el, h)
    call(h, 'mounted')
  }
  return {
    before(node) {
      const el = node.nodeType === 1 ? (node as Element).closest(`[${Attr.HOOK}]`) : null
      const h = el && mounted.get(el)
      if (h && !touched.has(h)) {
        touched.add(h)
        call(h, 'beforeUpdate')
      }
    },
    sync() {
      for (const [el, h] of mounted) {
        if (!container.contains(el) || el.getAttribute(Attr.HOOK) !== h.name) {
          mounted.delete(el)
          call(h, 'destroyed')
        }
      }
      touched.forEach((h) => alive(h) && call(h, 'updated'))
      touched.clear()
      container.querySelectorAll(`[${Attr.HOOK}]`).forEach((el) => mounted.has(el) || mount(el))
    },
    down() {
      downed = [...mounted.values()]
      downed.forEach((h) => call(h, 'disconnected'))
    },
    up() {
      downed.forEach((h) => alive(h) && call(h, 'reconnected'))
      downed = []
    },
  }
}
