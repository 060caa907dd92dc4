/**
 * Streams in the client (client/streams.ts, stream-text.ts, collections.ts) under happy-dom
 * through the whole client: text-stream ops (text never parsed as HTML, one text node however
 * long the stream), HTML ops, unknown and selector targets, the stream classes as local changes
 * undone around every frame (so the server's attribute ops meet the server's DOM), collection
 * placement (at, replace in place, del, reset, limit), streamed content kept across renders, and
 * frames held in order while the streams module loads. client-streams-chromium.test.ts checks
 * autoscroll, inert scripts and the real lazy file in a browser.
 */
import test from 'ava'
import { StreamOp, TextMode, type CollectionUpdate, type DiffFrame, type ServerFrame, type StreamWireOp } from '../src/protocol/frames.js'
import { Op, type WireNode, type WireOp } from '../src/protocol/ops.js'
import { ClientName } from '../client/names.js'
import { fire, join, startLive, until, type Harness } from './support/client-harness.js'

const { TEXT, HTML, START, DONE, ERROR } = StreamOp
const { APPEND, REPLACE, PREPEND } = TextMode

type Page = Harness & { $(selector: string): Element; html(selector?: string): string; version: number }

/** `html` in a live container, joined at version 1, the streams module loaded. */
async function page(html: string): Promise<Page> {
  const h = startLive(html)
  let joined = false
  h.container.addEventListener(ClientName.JOINED, () => (joined = true))
  join(h, 1)
  await until(() => joined)
  return Object.assign(h, {
    $: (selector: string) => h.container.querySelector(selector)!,
    html: (selector?: string) => (selector ? h.container.querySelector(selector)!.innerHTML : h.container.innerHTML),
    version: 1,
  })
}

/** Sends diff frames with the next versions, and waits until the client applied the last one (it sets the title). */
async function diffs(p: Page, ...frames: Omit<DiffFrame, 't' | 'v'>[]): Promise<void> {
  for (const [i, f] of frames.entries()) {
    const last = i === frames.length - 1
    p.socket().receive({ t: 'diff', v: ++p.version, ...f, ...(last ? { effects: [...(f.effects ?? []), ['title', `v${p.version}`]] } : {}) })
  }
  const title = `v${p.version}`
  await until(() => p.document.title === title)
}

const stream = (...ops: StreamWireOp[]): Omit<DiffFrame, 't' | 'v'> => ({ stream: ops })
const children = (path: number[], nodes: WireNode[]): WireOp => [Op.UPDATE_CHILDREN, path, 2, nodes]
const li = (id: string, text = id): WireNode => ['li', ['id', id], [text]]
/** The ids of the element children of `el`. */
const ids = (el: Element): string[] => Array.from(el.children, (c) => c.id)

test('text appends, replaces and prepends as text, never HTML; 1,000 appends stay one text node', async (t) => {
  const p = await page('<div id="a" lv-stream="answer"></div><p>x</p>')
  const a = p.$('#a')
  await diffs(p, stream([TEXT, 'answer', APPEND, '<b>x</b>'], [TEXT, 'answer', APPEND, ' & <script>alert(1)</script>']))
  t.is(p.html('#a'), '&lt;b&gt;x&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;')
  await diffs(p, ...Array.from({ length: 1000 }, (_, i) => stream([TEXT, 'answer', APPEND, String(i % 10)])))
  t.is(a.childNodes.length, 1)
  t.is(a.firstChild!.nodeType, 3)
  t.is((a.firstChild as Text).data, '<b>x</b> & <script>alert(1)</script>' + '0123456789'.repeat(100))
  await diffs(p, stream([TEXT, 'answer', REPLACE, '<i>new</i>'], [TEXT, 'answer', PREPEND, '<<']))
  t.deepEqual(Array.from(a.childNodes, (n) => [n.nodeType, n.textContent]), [[3, '<<<i>new</i>']])
  // Next to an element, a new text node; an empty replace leaves no node at all.
  await diffs(p, stream([HTML, 'answer', [['hr']]], [TEXT, 'answer', PREPEND, 'a'], [TEXT, 'answer', APPEND, 'b'], [TEXT, 'answer', APPEND, 'c']))
  t.deepEqual(Array.from(a.childNodes, (n) => [n.nodeType, n.textContent]), [[3, 'a'], [1, ''], [3, 'bc']])
  await diffs(p, stream([TEXT, 'answer', REPLACE, '']))
  t.is(a.childNodes.length, 0)
  t.is(p.html(), '<div id="a" lv-stream="answer"></div><p>x</p>')
  t.deepEqual(p.sent().slice(1), [], 'no refresh')
})

