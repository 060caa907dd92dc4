/**
 * Rate limits: `lv-debounce` / `lv-throttle` on an element, else the view's `@debounce` /
 * `@throttle` for the handler (the container's `data-lv-limits`). Timers come from the Env and
 * are never cleared: a debounce timer that a later event superseded finds its generation stale
 * and does nothing, which keeps the Env to one timer function.
 */
import { Attr, type HandlerLimits } from '../src/protocol/frames.js'
import type { Env } from './env.js'

/** One handler on one element: its debounce generation or throttle window, and what waits. */
interface State {
  el: Element
  gen: number
  busy?: boolean
  /** The debounced send, or the throttle's trailing one. */
  send?: () => void
}

/** The rate limiter of one container. */
export interface RateLimits {
  /**
   * Runs `send` (the event of handler `name`, from directive element `el`, coming from `from`
   * inside it) now, later or never, by the limit that applies: the nearest `lv-debounce` /
   * `lv-throttle` from `from` up to `el`, else the view's limit for `name`. Submits are never
   * limited.
   */
  limit(el: Element, from: Element, submit: boolean, name: string, send: () => void): void
  /** Sends the debounced events waiting on `el` or on any element of `el`'s form now (call it before sending from `el`, to keep the order). */
  flush(el: Element): void
}

/** Rate limits for the events of `container`; a debounced field's event is also sent when it loses focus. */
export function rateLimits(container: Element, env: Env): RateLimits {
  const states = new WeakMap<Element, Record<string, State>>()
  const waiting = new Set<State>()
  const flush = (s: State): void => void (waiting.delete(s) && s.send!())
  container.addEventListener('focusout', (e) => waiting.forEach((s) => s.el === e.target && flush(s)))
  return {
    limit(el, from, submit, name, send) {
      const holder = from.closest(`[${Attr.DEBOUNCE}],[${Attr.THROTTLE}]`)
      const own = holder && el.contains(holder) ? holder : undefined
      const debounce = own?.getAttribute(Attr.DEBOUNCE)
      const [kind, ms] = own
        ? debounce != null ? ['debounce', debounce] : ['throttle', own.getAttribute(Attr.THROTTLE)!]
        : ((JSON.parse(container.getAttribute(Attr.LIMITS) || '{}') as HandlerLimits)[name] ?? [])
      if (!kind || submit) return send()
      const by = own ?? el
      let mine = states.get(by)
      if (!mine) states.set(by, (mine = {}))
      const s = (mine[name] ??= { el: by, gen: 0 })
      if (kind === 'debounce') {
        s.send = send
        waiting.add(s)
        const gen = ++s.gen
        if (ms !== 'blur') env.setTimeout(() => gen === s.gen && flush(s), +ms)
      } else if (s.busy) {
        s.send = send
      } else {
        // The first event goes now; the last one during the window goes when it ends, and opens the next.
        const run = (go: () => void): void => {
          s.busy = true
          go()
          env.setTimeout(() => {
            const trailing = s.send
            s.busy = false
            s.send = undefined
            if (trailing) run(trailing)
          }, +ms)
        }
        run(send)
      }
    },
    flush(el) {
      const form = el.closest('form')
      waiting.forEach((s) => (s.el === el || form?.contains(s.el)) && flush(s))
    },
  }
}
