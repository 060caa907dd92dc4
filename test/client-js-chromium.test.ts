/**
 * Side channels in a real browser (headless Chromium), with exact DOM assertions (client/js.ts,
 * client/js-commands.ts):
 * - every JS command from an event directive whose value is a JSON chain; a `push` command sends
 *   the exact event frame, with the element's params and its loading feedback; bad JSON sends
 *   nothing and logs LIVELOOM_ERR_JS_COMMAND;
 * - `js` effects (`to` required); kept changes survive a patch of the same attribute and the
 *   removal of their element; transitions end; show-then-focus focuses;
 * - `meta` effects (property vs name; create, update, remove), `submit` effects (with and
 *   without `lv-trigger-action`), push events on `window`;
 * - flash auto-dismiss (client/auto-dismiss.ts): `lv-auto-dismiss` sends the exact
 *   `lv:clear-flash` frame once after its time; an element removed before then sends nothing; a
 *   new text restarts the time; a timer due while not joined is armed again by the next frame;
 *   invalid values are logged once per element. Timing checks rely only on timers firing in
 *   the order of their deadlines, never on how late they fire.
 */
import type { Page } from 'playwright-core'
import type { ClientFrame, JsCommand, ServerFrame } from '../src/protocol/frames.js'
import { Op, type WireNode, type WireOp } from '../src/protocol/ops.js'
import { ev, inBrowser, livePage, logged, receive, sent, sentCount, useChromium, type PageGlobals } from './support/client-chromium.js'

useChromium()

