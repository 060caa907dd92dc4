/**
 * The object a view's template renders: its state fields and computed getters, without `_`
 * members and without methods (mustache would call methods as lambdas). Computed values are
 * memoized for one render.
 */

import { LiveView } from './live-view.js'

interface Computed {
  name: string
  get: () => unknown
}

// Getters per view class (own-most first), found once by walking the prototype chain up to LiveView.
const computedByClass = new WeakMap<Function, Computed[]>()

function computedOf(view: LiveView): Computed[] {
  const ctor = view.constructor
  let computed = computedByClass.get(ctor)
  if (computed) return computed
  computed = []
  const seen = new Set<string>()
  for (let proto = Object.getPrototypeOf(view); proto && proto !== LiveView.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (seen.has(name)) continue
      seen.add(name)
      if (descriptor.get) computed.push({ name, get: descriptor.get })
    }
  }
  computedByClass.set(ctor, computed)
  return computed
}

/**
 * Memoizes every getter of `view` (computed values, `_` ones included) until the returned
 * function is called: during a render a computed value runs once, even when other getters and
 * loops read it many times. The memo lives in non-enumerable own properties, so it is never state.
 */
export function memoizeComputed(view: LiveView): () => void {
  const installed: string[] = []
  for (const { name, get } of computedOf(view)) {
    // A state field of the same name shadows the getter already.
    if (Object.prototype.hasOwnProperty.call(view, name)) continue
    Object.defineProperty(view, name, {
      configurable: true,
      enumerable: false,
      get() {
        const value = get.call(view)
        Object.defineProperty(view, name, { value, configurable: true, enumerable: false, writable: true })
        return value
      },
    })
    installed.push(name)
  }
  return () => {
    for (const name of installed) delete (view as unknown as Record<string, unknown>)[name]
  }
}

/**
 * The template context of `view`: `extra` (what liveloom provides, such as `streams`), its
 * non-`_` fields, and its non-`_` getters evaluated on first use (use with {@link memoizeComputed}
 * so getters that read each other run once too).
 */
export function templateContext(view: LiveView, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const context: Record<string, unknown> = Object.create(null)
  // Names liveloom provides (`streams`) come first; a field of the same name hides them.
  Object.assign(context, extra)
  for (const key of Object.keys(view)) {
    if (!key.startsWith('_')) context[key] = (view as unknown as Record<string, unknown>)[key]
  }
  for (const { name } of computedOf(view)) {
    if (name in context || name.startsWith('_')) continue
    Object.defineProperty(context, name, {
      configurable: true,
      enumerable: true,
      get() {
        const value = (view as unknown as Record<string, unknown>)[name]
        Object.defineProperty(context, name, { value, enumerable: true })
        return value
      },
    })
  }
  return context
}
