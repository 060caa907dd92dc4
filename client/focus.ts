/**
 * What the user is doing must survive a patch: the focused control keeps focus, its typed value
 * and its selection, while every other control shows the server's state. Browsers keep a
 * control's value apart from its `value` attribute once the user has edited it, so an attribute
 * change alone would not show on the page (nor would a `checked` or `selected` change); the hook
 * here makes the properties follow, except the focused control's value.
 */
import type { OpHook } from './patch.js'

/** Input types whose value is not text the user types (their `value` property is the attribute). */
const NOT_TYPED = /^(button|checkbox|file|hidden|image|radio|reset|submit)$/

type Field = HTMLInputElement & HTMLTextAreaElement

/** Whether `el` is a control the user types a value into: a textarea or a text-like input. */
function typedInto(el: Element): el is Field {
  return el.localName === 'textarea' || (el.localName === 'input' && !NOT_TYPED.test((el as Field).type))
}

/** Child indexes from `container` down to `node`. */
function pathOf(container: Node, node: Node): number[] {
  const path: number[] = []
  for (; node !== container; node = node.parentNode!) path.unshift(Array.prototype.indexOf.call(node.parentNode!.childNodes, node))
  return path
}

/** Whether `el` looks like `was`: same tag, `id` and `name`. */
function alike(node: Node | undefined, was: Element): node is Element {
  const el = node as Element | undefined
  return !!el && el.localName === was.localName && ['id', 'name'].every((n) => el.getAttribute(n) === was.getAttribute(n))
}

/**
 * Where the focused element `was` is after a patch: itself when still in the container (moved
 * or untouched), else its replacement: the element now at the same path when it is alike, else
 * the only alike element in the container (when `was` had an id or a name to tell it apart).
 */
function successor(container: Element, was: Element, path: number[]): Element | undefined {
  if (container.contains(was)) return was
  let node: Node | undefined = container
  for (const i of path) node = node?.childNodes[i]
  if (alike(node, was)) return node
  if (!was.hasAttribute('id') && !was.hasAttribute('name')) return undefined
  const twins = Array.from(container.getElementsByTagName(was.localName)).filter((el) => alike(el, was))
  return twins.length === 1 ? twins[0] : undefined
}

/**
 * Runs `change` (which patches or rebuilds the container's children, calling the hook it is
 * given after each op) and keeps the focused control's focus, typed value and selection across
 * it. A focused element that the change replaced, or moved (which blurs it), is focused again.
 */
export function keepFocus(container: Element, change: (hook: OpHook) => void): void {
  const doc = container.ownerDocument
  const active = doc.activeElement
  const focused = active && active !== container && container.contains(active) ? (active as Field) : undefined
  const path = focused && pathOf(container, focused)
  const value = focused && typedInto(focused) ? focused.value : undefined
  // Null for input types without a selection (email, number, ...).
  const start = value === undefined ? null : focused!.selectionStart
  const { selectionEnd: end, selectionDirection: direction } = focused ?? {}
  change((node, attr) => {
    const el = node as Field & HTMLOptionElement
    if ((attr === 'checked' && el.localName === 'input') || (attr === 'selected' && el.localName === 'option')) el[attr] = el.hasAttribute(attr)
    else if (el !== focused && (attr === 'value' ? el.localName === 'input' && typedInto(el) : !attr && el.localName === 'textarea')) el.value = el.defaultValue
  })
  const el = focused && successor(container, focused, path!)
  if (!el) return
  const refocus = el !== doc.activeElement
  if (refocus) (el as Field).focus({ preventScroll: true })
  if (value !== undefined && typedInto(el) && (refocus || el.value !== value)) {
    if (el.value !== value) el.value = value
    if (start !== null && el.selectionStart !== null) el.setSelectionRange(start, end!, direction!)
  }
}
