/**
 * Event delegation: one listener per event type on the live container, so elements the patches
 * add need no wiring. A directive (`lv-click="save"`) names the handler; the nearest element
 * carrying it, from the event's target up to (not including) the container, is the one that
 * counts.
 */
import { Attr, type EventParams } from '../src/protocol/frames.js'
import { addFieldParams, dataParams, formFields } from './params.js'

/** The directives; each one's event type is its name without `lv-` (`lv-keydown` → `keydown`). */
const DIRECTIVES = [Attr.CLICK, Attr.INPUT, Attr.CHANGE, Attr.SUBMIT, Attr.KEYDOWN, Attr.KEYUP]

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
 * The params of an event on `el` (the element with the directive): its `data-*` params, plus the
 * form's fields (over them) when `el` is a form or the event is a submit, else `el`'s value when
 * it is a form control; key events add `key` and the target's value when the target is a form
 * control.
 */
export function eventParams(el: Element, event: Event): EventParams {
  const key = (event as KeyboardEvent).key
  const form = (event.type === 'submit' ? event.target : el) as HTMLFormElement
  const params = form.localName === 'form' ? Object.assign(dataParams(el), formFields(form, (event as SubmitEvent).submitter)) : addFieldParams(el, dataParams(el))
  if (key !== undefined) addFieldParams(event.target as Element, Object.assign(params, { key }))
  return params
}

/** Listens on `container` and calls `push` once per handler a browser event triggers. */
export function delegateEvents(container: Element, push: (name: string, params: EventParams) => void): void {
  for (const directive of DIRECTIVES) {
    container.addEventListener(directive.slice(3), (event) => {
      const key = (event as KeyboardEvent).key
      for (let el = event.target as Element | null; el && el !== container; el = el.parentElement) {
        const names = handlerNames(el, directive, key)
        if (!names.length) continue
        if (directive === Attr.SUBMIT) event.preventDefault()
        const params = eventParams(el, event)
        for (const name of names) push(name, params)
        return
      }
    })
  }
}