/** A chain as a template puts it in an attribute (mustache escapes the quotes). */
const chain = (...commands: JsCommand[]): string => JSON.stringify(commands).replace(/"/g, '&quot;')

/** The outerHTML of `selector` (null when absent), once it is `want` (waits at most 2 s for the module and timers). */
async function html(page: Page, selector: string, want?: string | null): Promise<string | null> {
  const read = (sel: string): string | null => document.querySelector(sel)?.outerHTML ?? null
  if (want !== undefined) await page.waitForFunction(([sel, w]) => (document.querySelector(sel!)?.outerHTML ?? null) === w, [selector, want], { timeout: 2000 }).catch(() => {})
  return page.evaluate(read, selector)
}

/** Waits `ms` in the page: a timer set now, so it fires after every page timer due before it. */
const pause = (page: Page, ms: number): Promise<unknown> => page.evaluate((n) => new Promise((resolve) => setTimeout(resolve, n)), ms)

/** Console errors of the page, as their text. */
function errors(page: Page): string[] {
  const list: string[] = []
  page.on('console', (m) => m.type() === 'error' && list.push(m.text()))
  return list
}

inBrowser('every command from a template directive, on its target or the element itself; bad JSON sends nothing', async (t) => {
  const page = await livePage(
    [
      `<button id="show" lv-click="${chain(['show', { to: '#m' }])}">s</button>`,
      `<button id="hide" lv-click="${chain(['hide', { to: '.p' }])}">h</button>`,
      `<button id="toggle" lv-click="${chain(['toggle', { to: '#q', display: 'flex' }])}">t</button>`,
      `<button id="classes" lv-click="${chain(['add_class', { names: 'on  big', to: '#c' }], ['remove_class', { names: 'off', to: '#c' }], ['toggle_class', { names: 'x y', to: '#c' }])}">c</button>`,
      `<button id="attrs" lv-click="${chain(['set_attr', { name: 'aria-expanded', value: 'true', to: '#c' }], ['remove_attr', { name: 'title', to: '#c' }])}">a</button>`,
      `<button id="self" class="b" lv-click="${chain(['add_class', { names: 'pressed' }])}">self</button>`,
      `<input id="key" lv-keydown.escape="${chain(['hide', { to: '#key' }])}">`,
      `<button id="evil" lv-click="${chain(['set_attr', { name: 'onclick', value: 'window.__ran = 1', to: '#c' }])}">e</button>`,
      `<button id="bad" lv-click="[oops">bad</button>`,
      '<div id="m" style="display: none">m</div><p class="p">1</p><p class="p">2</p><div id="q" style="display: none">q</div>',
      '<div id="c" class="off x" title="t">c</div>',
    ].join(''),
  )
  const logs = errors(page)
  await page.click('#show')
  t.is(await html(page, '#m', '<div id="m">m</div>'), '<div id="m">m</div>')
  await page.click('#hide')
  t.deepEqual(await page.$$eval('.p', (ps) => ps.map((p) => p.outerHTML)), ['<p class="p" style="display: none;">1</p>', '<p class="p" style="display: none;">2</p>'])
  await page.click('#toggle')
  t.is(await html(page, '#q', '<div id="q" style="display: flex;">q</div>'), '<div id="q" style="display: flex;">q</div>')
  await page.click('#toggle')
  // Hidden again is the server's own value: the kept change makes no change.
  t.is(await html(page, '#q', '<div id="q" style="display: none">q</div>'), '<div id="q" style="display: none">q</div>')
  await page.click('#classes')
  t.is(await html(page, '#c', '<div id="c" class="on big y" title="t">c</div>'), '<div id="c" class="on big y" title="t">c</div>')
  await page.click('#attrs')
  t.is(await html(page, '#c', '<div id="c" class="on big y" aria-expanded="true">c</div>'), '<div id="c" class="on big y" aria-expanded="true">c</div>')
  await page.click('#self')
  await page.waitForFunction(() => document.getElementById('self')!.classList.contains('pressed'), undefined, { timeout: 2000 }).catch(() => {})
  t.regex((await html(page, '#self'))!, /^<button id="self" class="b pressed" lv-click=/)
  await page.focus('#key')
  await page.keyboard.press('a')
  t.regex((await html(page, '#key'))!, /^<input id="key" lv-keydown.escape="[^"]*">$/)
  await page.keyboard.press('Escape')
  t.regex((await html(page, '#key'))!, /^<input id="key" lv-keydown.escape="[^"]*" style="display: none;">$/)
  await page.click('#evil')
  await page.click('#bad')
  await page.waitForFunction(() => new Promise((resolve) => setTimeout(resolve, 50)))
  t.is(await html(page, '#c'), '<div id="c" class="on big y" aria-expanded="true">c</div>', 'on* attributes refused')
  t.deepEqual(
    logs.map((l) => l.split(' ')[0]),
    ['LIVELOOM_ERR_JS_COMMAND', 'LIVELOOM_ERR_JS_COMMAND'],
  )
  t.deepEqual(await sent(page), [], 'chains send no event')
})

inBrowser('a push command sends the exact event frame through the usual path, with loading feedback', async (t) => {
  const page = await livePage(`<button id="b" data-id="7" lv-click="${chain(['add_class', { names: 'busy', to: '#s' }], ['push', { event: 'save', value: { extra: 1, id: '8' } }])}">b</button><span id="s"></span>`)
  await page.click('#b')
  t.deepEqual(await sentCount(page, 1), [ev(2, 'save', { id: '8', extra: 1 })])
  t.is(await page.$eval('#b', (b) => b.className), 'lv-click-loading')
  t.is(await html(page, '#s'), '<span id="s" class="busy"></span>')
  await receive(page, { t: 'reply', ref: 2, v: 2 })
  t.is(await page.$eval('#b', (b) => b.getAttribute('class')), null, 'feedback ends with the reply; the kept class stays')
  t.is(await html(page, '#s'), '<span id="s" class="busy"></span>')
})

inBrowser('a js effect runs after the frame’s ops; commands without `to` do nothing; its push sends', async (t) => {
  const page = await livePage('<div id="m" style="display: none">m</div><p id="p">p</p>')
  await receive(page, {
    t: 'diff',
    v: 2,
    ops: [[Op.SET_TEXT, [1, 0], 'new']],
    effects: [['js', [['show', { to: '#m' }], ['add_class', { names: 'x' }], ['add_class', { names: 'seen', to: '#p' }], ['push', { event: 'opened', value: { n: 1 } }]]]],
  })
  t.is(await html(page, '#p', '<p id="p" class="seen">new</p>'), '<p id="p" class="seen">new</p>')
  t.is(await html(page, '#m'), '<div id="m">m</div>')
  t.deepEqual(await sentCount(page, 1), [ev(2, 'opened', { n: 1 })])
})

inBrowser('show and add_class survive a patch of the same element’s class; a patch removing it breaks nothing', async (t) => {
  const page = await livePage(`<button lv-click="${chain(['show', { to: '#m' }], ['add_class', { names: 'open', to: '#m' }])}">go</button><div id="m" class="a" style="display: none">x</div>`)
  await page.click('button')
  t.is(await html(page, '#m', '<div id="m" class="a open">x</div>'), '<div id="m" class="a open">x</div>')
  await receive(page, { t: 'diff', v: 2, ops: [[Op.SET_ATTR, [1], 'class', 'b']] })
  t.is(await html(page, '#m'), '<div id="m" class="b open">x</div>', 'the server’s class and the kept one')
  // The patch saw the server's tree: the op path and attributes matched (no refresh).
  await receive(page, { t: 'diff', v: 3, ops: [[Op.REMOVE_ATTR, [1], 'style']] })
  t.is(await html(page, '#m'), '<div id="m" class="b open">x</div>')
  await receive(page, { t: 'diff', v: 4, ops: [[Op.REMOVE, [1]]] }, { t: 'diff', v: 5, ops: [[Op.INSERT, [], 1, ['p', ['id', 'n'], ['n']]]] })
  t.is(await html(page, '#m'), null)
  t.is(await html(page, '#n'), '<p id="n">n</p>')
  t.deepEqual(await sent(page), [], 'no refresh')
})

inBrowser('transition adds its classes for `time` ms; show then focus focuses; dispatch bubbles its detail', async (t) => {
  const page = await livePage(
    `<button id="t" lv-click="${chain(['transition', { names: 'fade in', time: 300, to: '#x' }])}">t</button><div id="x" class="k">x</div>` +
      `<button id="f" lv-click="${chain(['show', { to: '#m' }], ['focus', { to: '#m input' }], ['dispatch', { event: 'opened', detail: { a: [1] }, to: '#m' }])}">f</button><div id="m" style="display: none"><input id="i"></div>`,
    {
      // Every new state of #x, as it happens: reading it after the click could come after the 300 ms on a busy machine.
      before: `let last; new MutationObserver(() => { const h = document.getElementById('x').outerHTML; if (h !== last) __log.push(['x', last = h]) }).observe(document.getElementById('x'), { attributes: true });
        document.addEventListener('opened', (e) => __log.push([e.type, e.detail, e.target.id, e.bubbles]))`,
    },
  )
  await page.click('#t')
  t.deepEqual(await logged(page, 2), [
    ['x', '<div id="x" class="k fade in">x</div>'],
    ['x', '<div id="x" class="k">x</div>'],
  ])
  await page.click('#f')
  t.deepEqual((await logged(page, 3)).slice(2), [['opened', { a: [1] }, 'm', true]])
  t.is(await page.evaluate(() => document.activeElement?.id), 'i')
})

inBrowser('meta effects create, update and remove name= and property= tags', async (t) => {
  const page = await livePage('<p>x</p>')
  const metas = (): Promise<string[]> => page.$$eval('head meta', (ms) => ms.map((m) => m.outerHTML))
  await receive(page, { t: 'diff', v: 2, effects: [['meta', { description: 'd', 'og:title': 'T' }], ['title', 'Page']] })
  await page.waitForFunction(() => document.title === 'Page')
  t.deepEqual(await metas(), ['<meta name="description" content="d">', '<meta property="og:title" content="T">'])
  await receive(page, { t: 'diff', v: 3, effects: [['meta', { 'og:title': 'U', description: null, 'og:description': null }]] })
  t.deepEqual(await metas(), ['<meta property="og:title" content="U">'])
})

inBrowser('a submit effect natively submits a form with lv-trigger-action, and only such a form', async (t) => {
  const page = await livePage(
    '<form id="f" lv-trigger-action action="http://lv.test/save" method="post" target="sink"><input name="q" value="1"><input name="submit" value="shadow"></form>' +
      '<form id="g" action="http://lv.test/other" method="post" target="sink"><input name="q" value="2"></form><iframe name="sink"></iframe>',
  )
  const logs = errors(page)
  const posts: string[] = []
  await page.route('http://lv.test/**', (route) => {
    posts.push(`${route.request().method()} ${route.request().url()} ${route.request().postData()}`)
    return route.fulfill({ contentType: 'text/html', body: 'saved' })
  })
  await receive(page, { t: 'diff', v: 2, effects: [['submit', '#g'], ['submit', '#nowhere']] })
  await receive(page, { t: 'diff', v: 3, effects: [['submit', '#f']] })
  await page.waitForFunction(() => (document.querySelector('iframe') as HTMLIFrameElement).contentDocument?.body?.textContent === 'saved', undefined, { timeout: 5000 }).catch(() => {})
  t.deepEqual(posts, ['POST http://lv.test/save q=1&submit=shadow'])
  t.deepEqual(logs, ['LIVELOOM_ERR_TRIGGER_ACTION #g', 'LIVELOOM_ERR_TRIGGER_ACTION #nowhere'])
})

inBrowser('push events reach the window as liveloom:<name>, besides lv:event', async (t) => {
  const page = await livePage('<p>x</p>', {
    before: `addEventListener('liveloom:ping', (e) => __log.push(['window', e.detail])); document.querySelector('[data-lv-root]').addEventListener('lv:event', (e) => __log.push(['lv:event', e.detail]))`,
  })
  const frame: ServerFrame = { t: 'diff', v: 2, effects: [['event', 'ping', { n: 1 }]] }
  await receive(page, frame)
  t.deepEqual(await logged(page, 2), [['lv:event', { name: 'ping', payload: { n: 1 } }], ['window', { n: 1 }]])
})

/** A flash element as a node: `lv-auto-dismiss` = `ms`, with `lv-value-level` = `level` when given. */
const flash = (ms: string, text: string, level?: string): WireNode => ['p', ['id', 'f', ...(level ? ['lv-value-level', level] : []), 'lv-auto-dismiss', ms], [text]]

inBrowser('lv-auto-dismiss sends the exact lv:clear-flash frame with the element’s level, once', async (t) => {
  // On the page from the start: the module arms it when it loads.
  const page = await livePage('<p id="f" lv-click="lv:clear-flash" lv-value-level="info" lv-auto-dismiss="300">Saved</p>')
  t.deepEqual(await sentCount(page, 1), [ev(2, 'lv:clear-flash', { level: 'info' })])
  await pause(page, 600)
  t.deepEqual(await sent(page), [ev(2, 'lv:clear-flash', { level: 'info' })], 'the same text is dismissed once')
  await receive(page, { t: 'reply', ref: 2, v: 2, ops: [[Op.REMOVE, [0]]] })
  t.is(await html(page, '#f'), null)
})

inBrowser('an lv-auto-dismiss element a diff removes before its time sends nothing', async (t) => {
  const page = await livePage('<p>x</p>')
  // One evaluation: the insert loads the module, the removal waits for it, and both come long before the time.
  await receive(page, { t: 'diff', v: 2, ops: [[Op.INSERT, [], 1, flash('300', 'Saved', 'info')]] }, { t: 'diff', v: 3, ops: [[Op.REMOVE, [1]]] })
  t.is(await html(page, '#f'), null)
  // Set after the client's timer and longer: it fires after it.
  await pause(page, 400)
  t.deepEqual(await sent(page), [])
})

inBrowser('a new text patched into the lv-auto-dismiss element restarts its time', async (t) => {
  const page = await livePage('<p>x</p>')
  const insert: ServerFrame = { t: 'diff', v: 2, ops: [[Op.INSERT, [], 1, flash('300', 'Saved', 'info')]] }
  const change: ServerFrame = { t: 'diff', v: 3, ops: [[Op.SET_TEXT, [1, 0], 'Saved again']] }
  // The insert arms a timer due at +300 ms; the new text, at +150 ms or later, one due 300 ms
  // after it. The check is due 250 ms after the new text: after the first timer, before the second.
  const sentAtCheck = await page.evaluate(
    (frames) =>
      new Promise<number>((resolve) => {
        const server = (globalThis as PageGlobals).__server
        const [first, second] = frames as ServerFrame[]
        server.receive(first)
        setTimeout(() => {
          server.receive(second)
          setTimeout(() => resolve(server.sent.length - 1), 250)
        }, 150)
      }),
    [insert, change] as unknown,
  )
  t.is(sentAtCheck, 0, 'nothing when the first time was up')
  t.deepEqual(await sentCount(page, 1), [ev(2, 'lv:clear-flash', { level: 'info' })])
  await pause(page, 600)
  t.deepEqual(await sent(page), [ev(2, 'lv:clear-flash', { level: 'info' })], 'once')
})

inBrowser('a time up while the client is not joined is armed again by the next frame; no lv-value-level sends {}', async (t) => {
  const page = await livePage('<p>x</p>', { url: 'http://app.test/flash' })
  // Inserted, then the connection drops at once: the timer (200 ms) fires while the client is
  // not joined (it reconnects after 50 ms, but nobody answers its join).
  await page.evaluate(
    (frame) => {
      const server = (globalThis as PageGlobals).__server
      server.receive(frame as ServerFrame)
      server.drop()
    },
    { t: 'diff', v: 2, ops: [[Op.INSERT, [], 1, flash('200', 'Oops')]] } as unknown,
  )
  await pause(page, 400)
  const join: ClientFrame = { t: 'join', ref: 2, pv: 1, token: 't2', url: '/flash', v: 2 }
  t.deepEqual(await sent(page), [join])
  // A resumed join (the same version) changes nothing; the diff after it arms the timer again.
  await receive(page, { t: 'joined', ref: 2, v: 2, token: 't3' }, { t: 'diff', v: 3 })
  t.deepEqual(await sentCount(page, 2), [join, ev(3, 'lv:clear-flash', {})])
})

inBrowser('an invalid lv-auto-dismiss is ignored and logged once per element; an hour is the longest time', async (t) => {
  const page = await livePage('<p>x</p>')
  const logs = errors(page)
  const values = ['0', 'soon', '1.5', '-5', '5e3', '3600001', '3600000']
  await receive(page, { t: 'diff', v: 2, ops: values.map((ms, i): WireOp => [Op.INSERT, [], i + 1, ['p', ['lv-auto-dismiss', ms], ['Saved']]]) })
  // Another frame scans again; the marker shows every earlier log has arrived.
  await receive(page, { t: 'diff', v: 3 })
  await page.evaluate(() => console.error('END'))
  for (const end = Date.now() + 5000; !logs.includes('END') && Date.now() < end; ) await pause(page, 10)
  t.deepEqual(logs, [...values.slice(0, -1).map((ms) => `LIVELOOM_ERR_AUTO_DISMISS ${ms}`), 'END'])
  t.deepEqual(await sent(page), [])
})
