/**
 * Streams: text streamed into `lv-stream` targets while a handler runs (client/stream-text.ts),
 * collection streams placed by the frame's `items` (client/collections.ts), `lv-autoscroll`,
 * and streamed content kept across renders. A separate module that the core loads when the page
 * has an `[lv-stream]` element or a frame carries `stream` or `items`, holding frames (in order)
 * while it loads. Everything it needs from the core comes in [[StreamsHost]]: it imports nothing
 * of the core (no chunk shared by both).
 */
import { Attr, type CollectionUpdate, type DiffFrame, type ReplyFrame } from '../src/protocol/frames.js'
import type { WireNode } from '../src/protocol/ops.js'
import { placeItems } from './collections.js'
import type { Change } from './feedback.js'
import type { ChildrenHook } from './patch.js'
import { streamNamed, textStreams } from './stream-text.js'

/** What the core gives the streams module. */
export interface StreamsHost {
  container: Element
  /** patch.ts's node builder (scripts inert). */
  buildNode(doc: Document, spec: WireNode): Node
  /** InFlight.keep: lasting local changes, undone around every frame's ops. */
  keep(key: string, changes: Change[]): void
}

/** What the core calls in the streams module. */
export interface Streams {
  /**
   * Applies a frame: its text-stream ops, then `patch` (which applies its ops, offering each
   * `UPDATE_CHILDREN` to the hook it is given), then the collection updates no op placed; and
   * keeps the `lv-autoscroll` elements that were scrolled to the bottom there when it changed
   * their content.
   */
  frame(f: ReplyFrame | DiffFrame, patch: (children?: ChildrenHook) => void): void
  /** Runs `build` (which replaces the container's children) and moves the content of each `lv-stream` element into the new one of the same name. */
  render(build: () => void): void
}

/** Whether `el` is scrolled to its bottom, within 4 px (zoom makes fractional offsets). */
const atBottom = (el: Element): boolean => el.scrollHeight - el.scrollTop - el.clientHeight <= 4

/** HTML whitespace only: the engine leaves it out of append containers, and so does the client. */
const BLANK = /^[\t\n\f\r ]*$/

/** Starts the streams of `host.container`. */
export function startStreams({ container, buildNode, keep }: StreamsHost): Streams {
  const build = (spec: WireNode): Node => buildNode(container.ownerDocument, spec)
  const text = textStreams(container, build, keep)
  return {
    frame({ stream, items = {} }, patch) {
      if (!stream && !Object.keys(items).length) return patch()
      // Read before anything changes: one layout for all of them.
      const following = Array.from(container.querySelectorAll(`[${Attr.AUTOSCROLL}]`)).filter(atBottom)
      const changed: Element[] = []
      stream?.forEach((op) => {
        const el = text(op)
        if (el) changed.push(el)
      })
      const pending = new Map<string, CollectionUpdate>(Object.entries(items))
      patch((el, specs) => {
        const name = el.getAttribute(Attr.STREAM)!
        const update = pending.get(name)
        if (!update) return false
        pending.delete(name)
        const nodes = specs.filter((s) => typeof s !== 'string' || !BLANK.test(s)).map(build)
        placeItems(el, update, nodes)
        if (nodes.length) changed.push(el)
        return true
      })
      // Deletes, resets and limits of a render that added nothing: no op named the container.
      pending.forEach((update, name) => {
        const el = streamNamed(container, name)
        if (el) placeItems(el, update, [])
      })
      following.forEach((el) => changed.some((c) => el.contains(c)) && (el.scrollTop = el.scrollHeight))
    },
    render(rebuild) {
      const kept = new Map<string, ChildNode[]>()
      let outer: Element | undefined
      container.querySelectorAll(`[${Attr.STREAM}]`).forEach((el) => {
        // A stream inside another's content travels with it.
        if (outer?.contains(el)) return
        outer = el
        const name = el.getAttribute(Attr.STREAM)!
        if (!kept.has(name)) kept.set(name, Array.from(el.childNodes))
      })
      rebuild()
      kept.forEach((nodes, name) => streamNamed(container, name)?.append(...nodes))
    },
  }
}
