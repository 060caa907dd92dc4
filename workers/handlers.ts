/**
 * Finds and calls `@event()` handlers for event names that come from the browser (hostile input).
 */

import { LiveloomError } from '../src/errors.js'
import { eventRegistration } from '../src/view/event.js'
import { LiveView } from '../src/view/live-view.js'
import { issuePath } from '../src/view/standard-schema.js'
import type { EventParams } from '../src/protocol/frames.js'

/** A handler ready to call. */
export interface Handler {
  fn: (this: LiveView, params: unknown) => unknown
  name: string
  validate: (params: EventParams) => Promise<unknown>
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
        ? async (params) => {
            const result = await schema['~standard'].validate(params)
            if (result.issues) {
              const issues = result.issues.map((issue) => (issuePath(issue) ? `${issuePath(issue)}: ${issue.message}` : issue.message))
              throw new LiveloomError('LIVELOOM_ERR_EVENT_PARAMS', `${viewName}.${name}: invalid parameters: ${issues.join('; ')}`, {
                fault: 'network',
                details: { view: viewName, event: name, issues },
              })
            }
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
