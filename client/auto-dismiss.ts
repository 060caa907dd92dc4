/**
 * Flash auto-dismiss (docs/navigation.md#flash), part of the side channel module (client/js.ts),
 * which the core loads when the container has `lv-auto-dismiss` elements: an element with
 * `lv-auto-dismiss="MS"` sends the built-in event `lv:clear-flash` with params `{ level }` from
 * its `lv-value-level` (none: `{}`, which clears every level) MS milliseconds after it appeared
 * with its current text.
 * - The container is scanned when the module starts and after every applied frame; timers are
 *   per element.
 * - An element that left the container before its time sends nothing; a new text (another
 *   message patched into the same node) or a new time restarts its timer; an element with no
 *   text (an empty flash) waits for one.
 * - A timer that fires while the client is not joined (the push settles at once, with no frame)
 *   is forgotten, so the scan after a later frame arms it again. So is one whose event died with
 *   its connection: clearing a flash twice is harmless.
 * - A value that is not a positive integer, or over an hour, is the app's mistake: it is ignored
 *   and logged as LIVELOOM_ERR_AUTO_DISMISS, once per element.
 */
import { Attr, BuiltinEvent, type EventParams, type ServerFrame } from '../src/protocol/frames.js'
import type { Env } from './env.js'

/** The longest time accepted, an hour: a longer one is more likely a unit mistake than a wish. */
const MAX_MS = 3_600_000

/**
 * Sends event `name` while joined (the core's push); `settle` hears its reply or error frame, or
 * nothing (no frame), at once when the client is not joined or when the connection drops.
 */
export type SettlingPush = (name: string, params: EventParams, settle?: (frame?: ServerFrame) => void) => void

/** What auto-dismiss needs from the core. */
export interface DismissHost {
  container: Element
  push: SettlingPush
  /** The browser services (`setTimeout`: tests may drive it). */
  env: Pick<Env, 'setTimeout'>
}

/** Starts auto-dismiss in `host.container`: arms its elements now; returns the scan to run after every applied frame. */
export function autoDismiss({ container, push, env }: DismissHost): () => void {
  /**
   * The armed elements, each with what its timer was armed for (its value and text). A timer
   * whose entry was replaced or dropped does nothing when it fires: Env has no clearTimeout.
   */
  let armed = new Map<Element, { key: string }>()
  const reported = new WeakSet<Element>()
  const arm = (el: Element, key: string, ms: number): { key: string } => {
    const entry = { key }
    env.setTimeout(() => {
      if (armed.get(el) !== entry || !container.contains(el)) return
      const level = el.getAttribute(Attr.VALUE_PREFIX + 'level')
      push(BuiltinEvent.CLEAR_FLASH, level === null ? {} : { level }, (frame) => void (frame || armed.delete(el)))
    }, ms)
    return entry
  }
  const scan = (): void => {
    const next = new Map<Element, { key: string }>()
    container.querySelectorAll(`[${Attr.AUTO_DISMISS}]`).forEach((el) => {
      const value = el.getAttribute(Attr.AUTO_DISMISS)!
      const ms = /^\d+$/.test(value) ? Number(value) : 0
      if (!ms || ms > MAX_MS) {
        if (!reported.has(el)) console.error('LIVELOOM_ERR_AUTO_DISMISS', value)
        return void reported.add(el)
      }
      const text = el.textContent ?? ''
      if (!text.trim()) return
      const key = `${value} ${text}`
      const entry = armed.get(el)
      next.set(el, entry?.key === key ? entry : arm(el, key, ms))
    })
    // Elements not seen again (gone, emptied, or a bad value now) drop out: their timers do nothing.
    armed = next
  }
  scan()
  return scan
}