test('an HTML op replaces the target’s children with nodes built from structure, applied before the frame’s ops', async (t) => {
  const p = await page('<p>0</p><div lv-stream="card">old <i>x</i></div>')
  await diffs(p, {
    stream: [[HTML, 'card', [['h2', ['class', 't'], ['Title & <more>']], ' ', ['!', 'c'], ['script', [], ['window.ran = 1']]]]],
    // Ops address the server's tree: the stream's content is not in it.
    ops: [[Op.SET_TEXT, [0, 0], '1']],
  })
  t.is(p.html(), '<p>1</p><div lv-stream="card"><h2 class="t">Title &amp; &lt;more&gt;</h2> <!--c--><script>window.ran = 1</script></div>')
  t.is((p.window as unknown as { ran?: number }).ran, undefined)
})

test('START, DONE and ERROR: classes and data-lv-error on top of the server’s attributes, undone around every frame', async (t) => {
  const p = await page('<div id="a" class="answer" lv-stream="answer"></div>')
  const a = p.$('#a')
  await diffs(p, stream([START, 'answer'], [TEXT, 'answer', APPEND, 'Hel']))
  t.is(a.outerHTML, '<div id="a" class="answer lv-stream-active" lv-stream="answer">Hel</div>')
  // The server changes the class during the stream: its class, plus the stream's.
  await diffs(p, { ...stream([TEXT, 'answer', APPEND, 'lo']), ops: [[Op.SET_ATTR, [0], 'class', 'answer big']] })
  t.is(a.outerHTML, '<div id="a" class="answer big lv-stream-active" lv-stream="answer">Hello</div>')
  await diffs(p, stream([ERROR, 'answer', 'model overloaded']))
  t.is(a.outerHTML, '<div id="a" class="answer big lv-stream-error" lv-stream="answer" data-lv-error="model overloaded">Hello</div>', 'content kept')
  await diffs(p, { ops: [[Op.REMOVE_ATTR, [0], 'class'], [Op.SET_ATTR, [0], 'title', 't']] })
  t.is(a.outerHTML, '<div id="a" lv-stream="answer" title="t" class="lv-stream-error" data-lv-error="model overloaded">Hello</div>')
  // The server sets data-lv-error itself: under the stream's, and back once the stream restarts.
  await diffs(p, { ops: [[Op.SET_ATTR, [0], 'data-lv-error', 'server']] })
  t.is(a.getAttribute('data-lv-error'), 'model overloaded')
  await diffs(p, stream([START, 'answer'], [TEXT, 'answer', REPLACE, 'Again']))
  t.is(a.outerHTML, '<div id="a" lv-stream="answer" title="t" data-lv-error="server" class="lv-stream-active">Again</div>')
  await diffs(p, stream([DONE, 'answer']))
  t.is(a.outerHTML, '<div id="a" lv-stream="answer" title="t" data-lv-error="server">Again</div>', 'exactly the server’s attributes')
  t.deepEqual(p.sent().slice(1), [], 'every op fit: no refresh')
})

test('stream classes and loading feedback on one element; a disconnect ends the feedback, not the stream’s classes', async (t) => {
  const p = await page('<button id="b" lv-click="ask" lv-stream="s"></button>')
  const b = p.$('#b')
  fire(p, b, 'click')
  t.is(b.getAttribute('class'), 'lv-click-loading')
  await diffs(p, stream([START, 's']))
  t.is(b.getAttribute('class'), 'lv-click-loading lv-stream-active')
  p.socket().receive({ t: 'reply', ref: 2, v: ++p.version, ops: [[Op.SET_ATTR, [0], 'class', 'on']] })
  t.is(b.getAttribute('class'), 'on lv-stream-active')
  fire(p, b, 'click')
  p.socket().close()
  t.is(b.getAttribute('class'), 'on lv-stream-active')
  p.run()
  p.socket().open()
  p.socket().receive({ t: 'joined', ref: 4, v: p.version, token: 't' })
  await diffs(p, { ops: [[Op.SET_ATTR, [0], 'class', 'off']] }, stream([DONE, 's']))
  t.is(b.outerHTML, '<button id="b" lv-click="ask" lv-stream="s" class="off"></button>')
})

