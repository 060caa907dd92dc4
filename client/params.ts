/**
 * Event parameters read from the DOM: `data-*` and `lv-value-*` attributes, form control values
 * and whole forms. Values stay strings as the DOM has them; the view validates and converts.
 */
import { Attr, TARGET_PARAM, type EventParams, type ParamValue } from '../src/protocol/frames.js'

/**
 * The attributes that are params: `data-*` except our own `data-lv` / `data-lv-*` (group 1), and
 * `lv-value-*` (group 2); the rest of the name is the key before camelCasing.
 */
const PARAM_ATTR = new RegExp(`^(?:data-(?!lv(?:-|$))(.+)|${Attr.VALUE_PREFIX}(.+))`)

/** Input types that are buttons: never typed into, never part of a form's data but as its submitter. */
export const BUTTON_TYPES = /^(submit|button|reset|image)$/

/** A form control's element. */
type Field = HTMLInputElement & HTMLSelectElement & HTMLTextAreaElement

/**
 * The explicit params of `el`: every `data-*` (except `data-lv-*`) and `lv-value-*` attribute,
 * camelCased as `dataset` does (`data-item-id="5"` and `lv-value-item-id="5"` → `itemId: "5"`).
 * On a conflict `lv-value-*` wins, wherever it stands among the attributes.
 */
export function dataParams(el: Element): EventParams {
  const params: EventParams = {}
  for (const { name, value } of Array.from(el.attributes)) {
    const m = PARAM_ATTR.exec(name)
    const key = m && (m[1] ?? m[2]).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())
    // A data-* never overwrites: it either came first (and lv-value-* overwrites it) or lost.
    if (key && (m[2] || !(key in params))) params[key] = value
  }
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
    params.value = selected(field)
  } else if (tag === 'input' || tag === 'select' || tag === 'textarea') {
    params.value = field.value
    const type = (el as HTMLInputElement).type
    if (type === 'checkbox' || type === 'radio') params.checked = field.checked
  }
  return params
}

function selected(select: HTMLSelectElement): string[] {
  return Array.from(select.selectedOptions, (o) => o.value)
}

/** A field name as a params key: `tags[]` → `tags`. */
const keyOf = (name: string): string => name.replace(/\[\]$/, '')

/**
 * A form's fields as the browser would submit them (`FormData`, with the submit button that was
 * used), names that occur more than once collected into arrays; a file field gives its file's
 * name. Checkbox groups (a name used by several checkboxes, or ending in `[]`, which the key
 * drops) and `<select multiple>` are arrays even when nothing or one thing is chosen, so the view
 * sees one shape.
 */
export function formFields(form: HTMLFormElement, submitter?: HTMLElement | null): EventParams {
  // The form's own window's FormData: a happy-dom form is not a form to Node's FormData.
  const win = form.ownerDocument.defaultView as Window & typeof globalThis
  const fields: EventParams = {}
  const boxes: Record<string, number> = {}
  const controls = Array.from(form.elements as unknown as HTMLInputElement[]).filter((f) => f.name && !f.disabled)
  for (const f of controls) if (f.type === 'checkbox') boxes[f.name] = (boxes[f.name] ?? 0) + 1
  for (const f of controls) {
    if (f.type === 'select-multiple' || boxes[f.name] > 1 || (f.name.endsWith('[]') && !BUTTON_TYPES.test(f.type))) fields[keyOf(f.name)] = []
  }
  new win.FormData(form, submitter).forEach((entry, name) => {
    const value = typeof entry === 'string' ? entry : entry.name
    const key = keyOf(name)
    const seen: ParamValue | undefined = Object.hasOwn(fields, key) ? fields[key] : undefined
    if (seen === undefined) fields[key] = value
    else if (Array.isArray(seen)) seen.push(value)
    else fields[key] = [seen, value]
  })
  return fields
}

/**
 * The params of a form event: `el`'s explicit params, the fields of `form` over them, and for
 * anything but a submit [[TARGET_PARAM]], the key of the field the event came from.
 */
export function formParams(el: Element, form: HTMLFormElement, event: Event): EventParams {
  const params = Object.assign(dataParams(el), formFields(form, (event as SubmitEvent).submitter))
  const name = (event.target as Field).name
  if (event.type !== 'submit' && name) params[TARGET_PARAM] = keyOf(name)
  return params
}
