/**
 * Temporary assigns: fields reset after every render (`static temporaryAssigns`).
 */

import { LiveloomError } from '../errors.js'
import type { LiveView } from './live-view.js'

const checked = new WeakSet<Function>()

/** The view class's temporary assigns, checked once per class. */
function temporaryAssignsOf(View: Function, viewName: string): Record<string, unknown> | undefined {
  const assigns: unknown = (View as { temporaryAssigns?: unknown }).temporaryAssigns
  if (assigns === undefined || checked.has(View)) return assigns as Record<string, unknown> | undefined
  if (typeof assigns !== 'object' || assigns === null || Array.isArray(assigns)) {
    throw new LiveloomError('LIVELOOM_ERR_VIEW_INVALID', `${viewName}.temporaryAssigns must be an object of field defaults, like { messages: [] }`)
  }
  for (const key of Object.keys(assigns)) {
    try {
      structuredClone((assigns as Record<string, unknown>)[key])
    } catch {
      throw new LiveloomError('LIVELOOM_ERR_VIEW_INVALID', `${viewName}.temporaryAssigns.${key} must be data (structuredClone-able)`)
    }
  }
  checked.add(View)
  return assigns as Record<string, unknown>
}

/** Resets `view`'s temporary assigns to fresh copies of their defaults (after a render). */
export function resetTemporaryAssigns(view: LiveView, viewName: string): void {
  const assigns = temporaryAssignsOf(view.constructor, viewName)
  if (!assigns) return
  for (const key of Object.keys(assigns)) {
    Object.defineProperty(view, key, { value: structuredClone(assigns[key]), writable: true, enumerable: true, configurable: true })
  }
}
