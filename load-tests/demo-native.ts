/**
 * `npm start` until the gateway exists: renders the 100-item list page, changes it a few ways,
 * and prints what the engine sends the browser for each change.
 */
import * as native from '../native/index.js'
import { makeItems, renderList, withInserted, withPrice } from './fixtures/list-page.js'

const items = makeItems(100)
const page = renderList(items)
const snapshot = native.parse(page)
console.log(`liveloom native engine: the 100-item list page is ${Buffer.byteLength(page)} bytes of HTML, a ${snapshot.byteLength}-byte snapshot.\n`)

const changes: [string, string][] = [
  ['one price changed', renderList(withPrice(items, 57, '$9.99'))],
  ['a row inserted in the middle', renderList(withInserted(items, 50))],
  ['the counter in the heading bumped', renderList(items, 1)],
  ['nothing changed', page],
]
for (const [what, html] of changes) {
  const { ops, count } = native.diff(snapshot, html)
  const shown = ops.length > 300 ? `${ops.slice(0, 300)}… (${ops.length} bytes)` : ops
  console.log(`${what}: ${count} op(s), ${Buffer.byteLength(ops)} bytes\n  ${shown}\n`)
}
const reversed = native.diff(snapshot, renderList(items.slice().reverse()))
console.log(`the list reversed: ${reversed.count} move ops, ${Buffer.byteLength(reversed.ops)} bytes`)
