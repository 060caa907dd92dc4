/**
 * The object a view's template renders: its state fields and computed getters, without `_`
 * fields and without methods (mustache would call methods as lambdas).
 */

import { LiveView } from './live-view.js'

// Getter names per view class, found once by walking the prototype chain up to LiveView.
const gettersByClass = new WeakMap<Function, string[]>()

function getterNames(view: LiveView): string[] {
  const ctor = view.constructor
  let names = gettersByClass.get(ctor)
  if (names) return names
  names = []
  for (let proto = Object.getPrototypeOf(view); proto && proto !== LiveView.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (descriptor.get && !name.startsWith('_') && !names.includes(name)) names.push(name)
    }
  }
  gettersByClass.set(ctor, names)
  return names
}

/**
 * The template context of `view`. Getters are evaluated on first use and memoized for this
 * render, so a computed value used inside a loop runs once.
 */
export function templateContext(view: LiveView): Record<string, unknown> {
  const context: Record<string, unknown> = Object.create(null)
  for (const key of Object.keys(view)) {
    if (!key.startsWith('_')) context[key] = (view as unknown as Record<string, unknown>)[key]
  }
  for (const name of getterNames(view)) {
    if (name in context) continue
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
