/**
 * Finds and calls `@event()` handlers for event names that come from the browser (hostile input).
 */

import { LiveloomError } from '../src/errors.js'
import { eventRegistration } from '../src/view/event.js'
import { LiveView } from '../src/view/live-view.js'
import { issuePath } from '../src/view/standard-schema.js'
import { TARGET_PARAM, type EventParams } from '../src/protocol/frames.js'

/** A handler ready to call. */
export interface Handler {
  fn: (this: LiveView, params: unknown) => unknown
  name: string
  /**
   * Validates `params` with the handler's schema (none: passes them through). When `warn` is
   * given (development mode), param names the schema dropped are reported through it.
   */
  validate: (params: EventParams, warn?: (message: string) => void) => Promise<unknown>
}

/**
 * The `@event()` handler named `name` on `view`. Walks property descriptors rather than reading
 * `view[name]`, so a name can never trigger a getter (`__proto__` included) or call anything
 * unmarked; names of `Object.prototype` members are found too, and refused as not allowed.
 * Throws `LIVELOOM_ERR_EVENT_UNKNOWN` or `LIVELOOM_ERR_EVENT_NOT_ALLOWED`.
 */
export function findHandler(view: LiveView, viewName: string, name: string): Handler {
  for (let proto = Object.getPrototypeOf(view); proto; proto = Object.getPrototypeOf(proto)) {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name)
    if (!descriptor) continue
    const fn = descriptor.value
    const registration = typeof fn === 'function' ? eventRegistration(fn) : undefined
    if (!registration) {
      throw new LiveloomError(
        'LIVELOOM_ERR_EVENT_NOT_ALLOWED',
        `${viewName}.${name} is not an event handler: mark the method with @event() to let the browser call it`,
        { details: { view: viewName, event: name } },
      )
    }
    const schema = registration.params
    return {
      fn,
      name,
      validate: schema
        ? async (params, warn) => {
            const result = await schema['~standard'].validate(params)
            if (result.issues) {
              const issues = result.issues.map((issue) => (issuePath(issue) ? `${issuePath(issue)}: ${issue.message}` : issue.message))
              throw new LiveloomError('LIVELOOM_ERR_EVENT_PARAMS', `${viewName}.${name}: invalid parameters: ${issues.join('; ')}`, {
                fault: 'network',
                details: { view: viewName, event: name, issues },
              })
            }
            if (warn) warnUnknownParams(params, result.value, `${viewName}.${name}`, warn)
            return result.value
          }
        : async (params) => params,
    }
  }
  throw new LiveloomError(
    'LIVELOOM_ERR_EVENT_UNKNOWN',
    `${viewName} has no event handler named ${JSON.stringify(name)}: check the lv-* attribute in the template, or add an @event() method`,
    { details: { view: viewName, event: name } },
  )
}

/** Params the client adds by itself (field value, checkbox state, key name, changed field). */
const AUTOMATIC_PARAMS = new Set(['value', 'checked', 'key', TARGET_PARAM])

/**
 * Reports params the schema does not know. Standard Schema exposes no shape, so "unknown" means
 * what the schema dropped: a key of the input object missing from the output object (object
 * schemas of valibot and zod strip unknown keys). The keys the client adds to every payload of
 * their kind (`value`, `checked`, `key`, `_target`) are not reported: a schema that ignores them
 * is normal.
 */
function warnUnknownParams(input: EventParams, output: unknown, handler: string, warn: (message: string) => void): void {
  if (typeof output !== 'object' || output === null || Array.isArray(output)) return
  const unknown = Object.keys(input).filter((key) => !AUTOMATIC_PARAMS.has(key) && !(key in output))
  if (unknown.length > 0) {
    warn(`${handler}: the browser sent params the handler's schema does not know, and they were dropped: ${unknown.join(', ')} (check the data-* / lv-value-* attributes and field names, or add them to the schema)`)
  }
}
