/**
 * Event parameters read from the DOM: `data-*` attributes, form control values and whole forms.
 * Values stay strings as the DOM has them; the view validates and converts.
 */
import type { EventParams } from '../src/protocol/frames.js'

/** Our own `data-lv-*` attributes, as `dataset` names them (`data-lv-token` → `lvToken`). */
const OWN_DATA = /^lv([A-Z]|$)/

/** A form control's element. */
type Field = HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement

/**
 * Every `data-*` attribute of `el`, camelCased by `dataset` (`data-item-id="5"` → `itemId: "5"`),
 * except our own `data-lv-*`.
 */
export function dataParams(el: Element): EventParams {
  const params: EventParams = {}
  const data = (el as HTMLElement).dataset
  for (const key in data) if (!OWN_DATA.test(key)) params[key] = data[key]!
  return params
}

/**
 * Adds a form control's state to `params`: `value` (an array of the selected values for
 * `<select multiple>`), and `checked` for checkboxes and radios. Other elements add nothing.
 */
export function addFieldParams(el: Element, params: EventParams): EventParams {
  const field = el as Field
  const tag = field.localName
  if (tag === 'select' && field.multiple) {
    params.value = Array.from(field.options, (o) => (o.selected ? o.value : null)).filter((v) => v !== null)
  } else if (tag === 'input' || tag === 'select' || tag === 'textarea') {
    params.value = field.value
    const type = (el as HTMLInputElement).type
    if (type === 'checkbox' || type === 'radio') params.checked = field.checked
  }
  return params
}

/**
 * A form's fields as the browser would submit them (`FormData`, with the submit button that was
 * used), names that occur more than once collected into arrays. A file field gives its file's name.
 */
export function formFields(form: HTMLFormElement, submitter?: HTMLElement | null): EventParams {
  // The form's own window's FormData: a happy-dom form is not a form to Node's FormData.
  const win = form.ownerDocument.defaultView as Window & typeof globalThis
  const fields: EventParams = {}
  new win.FormData(form, submitter).forEach((entry, name) => {
    const value = typeof entry === 'string' ? entry : entry.name
    const seen = Object.hasOwn(fields, name) ? fields[name] : undefined
    if (seen === undefined) fields[name] = value
    else if (Array.isArray(seen)) seen.push(value)
    else fields[name] = [seen, value]
  })
  return fields
}
