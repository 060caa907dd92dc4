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

test('todos: add, toggle, edit in place, delete, filter; counts are computed', async (t) => {
  const view = await mountView(new URL('views/todos.ts', EXAMPLES), { templatesDir })
  const counts = (): string => /<p id="counts">(.*?)<\/p>/.exec(view.html)![1]!.replace(/<[^>]+>/g, '')
  t.is(counts(), '1 left, 1 done')
  await view.push('add', { title: '  Ship it  ' })
  t.is(counts(), '2 left, 1 done')
  t.deepEqual((view.state.todos as Array<{ title: string }>).map((todo) => todo.title), ['Read the liveloom tour', 'Write a view', 'Ship it'])
  await t.throwsAsync(view.push('add', { title: '   ' }), { code: 'LIVELOOM_ERR_EVENT_PARAMS', message: /write something first/ } as never)
  const toggled = await view.push('toggle', { id: '3', value: 'on', checked: true })
  t.deepEqual(toggled.effects, [], 'value and checked come with every checkbox and are not reported')
  t.is(counts(), '1 left, 2 done')
  await view.push('edit', { id: '2' })
  t.regex(view.html, /<form class="edit" lv-submit="save" lv-value-id="2">\s*<input name="title" value="Write a view"/)
  await view.push('save', { id: '2', title: 'Write two views' })
  t.is(view.state.editing, null)
  t.regex(view.html, /<span class="title" lv-click="edit" lv-value-id="2">Write two views<\/span>/)
  await view.push('show', { filter: 'done' })
  t.deepEqual([...view.html.matchAll(/<span class="title"[^>]*>([^<]*)</g)].map((m) => m[1]), ['Read the liveloom tour', 'Ship it'])
  await view.push('remove', { id: '1' })
  await view.push('clearDone')
  await view.push('show', { filter: 'all' })
  t.deepEqual((view.state.todos as Array<{ id: number }>).map((todo) => todo.id), [2])
  t.is(counts(), '1 left, 0 done')
})

test('chat: messages are temporary assigns appended to the list; the session keeps none', async (t) => {
  const view = await mountView(new URL('views/chat.ts', EXAMPLES), { templatesDir })
  const sent = await view.push('send', { name: 'ada', text: 'hello' })
  t.deepEqual(sent.ops[0], [
    7,
    [2, 3],
    2,
    [
      ['li', ['id', 'msg-1'], [['b', [], ['ada']], ': hello']],
      ['li', ['id', 'msg-2'], [['b', [], ['bot']], ': ada said 5 characters']],
    ],
  ])
  t.like(view.state, { messages: [], count: 2, name: 'ada' })
  const again = await view.push('send', { name: 'ada', text: 'bye' })
  t.deepEqual((again.ops[0] as unknown[])[3], [
    ['li', ['id', 'msg-3'], [['b', [], ['ada']], ': bye']],
    ['li', ['id', 'msg-4'], [['b', [], ['bot']], ': ada said 3 characters']],
  ])
})

test('assistant: the answer streams from async work, then replaces its message in place', async (t) => {
  const view = await mountView(new URL('views/assistant.ts', EXAMPLES), { templatesDir })
  const asked = await view.push('ask', { question: 'hello' })
  t.deepEqual((asked.ops[0] as unknown[]).slice(0, 3), [7, [2, 5], 2])
  t.regex(view.html, /answering… <button id="cancel"/)
  const done = await view.awaitAsync('answer')
  const ops = done.stream
  t.deepEqual(ops[0], [2, 'answer-2'])
  t.deepEqual(ops.at(-1), [3, 'answer-2'])
  const text = ops.filter((op) => op[0] === 0).map((op) => op[3]).join('')
  t.is(text.split(' ').length, 40)
  // The final message carries exactly the streamed text.
  t.deepEqual(done.ops.find((op) => op[0] === 7), [7, [2, 5], 2, [['li', ['id', 'messages-2', 'class', 'assistant'], [text]]]])
  t.regex(view.html, /<p id="status">ready<\/p>/)
})

test('assistant: cancel stops the stream while it runs; an error keeps the partial answer', async (t) => {
  const view = await mountView(new URL('views/assistant.ts', EXAMPLES), { templatesDir })
  await view.push('ask', { question: 'a long one' })
  await view.push('cancel')
  const cancelled = await view.awaitAsync('answer')
  t.deepEqual(cancelled.stream.at(-1), [4, 'answer-2', 'cancelled'])
  t.regex(view.html, /<p id="status">ready<\/p>/)
  await view.push('ask', { question: 'please fail' })
  const failed = await view.awaitAsync('answer')
  t.deepEqual(failed.stream.at(-1), [4, 'answer-4', 'the model is overloaded'])
  t.is(failed.stream.filter((op) => op[0] === 0).length, 12)
  t.false(failed.ops.some((op) => op[0] === 7), 'no final message replaces the partial one')
})

test('catalog: URL-driven pages, flash, title count, report by async work merged into state', async (t) => {
  const view = await mountView(new URL('views/catalog.ts', EXAMPLES), { templatesDir, url: '/catalog?page=2&q=a' })
  t.like(view.state, { page: 2, q: 'a' })
  t.deepEqual(view.mountEffects, [['title', 'Catalog']])
  const searched = await view.push('search', { value: 'amber' })
  t.deepEqual(searched.patch, { url: '/catalog?page=1&q=amber', replace: true })
  t.like(view.state, { page: 1, q: 'amber' })
  t.regex(view.html, /page <span id="page">1<\/span> of <span id="pages">2<\/span>/)
  await view.patchUrl('/catalog?page=2&q=amber')
  t.like(view.state, { page: 2 })
  await view.push('favourite', { id: '11' })
  t.regex(view.html, /<p id="flash-info"[^>]*>Saved your favourites \(1\) ✕<\/p>/)
  t.deepEqual((await view.push('notify')).effects, [['title', 'Catalog (1 unread)']])
  await view.push('generate')
  t.like(view.state, { reporting: true })
  const done = await view.awaitAsync('report')
  t.deepEqual(done.stream.at(-1), [0, 'progress', 1, '100%'])
  t.like(view.state, { reporting: false, report: '20 products match “amber”' })
  await view.push('generate')
  await view.push('cancelReport')
  await view.awaitAsync('report')
  t.like(view.state, { reporting: false, report: '' })
})
