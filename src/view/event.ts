/**
 * The `@event()` decorator: the allow-list of methods the browser may call. A view method without
 * it cannot be reached from a frame, whatever its name.
 */

import { LiveloomError } from '../errors.js'
import { isStandardSchema, type StandardSchemaV1 } from './standard-schema.js'
import { methodDecorator, type MethodDecorator } from './method-decorator.js'

/** Options of {@link event}. */
export interface EventOptions {
  /**
   * A Standard Schema validator (valibot, zod, arktype...) for the event's parameters. The handler
   * receives the validator's output; a payload that fails it is answered with
   * `LIVELOOM_ERR_EVENT_PARAMS` and the handler does not run. Default: none (the handler receives
   * the raw parameters: strings, numbers, booleans, arrays and objects from the browser).
   */
  params?: StandardSchemaV1
}

/** What a method is registered with. */
export interface EventRegistration {
  params?: StandardSchemaV1
}

// Keyed by the method function itself, so the mark survives subclassing and needs neither
// decorator metadata (absent on Node 20) nor a per-class table.
const registered = new WeakMap<Function, EventRegistration>()

/** A decorator usable both as a standard (TC39) and as a legacy (`experimentalDecorators`) one. */
export type EventDecorator = MethodDecorator

/**
 * Marks a view method as an event handler the browser may call by name (`lv-click="increment"`).
 * Handlers may be async. The handler receives the event's parameters (validated by
 * `options.params` when given).
 *
 * @example
 * ```ts
 * @event() increment() { this.count++ }
 * @event({ params: v.object({ id: v.string() }) }) remove({ id }) { ... }
 * ```
 */
export function event(options: EventOptions = {}): EventDecorator {
  if (typeof options !== 'object' || options === null) {
    throw new LiveloomError('LIVELOOM_ERR_EVENT_OPTIONS', `@event(options): options must be an object, got ${options === null ? 'null' : typeof options}`)
  }
  if (options.params !== undefined && !isStandardSchema(options.params)) {
    throw new LiveloomError(
      'LIVELOOM_ERR_EVENT_OPTIONS',
      '@event({ params }): params must be a Standard Schema validator (valibot, zod, arktype...)',
    )
  }
  const registration: EventRegistration = options.params ? { params: options.params } : {}
  return methodDecorator('@event()', 'LIVELOOM_ERR_EVENT_OPTIONS', (fn) => registered.set(fn, registration))
}

/** The registration of `fn` when it is an `@event()` handler. */
export function eventRegistration(fn: Function): EventRegistration | undefined {
  return registered.get(fn)
}
