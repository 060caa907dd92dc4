/**
 * The shared shape of liveloom's method decorators (`@event()`, `@debounce()`, `@throttle()`):
 * usable as standard (TC39) and as legacy (`experimentalDecorators`) decorators, marking the
 * method function itself so the mark survives subclassing without decorator metadata.
 */

import { LiveloomError } from '../errors.js'

/** A decorator usable both as a standard (TC39) and as a legacy (`experimentalDecorators`) one. */
export interface MethodDecorator {
  <T extends Function>(method: T, context: ClassMethodDecoratorContext): void
  (target: object, key: string | symbol, descriptor: PropertyDescriptor): void
}

/**
 * A decorator that calls `mark(fn)` with the decorated method. Anything but a method (a getter,
 * a field, a class) throws `code` naming the decorator `name` and the member.
 */
export function methodDecorator(name: string, code: string, mark: (fn: Function) => void): MethodDecorator {
  return ((method: unknown, contextOrKey: unknown, descriptor?: PropertyDescriptor): void => {
    // A standard decorator gets a context object (a getter is a function too: check its kind); a
    // legacy one gets the key and the property's descriptor (none for a field).
    const context = typeof contextOrKey === 'object' && contextOrKey !== null ? (contextOrKey as ClassMemberDecoratorContext) : undefined
    const fn = context ? (context.kind === 'method' ? method : undefined) : descriptor?.value
    if (typeof fn !== 'function') {
      const what = context ? `the ${context.kind} ${String(context.name)}` : String(contextOrKey)
      throw new LiveloomError(code, `${name} decorates methods only, not ${what}`)
    }
    mark(fn)
  }) as MethodDecorator
}