test('unknown targets and invalid selectors are ignored: no throw, no refresh', async (t) => {
  const p = await page('<div lv-stream="answer"></div>')
  await diffs(p, stream([TEXT, 'nope', APPEND, 'x'], [START, '#missing'], [HTML, '[bad', []], [ERROR, '.x:nope(', 'e'], [TEXT, 'answer', APPEND, 'ok']), { ops: [] })
  t.is(p.html(), '<div lv-stream="answer">ok</div>')
  t.deepEqual(p.sent().slice(1), [])
})

test('selector targets: #id, .class and [attribute], inside the container only', async (t) => {
  const p = await page('<div id="one" lv-stream="x"></div><p class="two" lv-stream="y"></p><span data-k="3" lv-stream="z"></span><i lv-stream=\'q"\\\'></i>')
  p.document.body.insertAdjacentHTML('afterbegin', '<div id="outside"></div>')
  await diffs(p, stream([TEXT, '#one', APPEND, '1'], [TEXT, '.two', APPEND, '2'], [START, '[data-k="3"]'], [TEXT, '[data-k="3"]', APPEND, '3'], [TEXT, 'q"\\', APPEND, 'q'], [TEXT, '#outside', APPEND, 'no']))
  t.is(p.html(), '<div id="one" lv-stream="x">1</div><p class="two" lv-stream="y">2</p><span data-k="3" lv-stream="z" class="lv-stream-active">3</span><i lv-stream="q&quot;\\">q</i>')
  t.is(p.document.getElementById('outside')!.innerHTML, '')
})

const LIST = '<ul id="m" lv-stream="messages"><li id="m1">m1</li><li id="m2">m2</li></ul>'
const items = (update: CollectionUpdate): Record<string, CollectionUpdate> => ({ messages: update })

test('collection inserts at the end, the start and index n; an existing id is replaced in place; whitespace dropped', async (t) => {
  const p = await page(LIST)
  const m = p.$('#m')
  await diffs(p, {
    ops: [children([0], [li('m3'), '\n  ', li('m0'), li('m9'), li('m7')])],
    items: items({ at: [['m3', -1], ['m0', 0], ['m9', 2], ['m7', 99]] }),
  })
  t.is(m.innerHTML, '<li id="m0">m0</li><li id="m1">m1</li><li id="m9">m9</li><li id="m2">m2</li><li id="m3">m3</li><li id="m7">m7</li>')
  const m2 = m.children[3]
  await diffs(p, { ops: [children([0], [['li', ['id', 'm1', 'class', 'edited'], ['m1!']], 'text', li('new')])], items: items({ at: [['m1', 0]] }) })
  t.is(m.innerHTML, '<li id="m0">m0</li><li id="m1" class="edited">m1!</li><li id="m9">m9</li><li id="m2">m2</li><li id="m3">m3</li><li id="m7">m7</li>text<li id="new">new</li>')
  t.is(m.children[3], m2, 'the other items are the same nodes')
})

