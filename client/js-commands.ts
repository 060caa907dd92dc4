/**
 * The JS command runner (`JsOp` in src/protocol/frames.ts): DOM changes with no round trip. The
 * DOM must equal the server's tree, so every change to an element of it (its `style` display,
 * classes, attributes) is a lasting local change (client/feedback.ts), kept per element and
 * property: undone before each frame's ops, made again after them on the server's new values.
 */
import { JsOp, type EventParams, type JsCommand, type ParamValue } from '../src/protocol/frames.js'
import type { Change } from './feedback.js'

/** What the runner needs from the core. */
export interface CommandHost {
  container: Element
  /** Sets the lasting changes `key` and makes them now (InFlight.keep within InFlight.around). */
  keep(key: string, changes: Change[]): void
}

/** Sends event `name` with `params` through the core's usual path (rate limits, feedback). */
export type Push = (name: string, params: EventParams) => void

/** Runs `chain` from `el` (none for a `js` effect: then only commands with `to` act), whose event has `params`. */
export type Run = (chain: JsCommand[], el: Element | undefined, params: EventParams, push: Push) => void

/** A command's arguments, all of them optional on the wire. */
interface Args {
  to?: string
  display?: string
  names?: string
  name?: string
  value?: ParamValue
  time?: number
  event?: string
  detail?: ParamValue
}

/** The change that runs `set` on `el` while it is in the page, restoring attribute `attr` (or its absence) on undo. */
function changing(el: Element, attr: string, set: () => void): Change {
  return () => {
    if (!el.isConnected) return
    const old = el.getAttribute(attr)
    set()
    // `style.display = ''` leaves `style=""` behind when display was all it held.
    if (el.getAttribute(attr) === '') el.removeAttribute(attr)
    return () => (old === null ? el.removeAttribute(attr) : el.setAttribute(attr, old))
  }
}

/** The runner of `host.container`. */
export function commands({ container, keep }: CommandHost): Run {
  const win = container.ownerDocument.defaultView as Window & typeof globalThis
  const ids = new WeakMap<Element, number>()
  /** The keys this runner set, by their element: dropped once it left the page, so it can be collected. */
  const keys = new Map<string, Element>()
  let next = 0
  /** Keeps `el`'s property `prop` as `set` makes it (`set` undefined: stops keeping it). */
  const hold = (el: Element, prop: string, attr: string, set?: () => void): void => {
    keys.forEach((e, key) => e.isConnected || (keys.delete(key), keep(key, [])))
    let id = ids.get(el)
    if (id === undefined) ids.set(el, (id = ++next))
    const key = `js ${id} ${prop}`
    keys.set(key, el)
    keep(key, set ? [changing(el, attr, set)] : [])
  }
  const style = (el: Element, display: string): void => hold(el, 'display', 'style', () => ((el as HTMLElement).style.display = display))
  /** Keeps each class of `names` on `el` as `on` says (`on` undefined: stops keeping them). */
  const classes = (el: Element, names: string, on?: (name: string) => boolean, prefix = ''): void =>
    names.split(/\s+/).forEach((name) => {
      if (!name) return
      const want = on?.(name)
      hold(el, prefix + 'class ' + name, 'class', on && (() => el.classList.toggle(name, want)))
    })
  return (chain, from, params, push) => {
    for (const [op, a] of chain as [string, Args][]) {
      if (op === JsOp.PUSH) {
        const value = a.value && typeof a.value === 'object' && !Array.isArray(a.value) ? a.value : {}
        push(a.event!, { ...params, ...value })
        continue
      }
      let targets: Element[] = []
      try {
        targets = a.to ? Array.from(container.querySelectorAll(a.to)) : from ? [from] : []
      } catch {
        // Not a valid selector: no target.
      }
      for (const el of targets) {
        const names = a.names ?? ''
        if (op === JsOp.SHOW) style(el, a.display ?? '')
        if (op === JsOp.HIDE) style(el, 'none')
        if (op === JsOp.TOGGLE) style(el, win.getComputedStyle(el).display === 'none' ? (a.display ?? '') : 'none')
        if (op === JsOp.ADD_CLASS) classes(el, names, () => true)
        if (op === JsOp.REMOVE_CLASS) classes(el, names, () => false)
        if (op === JsOp.TOGGLE_CLASS) classes(el, names, (name) => !el.classList.contains(name))
        if (op === JsOp.SET_ATTR || op === JsOp.REMOVE_ATTR) {
          const name = a.name ?? ''
          // An event handler attribute would run script the server never sent as code.
          if (/^on/i.test(name)) throw new Error(`refused attribute ${name}`)
          hold(el, 'attr ' + name, name, () => (op === JsOp.SET_ATTR ? el.setAttribute(name, String(a.value ?? '')) : el.removeAttribute(name)))
        }
        if (op === JsOp.TRANSITION) {
          classes(el, names, () => true, 'transition ')
          win.setTimeout(() => classes(el, names, undefined, 'transition '), a.time ?? 200)
        }
        if (op === JsOp.FOCUS) (el as HTMLElement).focus()
        if (op === JsOp.DISPATCH) el.dispatchEvent(new win.CustomEvent(a.event!, { bubbles: true, detail: a.detail }))
      }
    }
  }
}
