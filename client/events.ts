/**
 * Event delegation: one listener per event type on the live container, so elements the patches
 * add need no wiring. A directive (`lv-click="save"`) names the handler; the nearest element
 * carrying it, from the event's target up to (not including) the container, is the one that
 * counts (for `lv-focus` / `lv-blur`, only the target itself: focus does not belong to
 * ancestors). Window keys and click-away listen on the window and the document and fire for every
 * element of the container that carries them.
 */
import { Attr, type EventParams } from '../src/protocol/frames.js'
import { addFieldParams, dataParams, formParams } from './params.js'

/** The container's directives by the DOM event type they listen to (focus and blur do not bubble: their `-in`/`-out` twins do). */
const DELEGATED: Record<string, string> = {
  click: Attr.CLICK,
  input: Attr.INPUT,
  change: Attr.CHANGE,
  submit: Attr.SUBMIT,
  keydown: Attr.KEYDOWN,
  keyup: Attr.KEYUP,
  focusin: Attr.FOCUS,
  focusout: Attr.BLUR,
}

/**
 * Called once per element a browser event triggers, with its handler names (in attribute order)
 * and the element the event came from inside it (its target; for window keys and click-away,
 * which come from elsewhere, the element itself).
 */
export type Fire = (el: Element, directive: string, names: string[], params: EventParams, event: Event, from: Element) => void

/** How a key filter names `event.key`: lower case (the HTML parser lowercases attribute names), space as `space`. */
function keyName(key: string | undefined): string | undefined {
  return key === ' ' ? 'space' : key?.toLowerCase()
}

/**
 * The handler names on `el` for `directive`: the plain one, and for key events each filtered one
 * (`lv-keydown.enter`) whose key is `key`.
 */
export function handlerNames(el: Element, directive: string, key?: string): string[] {
  const names: string[] = []
  const filtered = directive + '.'
  for (const { name, value } of Array.from(el.attributes)) {
    if (name === directive || (name.startsWith(filtered) && name.slice(filtered.length) === keyName(key))) names.push(value)
  }
  return names
}

/**
 * The params of an event on `el` (the element with the directive): the form's (see
 * [[formParams]]) when `el` is a form, the event is a submit, or `el` is a field with `lv-change`
 * whose form has `lv-change` too; else `el`'s explicit params and, for a form control, its value.
 * Key events add `key` and the target's value when the target is a form control.
 */
export function eventParams(el: Element, event: Event): EventParams {
  const key = (event as KeyboardEvent).key
  const owner = (el as HTMLInputElement).form
  const form =
    event.type === 'submit' ? event.target : el.localName === 'form' ? el : event.type === 'change' && owner?.hasAttribute(Attr.CHANGE) ? owner : null
  const params = form ? formParams(el, form as HTMLFormElement, event) : addFieldParams(el, dataParams(el))
  if (key !== undefined) addFieldParams(event.target as Element, Object.assign(params, { key }))
  return params
}

/** Listens on `container` (and its window and document) and calls `fire` for each element a browser event triggers. */
export function delegateEvents(container: Element, fire: Fire): void {
  const doc = container.ownerDocument
  const trigger = (el: Element, directive: string, names: string[], event: Event, from = event.target as Element): void => {
    if (directive === Attr.SUBMIT) event.preventDefault()
    fire(el, directive, names, eventParams(el, event), event, from)
  }
  for (const type in DELEGATED) {
    const directive = DELEGATED[type]
    const own = type.startsWith('focus')
    container.addEventListener(type, (event) => {
      const key = (event as KeyboardEvent).key
      for (let el = event.target as Element | null; el && el !== container; el = own ? null : el.parentElement) {
        const names = handlerNames(el, directive, key)
        if (names.length) return trigger(el, directive, names, event)
      }
    })
  }
  // Every carrier in the container fires, inside or outside the event's path.
  const everywhere = (target: EventTarget, directive: string, type: string, away?: boolean): void =>
    target.addEventListener(type, (event) => {
      const key = keyName((event as KeyboardEvent).key)
      // `[lv-window-keydown\.enter]`: the escapes keep any key name a valid selector.
      const filtered = key ? `,[${directive}\\.${key.replace(/[^\w-]/g, '\\$&')}]` : ''
      container.querySelectorAll(`[${directive}]${filtered}`).forEach((el) => {
        if (!away || !el.contains(event.target as Node)) trigger(el, directive, handlerNames(el, directive, (event as KeyboardEvent).key), event, el)
      })
    })
  everywhere(doc.defaultView!, Attr.WINDOW_KEYDOWN, 'keydown')
  everywhere(doc.defaultView!, Attr.WINDOW_KEYUP, 'keyup')
  everywhere(doc, Attr.CLICK_AWAY, 'click', true)
}