test('collection deletes, resets (with and without new items) and limits; updates without an op apply after the ops', async (t) => {
  const p = await page('<p>0</p>' + LIST)
  const m = p.$('#m')
  // No op names the container: applied after the ops (which may move it).
  await diffs(p, { ops: [[Op.REMOVE, [0]]], items: items({ del: ['m1', 'nope'] }) })
  t.deepEqual(ids(m), ['m2'])
  await diffs(p, { ops: [children([0], ['a', 'b', 'c', 'd', 'e'].map((id) => li(id)))], items: items({}) })
  t.deepEqual(ids(m), ['m2', 'a', 'b', 'c', 'd', 'e'])
  await diffs(p, { items: items({ limit: 3 }) })
  t.deepEqual(ids(m), ['m2', 'a', 'b'])
  // New items at the start, keeping the first 3 (a feed); at the end, keeping the last 2 (a log).
  await diffs(p, { ops: [children([0], [li('z')])], items: items({ at: [['z', 0]], limit: 3 }) })
  t.deepEqual(ids(m), ['z', 'm2', 'a'])
  await diffs(p, { ops: [children([0], [li('y'), li('x')])], items: items({ limit: -2 }) })
  t.deepEqual(ids(m), ['y', 'x'])
  await diffs(p, { items: items({ limit: -5 }) }, { items: items({ del: ['x'], limit: 0 }) })
  t.deepEqual(ids(m), [])
  await diffs(p, { ops: [children([0], [li('k')])] }, { ops: [children([0], [li('r1'), li('r2')])], items: items({ reset: 1 }) })
  t.is(m.innerHTML, '<li id="r1">r1</li><li id="r2">r2</li>')
  await diffs(p, { items: items({ reset: 1 }) })
  t.is(p.html(), '<ul id="m" lv-stream="messages"></ul>')
  t.deepEqual(p.sent().slice(1), [])
})

test('UPDATE_CHILDREN without collection metadata keeps plain lv-update placement', async (t) => {
  const p = await page('<ul lv-stream="a"><li id="1">1</li></ul><ol lv-update="prepend"><li>x</li></ol>')
  // Names of other containers, and one that is an Object.prototype key, as the wire has them.
  const other = JSON.parse('{"other":{"del":["1"]},"constructor":{"reset":1}}') as Record<string, CollectionUpdate>
  await diffs(p, { ops: [children([0], [['li', ['id', '1'], ['1!']], ' ', li('2')]), [Op.UPDATE_CHILDREN, [1], 3, [['li', [], ['y']]]]], items: other })
  t.is(p.html(), '<ul lv-stream="a"><li id="1">1!</li> <li id="2">2</li></ul><ol lv-update="prepend"><li>y</li><li>x</li></ol>')
})

test('renders and joins with nodes keep the streams’ content and classes; a stream whose element is gone loses it', async (t) => {
  const p = await page('<div>' + LIST + '<div id="a" lv-stream="answer"></div><ol lv-stream="gone"><li>g</li></ol></div>')
  await diffs(p, stream([START, 'answer'], [TEXT, 'answer', APPEND, 'typed <so far>']), {
    ops: [children([0, 0], [['li', ['id', 'm3'], [['div', ['lv-stream', 'inner'], ['in']]]]])],
    items: items({}),
  })
  const kept = p.$('#m1')
  p.socket().receive({
    t: 'render',
    v: 10,
    nodes: [['section', [], [['div', ['id', 'a2', 'lv-stream', 'answer']], ['ul', ['lv-stream', 'messages', 'class', 'new']], ['div', ['lv-stream', 'inner']]]]],
  })
  t.is(
    p.html(),
    '<section><div id="a2" lv-stream="answer" class="lv-stream-active">typed &lt;so far&gt;</div>' +
      '<ul lv-stream="messages" class="new"><li id="m1">m1</li><li id="m2">m2</li><li id="m3"><div lv-stream="inner">in</div></li></ul>' +
      '<div lv-stream="inner"></div></section>',
  )
  t.is(p.$('#m1'), kept, 'the same nodes, moved')
  p.version = 10
  await diffs(p, stream([DONE, 'answer'], [TEXT, 'answer', APPEND, '!']))
  t.is(p.$('#a2').outerHTML, '<div id="a2" lv-stream="answer">typed &lt;so far&gt;!</div>')
  p.socket().close()
  p.run()
  p.socket().open()
  p.socket().receive({ t: 'joined', ref: 2, v: 1, token: 't', nodes: [['ul', ['lv-stream', 'messages']]] })
  t.is(p.html(), '<ul lv-stream="messages"><li id="m1">m1</li><li id="m2">m2</li><li id="m3"><div lv-stream="inner">in</div></li></ul>')
})

