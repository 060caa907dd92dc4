/**
 * The diff property, end to end through the addon: for random pairs of HTML A and B, applying
 * diff(parse(A), B) with the client's applier (client/patch.ts) to a DOM built from A's tree gives
 * a DOM equal, node for node, to one built from B's tree. Runs over happy-dom here; the same
 * property runs in headless Chromium in native-chromium.test.ts.
 */
import test from 'ava'
import { Window } from 'happy-dom'
import * as native from '../native/index.js'
import { applyOps, buildNode, readNode } from '../client/patch.js'
import type { WireNode, WireOp } from '../src/protocol/ops.js'
import { mutate, randomForest, Rng, toHtml } from './support/random-html.js'
import { makeItems, renderList, withInserted, withPrice } from '../load-tests/fixtures/list-page.js'
import { sortAttrs } from './support/wire-node.js'

const window = new Window()
const document = window.document as unknown as Document

function domFrom(snapshot: ArrayBuffer): Element {
  const container = document.createElement('div')
  for (const node of JSON.parse(native.toJson(snapshot)) as WireNode[]) container.appendChild(buildNode(document, node))
  return container
}

function treeOf(container: Element): WireNode[] {
  return Array.from(container.childNodes).map((n) => sortAttrs(readNode(n as unknown as Node)))
}

function checkPair(a: string, b: string): { ops: WireOp[] } {
  const snapA = native.parse(a)
  const dom = domFrom(snapA)
  const result = native.diff(snapA, b)
  const ops = JSON.parse(result.ops) as WireOp[]
  applyOps(dom, ops)
  const expected = (JSON.parse(native.toJson(result.snapshot)) as WireNode[]).map(sortAttrs)
  if (JSON.stringify(treeOf(dom)) !== JSON.stringify(expected)) {
    throw new Error(`mismatch\nA: ${a}\nB: ${b}\nops: ${result.ops}\ngot: ${JSON.stringify(treeOf(dom))}\nwant: ${JSON.stringify(expected)}`)
  }
  // The snapshot diff returns is exactly the snapshot of a fresh parse of B.
  if (Buffer.compare(Buffer.from(result.snapshot), Buffer.from(native.parse(b))) !== 0) throw new Error('diff snapshot differs from parse(B)')
  return { ops }
}

test('random HTML pairs: applying the ops to A yields B, node for node', (t) => {
  const rng = new Rng(20261122)
  let total = 0
  for (let round = 0; round < 1500; round++) {
    const forest = randomForest(rng, rng.below(6))
    const a = toHtml(forest)
    const b = round % 8 === 0 ? toHtml(randomForest(rng, rng.below(6))) : toHtml(mutate(rng, forest))
    total += checkPair(a, b).ops.length
    if (a === b) t.is(native.diff(native.parse(a), b).count, 0)
  }
  t.true(total > 1500, `the generator must produce real changes (got ${total} ops)`)
})

test('the list page: one price, one insert, a reversal, no change', (t) => {
  const items = makeItems(100)
  const page = renderList(items)
  t.is(checkPair(page, renderList(withPrice(items, 3, '$0.50'))).ops.length, 1)
  t.deepEqual(
    checkPair(page, renderList(withInserted(items, 50))).ops.map((o) => o[0]),
    [4, 4],
  )
  const reversed = checkPair(page, renderList(items.slice().reverse())).ops
  t.true(reversed.length > 0 && reversed.every((o) => o[0] === 6))
  t.is(checkPair(page, page).ops.length, 0)
})
