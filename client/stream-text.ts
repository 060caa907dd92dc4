/**
 * Text streams (`frame.stream`): text and nodes written into stream targets while a handler runs,
 * and the classes that say whether a target is streaming or failed. Targets are `lv-stream`
 * elements, whose children the server never diffs, so their content needs no undo; their
 * classes and `data-lv-error` are on an element of the server's tree, so they are lasting local
 * changes (client/feedback.ts), undone around every frame's ops.
 */
import { Attr, StreamClass, StreamOp, TextMode, type StreamWireOp } from '../src/protocol/frames.js'
import type { WireNode } from '../src/protocol/ops.js'
import type { Change } from './feedback.js'
import { ClientName } from './names.js'

/** The first `lv-stream="<name>"` element in `container`, if any. */
export function streamNamed(container: Element, name: string): Element | undefined {
  // Compared, not put in a selector: any name works, with no escaping.
  return Array.from(container.querySelectorAll(`[${Attr.STREAM}]`)).find((el) => el.getAttribute(Attr.STREAM) === name)
}

/** A stream op's target in `container`: a selector when it starts with `#`, `.` or `[`, else a stream name. */
export function streamTarget(container: Element, target: string): Element | null | undefined {
  if (!/^[#.[]/.test(target)) return streamNamed(container, target)
  try {
    return container.querySelector(target)
  } catch {
    // Not a valid selector: an unknown target.
    return null
  }
}

/** Writes `text` into `el` as text, never HTML. Appends and prepends grow the edge text node, so a long stream stays one node. */
function write(el: Element, mode: number, text: string): void {
  if (mode === TextMode.REPLACE) return void (el.textContent = text)
  const prepend = mode === TextMode.PREPEND
  const edge = prepend ? el.firstChild : el.lastChild
  if (edge?.nodeType !== 3) el[prepend ? 'prepend' : 'append'](text)
  else if (prepend) (edge as Text).insertData(0, text)
  else (edge as Text).appendData(text)
}

/** What a target shows besides its content: streaming, and the message of its last failure. */
interface Shown {
  active?: boolean
  error?: string
}

function restore(el: Element, name: string, value: string | null): void {
  if (value === null) el.removeAttribute(name)
  else el.setAttribute(name, value)
}

/** The local change that shows `shown` on whatever element `target` names when it is made (after a render, the new one). */
function showing(container: Element, target: string, shown: Shown): Change {
  return () => {
    const el = streamTarget(container, target)
    if (!el) return
    const cls = el.getAttribute('class')
    const message = el.getAttribute(ClientName.STREAM_ERROR)
    if (shown.active) el.classList.add(StreamClass.ACTIVE)
    if (shown.error !== undefined) {
      el.classList.add(StreamClass.ERROR)
      el.setAttribute(ClientName.STREAM_ERROR, shown.error)
    }
    return () => {
      restore(el, 'class', cls)
      restore(el, ClientName.STREAM_ERROR, message)
    }
  }
}

/**
 * The text-stream op applier of `container`: nodes are built by `build`, lasting changes kept by
 * `keep` (InFlight.keep) under the target's string, so they follow the target across renders.
 * Returns, for each op, the element whose content it changed (TEXT, HTML), or nothing (a class
 * op, or an unknown target: ignored).
 */
export function textStreams(
  container: Element,
  build: (spec: WireNode) => Node,
  keep: (key: string, changes: Change[]) => void,
): (op: StreamWireOp) => Element | undefined {
  const shown = new Map<string, Shown>()
  return (op) => {
    const target = op[1]
    const el = streamTarget(container, target)
    if (!el) return
    if (op[0] === StreamOp.TEXT) write(el, op[2], op[3])
    else if (op[0] === StreamOp.HTML) el.replaceChildren(...op[2].map(build))
    else {
      // START clears a failure; DONE keeps it; ERROR records its message. The content stays.
      const now: Shown = op[0] === StreamOp.START ? { active: true } : { error: op[0] === StreamOp.ERROR ? op[2] : shown.get(target)?.error }
      shown.set(target, now)
      keep(target, now.active || now.error !== undefined ? [showing(container, target, now)] : [])
      return
    }
    return el
  }
}
