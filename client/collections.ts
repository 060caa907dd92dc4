/**
 * Collection streams: a render's new children of an `lv-stream` container, placed by the frame's
 * [[CollectionUpdate]] instead of appended (the container's children are the client's: the
 * server never diffs them, so placing them freely keeps the DOM equal to the server's tree).
 */
import type { CollectionUpdate } from '../src/protocol/frames.js'

function byId(el: Element, id: string | null): Element | undefined {
  return id === null ? undefined : Array.from(el.children).find((c) => c.getAttribute('id') === id)
}

/**
 * Applies `update` to container `el` with the op's built `nodes` (whitespace-only text already
 * dropped): `reset` empties it; each node whose `id` is a child's replaces that child in place,
 * any other goes before the element child at its `at` index then (the end when -1, absent or
 * past the last); then the `del` ids are removed, and `limit` keeps the first (positive) or last
 * (negative) |limit| element children.
 */
export function placeItems(el: Element, update: CollectionUpdate, nodes: Node[]): void {
  if (update.reset) el.replaceChildren()
  const at = new Map(update.at)
  for (const node of nodes) {
    const id = node.nodeType === 1 ? (node as Element).getAttribute('id') : null
    const old = byId(el, id)
    const i = at.get(id!) ?? -1
    if (old) el.replaceChild(node, old)
    else el.insertBefore(node, (i >= 0 && el.children[i]) || null)
  }
  update.del?.forEach((id) => byId(el, id)?.remove())
  const { limit } = update
  if (limit !== undefined) {
    const children = Array.from(el.children)
    // slice(0, -3) is all but the last 3 (none when there are fewer): those go.
    ;(limit < 0 ? children.slice(0, limit) : children.slice(limit)).forEach((c) => c.remove())
  }
}