test('frames arriving while the streams module loads wait for it and apply in version order', async (t) => {
  const h = startLive('<p>0</p>')
  join(h, 1)
  const frames: ServerFrame[] = [
    { t: 'diff', v: 2, ops: [[Op.SET_TEXT, [0, 0], 'a']] },
    // The first stream element: the client starts loading the module, and holds what follows.
    { t: 'diff', v: 3, ops: [[Op.INSERT, [], 1, ['div', ['lv-stream', 's']]]] },
    { t: 'diff', v: 4, stream: [[TEXT, 's', APPEND, 'hello']] },
    { t: 'reply', ref: 7, v: 5, ops: [[Op.SET_TEXT, [0, 0], 'b']] },
    { t: 'diff', v: 6, stream: [[TEXT, 's', APPEND, ' world']], effects: [['title', 'done']] },
  ]
  frames.forEach((f) => h.socket().receive(f))
  t.is(h.container.innerHTML, '<p>a</p><div lv-stream="s"></div>', 'held from the frame after the first stream element')
  await until(() => h.document.title === 'done')
  t.is(h.container.innerHTML, '<p>b</p><div lv-stream="s">hello world</div>')
  t.deepEqual(h.sent().slice(1), [], 'in order: no refresh')
})

test('a first frame with stream ops is held too, and a page with lv-stream elements loads the module at once', async (t) => {
  const h = startLive('<p>0</p><div lv-stream="s">kept</div>')
  join(h, 1)
  h.socket().receive({ t: 'diff', v: 2, stream: [[TEXT, 's', APPEND, '!']], ops: [[Op.SET_TEXT, [0, 0], '1']], effects: [['title', 'done']] })
  t.is(h.container.innerHTML, '<p>0</p><div lv-stream="s">kept</div>', 'the join waits for the module as well')
  await until(() => h.document.title === 'done')
  t.is(h.container.innerHTML, '<p>1</p><div lv-stream="s">kept!</div>')
  const h2 = startLive('<p>0</p>')
  join(h2, 1)
  h2.socket().receive({ t: 'diff', v: 2, stream: [[TEXT, '#none', APPEND, '!']], ops: [[Op.SET_TEXT, [0, 0], '1']], effects: [['title', 'done']] })
  t.is(h2.container.innerHTML, '<p>0</p>')
  await until(() => h2.document.title === 'done')
  t.is(h2.container.innerHTML, '<p>1</p>')
})

test('frames held for the module die with their connection: the next join presents the version applied', async (t) => {
  // The module loads from the start: the first joined and a diff wait for it, then the socket drops.
  const h = startLive('<p>0</p><div lv-stream="s"></div>')
  join(h, 1)
  h.socket().receive({ t: 'diff', v: 2, ops: [[Op.INSERT, [], 2, ['b', [], ['lost']]]] })
  h.socket().close()
  h.run()
  h.socket().open()
  t.deepEqual(h.socket().sent, [{ t: 'join', ref: 2, pv: 1, token: 'tok0', url: '/items?page=2' }], 'no version applied yet: the page’s own DOM')
  h.socket().receive({ t: 'joined', ref: 2, v: 7, token: 'tok2' })
  h.socket().receive({ t: 'diff', v: 8, ops: [[Op.SET_TEXT, [0, 0], 'next']], effects: [['title', 'done']] })
  await until(() => h.document.title === 'done')
  t.is(h.container.innerHTML, '<p>next</p><div lv-stream="s"></div>')
  t.deepEqual(h.sent().slice(2), [], 'no refresh')
})

test('an op that does not fit after stream ops: the stream ops stay, the client asks for a render', async (t) => {
  const p = await page('<div lv-stream="s"></div>')
  p.socket().receive({ t: 'diff', v: 2, stream: [[TEXT, 's', APPEND, 'x']], ops: [[Op.SET_TEXT, [5, 0], 'nowhere']], effects: [['title', 'e']] })
  await until(() => p.document.title === 'e')
  t.is(p.html(), '<div lv-stream="s">x</div>')
  t.deepEqual(p.sent().slice(1), [{ t: 'refresh', ref: 2 }])
})
