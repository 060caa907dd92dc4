/** Helpers for comparing trees in the wire node format. */
import type { WireNode } from '../../src/protocol/ops.js'

/**
 * The node with every element's attributes sorted by name: attribute order is not part of DOM
 * equality (`isEqualNode` ignores it), and `setAttribute` appends new attributes at the end.
 */
export function sortAttrs(node: WireNode): WireNode {
  if (typeof node === 'string' || node[0] === '!') return node
  const [name, attrs, kids, ns] = node as [string, string[]?, WireNode[]?, number?]
  const pairs: [string, string][] = []
  for (let i = 0; attrs && i < attrs.length; i += 2) pairs.push([attrs[i], attrs[i + 1]])
  pairs.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))
  const out: [string, string[]?, WireNode[]?, number?] = [name]
  if (attrs !== undefined) out.push(pairs.flat())
  if (kids !== undefined) out.push(kids.map(sortAttrs))
  if (ns !== undefined) out.push(ns)
  return out as WireNode
}
