/**
 * `liveloom/testing` on the examples: mount, push events, read HTML and state, no browser.
 */

import test from 'ava'
import { mountView } from '../src/testing/index.js'

const EXAMPLES = new URL('../examples/', import.meta.url)
const templatesDir = new URL('templates', EXAMPLES).pathname
const counterModule = new URL('views/counter.ts', EXAMPLES)
const itemsModule = new URL('views/items.ts', EXAMPLES)

test('counter: mount, push, read state, HTML, ops and mount effects', async (t) => {
  const view = await mountView(counterModule, { templatesDir })
  t.deepEqual(view.mountEffects, [['title', 'Counter · liveloom']])
  t.deepEqual(view.state, { count: 0 })
  const pushed = await view.push('increment')
  t.deepEqual(view.state, { count: 1 })
  t.deepEqual(pushed.effects, [])
  t.true(pushed.ops.length > 0)
  t.regex(view.html, /<strong id="count">1<\/strong> \(doubled: <span id="doubled">2<\/span>\)/)
  await view.push('decrement')
  await view.push('decrement')
  t.is(view.state.count, -1)
})

test('items: filter as you type, filter by status, delete by data-item-id', async (t) => {
  const view = await mountView(itemsModule, { templatesDir })
  t.regex(view.html, /<p id="summary">200 items<\/p>/)
  await view.push('filterText', { value: 'AMBER' })
  t.regex(view.html, /<p id="summary">20 items<\/p>/)
  await view.push('filterStatus', { value: 'pending' })
  const pending = (view.html.match(/class="status-pending"/g) ?? []).length
  t.regex(view.html, new RegExp(`<p id="summary">${pending} items</p>`))
  t.is((view.html.match(/<tr lv-key=/g) ?? []).length, pending)
  const firstId = Number(/<tr lv-key="(\d+)"/.exec(view.html)![1])
  const removed = await view.push('remove', { itemId: String(firstId) })
  t.deepEqual(view.state.deleted, [firstId])
  // The summary text changes; the first row and the whitespace after it go.
  t.deepEqual(removed.ops, [[0, [2, 5, 0], `${pending - 1} items`], [5, [2, 7, 3, 2]], [5, [2, 7, 3, 1]]])
  t.regex(view.html, new RegExp(`<p id="summary">${pending - 1} items</p>`))
  await view.push('restore')
  t.deepEqual(view.state.deleted, [])
})

test('failures throw the coded error the browser would get, and keep state', async (t) => {
  const view = await mountView(itemsModule, { templatesDir })
  await view.push('filterText', { value: 'x' })
  await t.throwsAsync(view.push('remove', { itemId: 'seven' }), { code: 'LIVELOOM_ERR_EVENT_PARAMS' } as never)
  await t.throwsAsync(view.push('filterStatus', { value: 'deleted' }), { code: 'LIVELOOM_ERR_EVENT_PARAMS' } as never)
  await t.throwsAsync(view.push('nope'), { code: 'LIVELOOM_ERR_EVENT_UNKNOWN' } as never)
  t.like(view.state, { search: 'x', status: 'all', deleted: [] })
})

test('a module that is not a view is refused with a coded error', async (t) => {
  await t.throwsAsync(mountView(new URL('../examples/data/items.ts', import.meta.url)), { code: 'LIVELOOM_ERR_VIEW_INVALID' } as never)
  await t.throwsAsync(mountView(new URL('../examples/views/missing.ts', import.meta.url)), { code: 'LIVELOOM_ERR_VIEW_LOAD' } as never)
})
