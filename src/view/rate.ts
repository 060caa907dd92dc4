/**
 * `@debounce(ms)` and `@throttle(ms)`: rate limits of a handler, declared on the view. The
 * settings reach the browser with the page (the container's `data-lv-limits`), which enforces
 * them; the gateway also refuses a throttled handler called faster than allowed.
 */

import { LiveloomError } from '../errors.js'
import type { HandlerLimits } from '../protocol/frames.js'
import { LiveView } from './live-view.js'
import { eventRegistration } from './event.js'
import { methodDecorator, type MethodDecorator } from './method-decorator.js'

type Limit = HandlerLimits[string]

const limits = new WeakMap<Function, Limit>()

function limit(kind: Limit[0], ms: number): MethodDecorator {
  const name = `@${kind}(ms)`
  if (!Number.isSafeInteger(ms) || ms <= 0 || ms > 600_000) {
    throw new LiveloomError('LIVELOOM_ERR_EVENT_OPTIONS', `${name}: ms must be a whole number of milliseconds from 1 to 600000, got ${String(ms)}`)
  }
  return methodDecorator(name, 'LIVELOOM_ERR_EVENT_OPTIONS', (fn) => limits.set(fn, [kind, ms]))
}

/**
 * The browser sends this handler's events only after `ms` of quiet (the last one wins), as
 * `lv-debounce` does for one element. Use with `@event()`.
 */
export function debounce(ms: number): MethodDecorator {
  return limit('debounce', ms)
}

/**
 * The browser sends this handler's events at most once per `ms`, and the gateway refuses calls
 * that arrive faster (`LIVELOOM_ERR_THROTTLED`). Use with `@event()`.
 */
export function throttle(ms: number): MethodDecorator {
  return limit('throttle', ms)
}

/** The limits of every `@event()` handler of `View` that has one, by handler name. */
export function handlerLimits(View: Function): HandlerLimits {
  const out: HandlerLimits = {}
  // A subclass's own member hides the superclass's, decorated or not.
  const seen = new Set<string>()
  for (let proto = View.prototype; proto && proto !== LiveView.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (seen.has(name)) continue
      seen.add(name)
      const fn = descriptor.value
      if (typeof fn !== 'function' || !eventRegistration(fn)) continue
      const found = limits.get(fn)
      if (found) out[name] = found
    }
  }
  return out
}
