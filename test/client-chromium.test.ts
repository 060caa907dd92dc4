/**
 * The client in a real browser (headless Chromium), over an in-page fake socket, with exact DOM
 * and payload assertions:
 * - patched-in `<script>` elements (HTML and SVG) do not run, and the DOM is exactly the
 *   server's tree;
 * - focus, selection and what the user typed survive a REPLACE of the focused input's parent and
 *   a SET_ATTR of its value, while unfocused fields show the server's value; checked and selected
 *   follow the server;
 * - every directive: click, input, change, submit, key filters, focus/blur, window keys,
 *   click-away; data-* and lv-value-* params; form payloads (checkbox groups and multi-selects
 *   as arrays, `_target`);
 * - debounce (ms, blur, flushed by a submit), throttle, the view's limits and the element's
 *   attribute winning over them (events dispatched in one task: counts and order, not durations);
 * - loading classes, lv-disable-with, the locked form, lv-confirm; patches arriving while the
 *   feedback is on leave exactly the server's DOM once the reply comes;
 * - hooks: the lifecycle in order, pushEvent's reply data and errors, server push events.
 */
import type { Page } from 'playwright-core'
import type { ClientFrame } from '../src/protocol/frames.js'
import type { WireNode } from '../src/protocol/ops.js'
import { ev, inBrowser, livePage, log, logged, receive, sent, sentCount, tree, useChromium, type PageGlobals } from './support/client-chromium.js'

useChromium()

inBrowser('patched-in scripts do not run, and the DOM is exactly the server’s tree', async (t) => {
  const page = await livePage('<p>a</p><div></div>')
  // The control: a script made by createElement runs when inserted, so the check below can fail.
  t.is(await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__control = 1'
    document.body.appendChild(s).remove()
    return (globalThis as unknown as { __control?: number }).__control
  }), 1)
  const script: WireNode = ['script', ['type', 'text/javascript', 'data-x', '1'], ['window.__ran = 1']]
  const svg: WireNode = ['svg', [], [['script', [], ['window.__ran = 2'], 1]], 1]
  await receive(
    page,
    { t: 'diff', v: 2, ops: [[4, [], 1, script]] },
    { t: 'diff', v: 3, ops: [[3, [0], script], [4, [2], 0, svg], [7, [2], 2, [['script', ['id', 'u'], ['window.__ran = 3']]]]] },
  )
  const want: WireNode[] = [script, script, ['div', [], [svg, ['script', ['id', 'u'], ['window.__ran = 3']]]]]
  const result = await page.evaluate(() => {
    const root = document.querySelector('[data-lv-root]')!
    const lv = (globalThis as PageGlobals).__lv
    return {
      ran: (globalThis as PageGlobals).__ran ?? null,
      tree: Array.from(root.childNodes, (n) => lv.readNode(n)),
      kinds: Array.from(root.querySelectorAll('script'), (s) => `${s.namespaceURI} ${s.constructor.name}`),
    }
  })
  t.deepEqual(result.tree, want)
  t.is(result.ran, null)
  const HTML = 'http://www.w3.org/1999/xhtml HTMLScriptElement'
  t.deepEqual(result.kinds, [HTML, HTML, 'http://www.w3.org/2000/svg SVGScriptElement', HTML])
  // A full render builds scripts the same way.
  await receive(page, { t: 'render', v: 9, nodes: [script] })
  t.is(await page.evaluate(() => (globalThis as PageGlobals).__ran ?? null), null)
  t.deepEqual(await sent(page), [], 'every frame applied: no refresh')
})

inBrowser('focus, selection and typed text survive a REPLACE of the parent and a SET_ATTR value', async (t) => {
  const page = await livePage('<p><label>Q</label><input id="q" name="q" value=""></p><input id="b" value="two">')
  await page.click('#b')
  await page.keyboard.type('-mine')
  await page.click('#q')
  await page.keyboard.type('hello world')
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight')
  const state = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement
      const b = document.getElementById('b') as HTMLInputElement
      return { id: el.id, value: el.value, attr: el.getAttribute('value'), sel: [el.selectionStart, el.selectionEnd, el.selectionDirection], b: b.value }
    })
  t.deepEqual(await state(), { id: 'q', value: 'hello world', attr: '', sel: [2, 5, 'forward'], b: 'two-mine' })
  const marked = await page.evaluate(() => ((document.getElementById('q') as HTMLInputElement & { mark?: number }).mark = 1))
  t.is(marked, 1)
  await receive(page, { t: 'diff', v: 2, ops: [[3, [0], ['p', ['class', 'new'], [['label', [], ['Q']], ['input', ['id', 'q', 'name', 'q', 'value', 'srv']]]]]] })
  t.deepEqual(await state(), { id: 'q', value: 'hello world', attr: 'srv', sel: [2, 5, 'forward'], b: 'two-mine' })
  t.is(await page.evaluate(() => (document.activeElement as HTMLInputElement & { mark?: number }).mark ?? null), null, 'a new element')
  // Typing goes on where it was: the selection is replaced.
  await page.keyboard.type('!')
  t.is((await state()).value, 'he! world')
  await receive(page, { t: 'diff', v: 3, ops: [[1, [0, 1], 'value', 'server'], [1, [1], 'value', 'server-b']] })
  t.deepEqual(await state(), { id: 'q', value: 'he! world', attr: 'server', sel: [3, 3, 'forward'], b: 'server-b' })
  t.deepEqual(await sent(page), [], 'every frame applied: no refresh')
})

inBrowser('submit sends the form as FormData gives it; key filters match event.key', async (t) => {
  const page = await livePage(
    '<form lv-submit="save" data-form-id="f1" action="/nowhere">' +
      '<input name="tag" value="a"><input name="tag" value="b">' +
      '<select name="opts" multiple><option selected>x</option><option>y</option><option selected>z</option></select>' +
      '<select name="one"><option>p</option><option selected>q</option></select>' +
      '<button name="go" value="now">Go</button><button name="other" value="no">Other</button></form>' +
      '<input id="k" lv-keydown.enter="enter" lv-keyup.escape="esc" lv-keydown.arrowup="up" value="v">',
  )
  await page.evaluate(() => ((globalThis as { __stay?: number }).__stay = 1))
  await page.click('button[name=go]')
  await page.focus('#k')
  for (const key of ['a', 'Enter', 'Escape', 'ArrowUp']) await page.keyboard.press(key)
  t.deepEqual(await sent(page), [
    { t: 'event', ref: 2, name: 'save', params: { formId: 'f1', tag: ['a', 'b'], opts: ['x', 'z'], one: 'q', go: 'now' } },
    // 'a' matched no filter but was typed (at the caret, before the 'v').
    { t: 'event', ref: 3, name: 'enter', params: { value: 'av', key: 'Enter' } },
    { t: 'event', ref: 4, name: 'esc', params: { value: 'av', key: 'Escape' } },
    { t: 'event', ref: 5, name: 'up', params: { value: 'av', key: 'ArrowUp' } },
  ])
  t.is(await page.evaluate(() => (globalThis as { __stay?: number }).__stay), 1, 'the submit did not navigate')
})

inBrowser('click, focus, blur, window keys and click-away; data-* and lv-value-* params', async (t) => {
  const page = await livePage(
    '<button id="b" lv-click="clicked" data-item-id="5" lv-value-item-id="6" lv-value-kind="x" data-lv-skip="1" data-extra="e"><span id="bs">in</span></button>' +
      '<i id="rev" lv-click="rev" lv-value-n="value" data-n="data">r</i>' +
      '<input id="f" lv-focus="focused" lv-blur="blurred" data-field="f" value="v">' +
      '<div id="wrap" lv-focus="wrapFocus"><input id="g"></div>' +
      '<div id="wk" lv-window-keydown.escape="winEsc" lv-window-keydown.+="winPlus" lv-window-keyup="winUp" data-w="1"></div>' +
      '<div id="wt" lv-window-keyup.enter="winEnter" lv-throttle="60000"></div>' +
      '<div id="away" lv-click-away="away" data-a="1"><button id="inside">in</button></div>',
  )
  await page.click('#bs')
  await page.click('#rev')
  await page.click('#inside')
  await page.focus('#f')
  await page.focus('#g') // #f blurs; #wrap's lv-focus is its own focus only
  await page.keyboard.press('Escape')
  await page.keyboard.press('+')
  await page.keyboard.press('a')
  await page.evaluate(() => (document.activeElement as HTMLElement).blur())
  await page.keyboard.press('Enter') // on the body: no field value
  await page.keyboard.press('Enter')
  t.deepEqual(await sent(page), [
    // lv-value-* wins over data-* wherever it stands; data-lv-* is ours.
    ev(2, 'clicked', { itemId: '6', kind: 'x', extra: 'e' }),
    ev(3, 'away', { a: '1' }),
    ev(4, 'rev', { n: 'value' }),
    ev(5, 'away', { a: '1' }),
    // A click inside #away: nothing.
    ev(6, 'focused', { field: 'f', value: 'v' }),
    ev(7, 'blurred', { field: 'f', value: 'v' }),
    ev(8, 'winEsc', { w: '1', key: 'Escape', value: '' }),
    ev(9, 'winUp', { w: '1', key: 'Escape', value: '' }),
    ev(10, 'winPlus', { w: '1', key: '+', value: '' }),
    // The keys typed into the focused #g, whose value key events carry.
    ev(11, 'winUp', { w: '1', key: '+', value: '+' }),
    ev(12, 'winUp', { w: '1', key: 'a', value: '+a' }),
    ev(13, 'winUp', { w: '1', key: 'Enter' }),
    // The carrier's own lv-throttle: the second Enter waits for the window's end (a minute).
    ev(14, 'winEnter', { key: 'Enter' }),
    ev(15, 'winUp', { w: '1', key: 'Enter' }),
  ])
})

inBrowser('form payloads: checkbox groups and multi-selects always arrays, _target, a field’s own lv-change', async (t) => {
  const page = await livePage(
    '<form id="fm" lv-change="validate" lv-submit="save" lv-value-form="signup">' +
      '<input name="email" value="a@b">' +
      '<input type="checkbox" name="tags" value="red" checked><input type="checkbox" name="tags" value="blue">' +
      '<input type="checkbox" name="none" value="x"><input type="checkbox" name="none" value="y">' +
      '<input type="checkbox" name="solo[]" value="s">' +
      '<input type="checkbox" name="agree" value="yes">' +
      '<select name="opts" multiple><option>x</option><option selected>y</option></select>' +
      '<select name="empty" multiple><option>p</option></select>' +
      '<input id="own" name="own" lv-change="ownChange" value="o">' +
      '<button name="go" value="1">Go</button></form>' +
      '<form><input id="lone" name="lone" lv-change="lone" value="l"><button type="button">x</button></form>',
  )
  const fields = { email: 'a@b', tags: ['red'], none: [], solo: [], opts: ['y'], empty: [], own: 'o' }
  const base = { form: 'signup', ...fields }
  await page.check('[name=agree]')
  await page.check('[name="solo[]"]')
  await page.fill('#own', 'o2')
  await page.press('#own', 'Tab')
  await page.fill('#lone', 'l2')
  await page.press('#lone', 'Tab')
  await page.selectOption('[name=opts]', [])
  await page.click('[name=go]')
  t.deepEqual(await sent(page), [
    ev(2, 'validate', { ...base, agree: 'yes', _target: 'agree' }),
    ev(3, 'validate', { ...base, agree: 'yes', solo: ['s'], _target: 'solo' }),
    // A field's lv-change in a form with lv-change: the whole form, under the field's handler
    // (with the field's own explicit params, not the form's).
    ev(4, 'ownChange', { ...fields, agree: 'yes', solo: ['s'], own: 'o2', _target: 'own' }),
    // A form without lv-change: the field alone.
    ev(5, 'lone', { value: 'l2' }),
    ev(6, 'validate', { ...base, agree: 'yes', solo: ['s'], own: 'o2', opts: [], _target: 'opts' }),
    ev(7, 'save', { ...base, agree: 'yes', solo: ['s'], own: 'o2', opts: [], go: '1' }),
  ])
})

/**
 * Sets the value of the field at `selector` and dispatches `input`, once per value, all in one
 * task; returns what the client sent (after its join) by the end of that task, before any timer
 * could run.
 */
function typeAll(page: Page, selector: string, values: string[]): Promise<ClientFrame[]> {
  return page.evaluate(
    ([sel, list]) => {
      const el = document.querySelector(sel) as HTMLInputElement
      for (const value of list) {
        el.value = value
        el.dispatchEvent(new Event('input', { bubbles: true }))
      }
      return (globalThis as PageGlobals).__server.sent.slice(1)
    },
    [selector, values] as const,
  )
}

inBrowser('debounce: the last value after the quiet time, on blur, flushed by a submit; the view’s limits', async (t) => {
  const page = await livePage(
    '<input id="d" lv-input="typed" lv-debounce="80">' +
      '<input id="bl" lv-input="blurry" lv-debounce="blur">' +
      '<input id="s" lv-input="search">' +
      '<form lv-submit="save"><input id="q" name="q" lv-input="query" lv-debounce="5000"></form>',
    { root: `data-lv-limits='{"search":["debounce",80]}'` },
  )
  t.deepEqual(await typeAll(page, '#d', ['1', '12', '123']), [], 'nothing before the quiet time')
  t.deepEqual(await sentCount(page, 1), [ev(2, 'typed', { value: '123' })])
  await typeAll(page, '#s', ['a', 'ab'])
  t.deepEqual((await sentCount(page, 2)).slice(1), [ev(3, 'search', { value: 'ab' })], 'the view’s @debounce')
  await page.focus('#bl')
  await typeAll(page, '#bl', ['x', 'xy'])
  await page.waitForTimeout(150)
  t.is((await sent(page)).length, 2, 'blur: nothing while focused')
  await page.focus('#d')
  t.deepEqual((await sent(page)).slice(2), [ev(4, 'blurry', { value: 'xy' })])
  // A submit from the same form sends the waiting event first, at once.
  await typeAll(page, '#q', ['h', 'hi'])
  await page.evaluate(() => document.querySelector('form')!.requestSubmit())
  t.deepEqual((await sent(page)).slice(3), [ev(5, 'query', { value: 'hi' }), ev(6, 'save', { q: 'hi' })])
  await page.waitForTimeout(200)
  t.is((await sent(page)).length, 5, 'superseded timers send nothing')
})

inBrowser('throttle: the first at once, the last of the window when it ends; the element’s attribute wins over the view’s', async (t) => {
  const page = await livePage('<input id="t" lv-input="tick" lv-throttle="150"><input id="s" lv-input="search" lv-throttle="150">', {
    root: `data-lv-limits='{"search":["debounce",5000]}'`,
  })
  t.deepEqual(await typeAll(page, '#t', ['1', '2', '3', '4', '5']), [ev(2, 'tick', { value: '1' })])
  t.deepEqual(await sentCount(page, 2), [ev(2, 'tick', { value: '1' }), ev(3, 'tick', { value: '5' })])
  await page.waitForTimeout(400)
  t.is((await sent(page)).length, 2, 'no trailing event after a quiet window')
  t.deepEqual((await typeAll(page, '#s', ['a', 'b'])).slice(2), [ev(4, 'search', { value: 'a' })], 'lv-throttle, not the view’s debounce')
  t.deepEqual((await sentCount(page, 4)).slice(2), [ev(4, 'search', { value: 'a' }), ev(5, 'search', { value: 'b' })])
})

const FORM =
  '<form id="f" lv-submit="save"><input name="t" value="x"><textarea name="a">y</textarea><select name="s"><option>1</option></select>' +
  '<button id="sv" lv-disable-with="Saving…">Save <b>now</b></button><input type="submit" id="alt" lv-disable-with="Wait" value="Alt"></form>'

inBrowser('loading classes; lv-disable-with and the locked form until the reply; a second submit is ignored', async (t) => {
  const page = await livePage('<button id="c" class="btn" lv-click="go">Go</button>' + FORM)
  const server = await tree(page)
  await page.click('#c')
  t.deepEqual(await tree(page, '#c'), [['button', ['id', 'c', 'class', 'btn lv-click-loading', 'lv-click', 'go'], ['Go']]])
  await page.click('#sv')
  await page.evaluate(() => document.querySelector('form')!.requestSubmit())
  t.deepEqual(await tree(page, '#f'), [
    [
      'form',
      ['id', 'f', 'lv-submit', 'save', 'class', 'lv-submit-loading'],
      [
        ['input', ['name', 't', 'value', 'x', 'readonly', '']],
        ['textarea', ['name', 'a', 'readonly', ''], ['y']],
        ['select', ['name', 's', 'readonly', ''], [['option', [], ['1']]]],
        ['button', ['id', 'sv', 'lv-disable-with', 'Saving…', 'disabled', ''], ['Saving…']],
        ['input', ['type', 'submit', 'id', 'alt', 'lv-disable-with', 'Wait', 'value', 'Wait', 'disabled', '']],
      ],
    ],
  ])
  t.deepEqual(await sent(page), [ev(2, 'go', {}), ev(3, 'save', { t: 'x', a: 'y', s: '1' })], 'the second submit sent nothing')
  await receive(page, { t: 'reply', ref: 3, v: 2 })
  t.deepEqual(await tree(page, '#c'), [['button', ['id', 'c', 'class', 'btn lv-click-loading', 'lv-click', 'go'], ['Go']]], 'ref 2 is still in flight')
  await receive(page, { t: 'error', ref: 2, v: 3, code: 'LIVELOOM_ERR_HANDLER_THREW', message: 'x' })
  t.deepEqual(await tree(page), server, 'exactly the server’s DOM again: the same nodes, attributes in order')
  t.is(await page.evaluate(() => document.querySelector('#sv b')?.textContent), 'now')
  await page.click('#sv')
  t.deepEqual((await sent(page)).slice(2), [ev(4, 'save', { t: 'x', a: 'y', s: '1' })], 'unlocked')
})

inBrowser('patches while feedback is on apply to the server’s DOM; after the reply the DOM is exactly the server’s tree', async (t) => {
  const page = await livePage('<button id="c" class="a" lv-click="go">Go</button>' + FORM)
  await page.click('#c')
  await page.click('#sv')
  // The server changes the loading button's class, the submit button's children and the form.
  await receive(
    page,
    { t: 'diff', v: 2, ops: [[1, [0], 'class', 'b'], [0, [1, 3, 0], 'Store '], [4, [1, 3], 2, ['i', [], ['!']]], [4, [1], 0, ['input', ['name', 'n', 'value', 'new']]]] },
  )
  t.deepEqual(await tree(page, '#c'), [['button', ['id', 'c', 'class', 'b lv-click-loading', 'lv-click', 'go'], ['Go']]])
  t.deepEqual((await tree(page, '#sv'))[0], ['button', ['id', 'sv', 'lv-disable-with', 'Saving…', 'disabled', ''], ['Saving…']])
  await receive(page, { t: 'reply', ref: 2, v: 3, ops: [[2, [0], 'class']] })
  t.deepEqual(await tree(page, '#c'), [['button', ['id', 'c', 'lv-click', 'go'], ['Go']]])
  await receive(page, { t: 'reply', ref: 3, v: 4, ops: [[0, [1, 4, 0], 'Stored ']] })
  t.deepEqual(await tree(page), [
    ['button', ['id', 'c', 'lv-click', 'go'], ['Go']],
    [
      'form',
      ['id', 'f', 'lv-submit', 'save'],
      [
        ['input', ['name', 'n', 'value', 'new']],
        ['input', ['name', 't', 'value', 'x']],
        ['textarea', ['name', 'a'], ['y']],
        ['select', ['name', 's'], [['option', [], ['1']]]],
        ['button', ['id', 'sv', 'lv-disable-with', 'Saving…'], ['Stored ', ['b', [], ['now']], ['i', [], ['!']]]],
        ['input', ['type', 'submit', 'id', 'alt', 'lv-disable-with', 'Wait', 'value', 'Alt']],
      ],
    ],
  ])
  t.deepEqual((await sent(page)).map((f) => f.t), ['event', 'event'], 'every op fit: no refresh')
})

inBrowser('lv-confirm: declined sends nothing (and a form does not navigate); accepted sends', async (t) => {
  const page = await livePage('<button id="del" lv-click="del" lv-confirm="Sure?">x</button><form lv-submit="save" action="/away"><button id="go" lv-confirm="Send?">go</button></form>')
  await page.evaluate(() => ((globalThis as PageGlobals).__server.confirms = [false, true, false, true]))
  for (const sel of ['#del', '#del', '#go', '#go']) await page.click(sel)
  t.deepEqual(await page.evaluate(() => (globalThis as PageGlobals).__server.asked), ['Sure?', 'Sure?', 'Send?', 'Send?'])
  t.deepEqual(await sent(page), [ev(2, 'del', {}), ev(3, 'save', {})])
  t.is(await page.evaluate(() => location.href), 'about:blank', 'no navigation')
})

/** Defines hook `Rec`, which logs every callback with its element's id and text. */
const RECORDING_HOOKS = `window.LiveloomHooks = { Rec: Object.fromEntries(
  ['mounted', 'beforeUpdate', 'updated', 'destroyed', 'disconnected', 'reconnected'].map((name) => [name, function () {
    __log.push(name + ' ' + this.el.id + ' ' + this.el.textContent)
  }])) }`

inBrowser('hooks: mounted, beforeUpdate (before the op), updated, destroyed, disconnected, reconnected, in order', async (t) => {
  const page = await livePage('<div id="a" lv-hook="Rec">A</div><div id="box"></div>', { before: RECORDING_HOOKS })
  t.deepEqual(await logged(page, 1), ['mounted a A'])
  await receive(page, { t: 'diff', v: 2, ops: [[4, [1], 0, ['div', ['id', 'b', 'lv-hook', 'Rec'], ['B']]]] })
  await receive(page, { t: 'diff', v: 3, ops: [[0, [1, 0, 0], 'B2'], [1, [1, 0], 'title', 't']] })
  await receive(page, { t: 'diff', v: 4, ops: [[5, [1, 0]]] })
  await page.evaluate(() => (globalThis as PageGlobals).__server.drop())
  const rejoin = (await sentCount(page, 1))[0]
  t.like(rejoin, { t: 'join', ref: 2, v: 4, token: 't2' })
  await receive(page, { t: 'joined', ref: 2, v: 4, token: 't3' })
  t.deepEqual(await logged(page, 7), [
    'mounted a A',
    'mounted b B',
    'beforeUpdate b B',
    'updated b B2',
    'destroyed b B2',
    'disconnected a A',
    'reconnected a A',
  ])
  // A render replaces everything: the old hook goes, the new element's mounts.
  await receive(page, { t: 'diff', v: 5 }, { t: 'render', v: 9, nodes: [['p', ['id', 'c', 'lv-hook', 'Rec'], ['C']]] })
  t.deepEqual((await logged(page, 9)).slice(7), ['destroyed a A', 'mounted c C'])
})

inBrowser('hooks: pushEvent resolves with the reply’s data and rejects on an error or a drop; handleEvent and lv:event get push events', async (t) => {
  const page = await livePage('<div id="h" lv-hook="Ask"></div>', {
    before: `window.LiveloomHooks = { Ask: { mounted() {
        window.__hook = this
        this.handleEvent('ping', (p) => __log.push(['hook', p]))
      } } }
      document.querySelector('[data-lv-root]').addEventListener('lv:event', (e) => __log.push(['lv:event', e.detail]))`,
  })
  await page.waitForFunction(() => '__hook' in globalThis)
  const ask = (params?: object) =>
    page.evaluate((p) => {
      const g = globalThis as PageGlobals & { __hook: { pushEvent(n: string, p?: object): Promise<unknown> } }
      void g.__hook.pushEvent('ask', p).then(
        (data) => g.__log.push(['resolved', data ?? null]),
        (error) => g.__log.push(['rejected', error]),
      )
    }, params)
  const warnings: string[] = []
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()))
  await ask({ q: 1 })
  await ask()
  t.deepEqual(await sent(page), [ev(2, 'ask', { q: 1 }), ev(3, 'ask', {})])
  await receive(
    page,
    { t: 'reply', ref: 2, v: 2, data: { answer: 42 }, effects: [['event', 'ping', { n: 1 }], ['warn', 'careful']] },
    { t: 'error', ref: 3, v: 3, code: 'LIVELOOM_ERR_EVENT_PARAMS', message: 'bad' },
  )
  await ask()
  await page.evaluate(() => (globalThis as PageGlobals).__server.drop())
  t.deepEqual(await logged(page, 5), [
    ['lv:event', { name: 'ping', payload: { n: 1 } }],
    ['hook', { n: 1 }],
    ['resolved', { answer: 42 }],
    ['rejected', { code: 'LIVELOOM_ERR_EVENT_PARAMS', message: 'bad' }],
    ['rejected', { code: 'LIVELOOM_ERR_DISCONNECTED', message: 'the socket is down: the event got no reply' }],
  ])
  t.deepEqual(warnings, ['careful'])
})

inBrowser('checked and selected follow the server on a focused checkbox and select; a typed value does not', async (t) => {
  const page = await livePage('<input id="cb" type="checkbox"><input id="cb2" type="checkbox" checked><select id="sel"><option value="a">a</option><option value="b">b</option></select><input id="txt" value="s">')
  await page.click('#cb')
  await page.click('#cb2')
  await page.selectOption('#sel', 'b')
  await page.focus('#cb')
  const state = () =>
    page.evaluate(() => {
      const [cb, cb2, sel, txt] = ['cb', 'cb2', 'sel', 'txt'].map((id) => document.getElementById(id) as HTMLInputElement)
      return { cb: cb.checked, cb2: cb2.checked, sel: sel.value, txt: txt.value }
    })
  t.deepEqual(await state(), { cb: true, cb2: false, sel: 'b', txt: 's' })
  // The server echoes the focused checkbox's state, then takes it back; an unrelated change keeps cb2.
  await receive(page, { t: 'diff', v: 2, ops: [[1, [0], 'checked', '']] }, { t: 'diff', v: 3, ops: [[2, [0], 'checked'], [1, [1], 'class', 'x']] })
  t.deepEqual(await state(), { cb: false, cb2: false, sel: 'b', txt: 's' })
  await page.focus('#sel')
  await receive(page, { t: 'diff', v: 4, ops: [[1, [2, 0], 'selected', '']] })
  t.deepEqual(await state(), { cb: false, cb2: false, sel: 'a', txt: 's' })
  await page.click('#txt')
  await page.keyboard.type('!')
  await receive(page, { t: 'diff', v: 5, ops: [[1, [3], 'value', 'server'], [1, [1], 'checked', '']] })
  t.deepEqual(await state(), { cb: false, cb2: true, sel: 'a', txt: 's!' })
  t.deepEqual(await sent(page), [], 'every op fit: no refresh')
})

inBrowser('after a submit’s reply the form shows the server’s values, focus kept; after an error the user’s values stay', async (t) => {
  const page = await livePage('<form lv-submit="add"><input id="n" name="n" value=""><input id="c" type="checkbox" name="c"><button>add</button></form>')
  const state = () =>
    page.evaluate(() => {
      const [n, c] = ['n', 'c'].map((id) => document.getElementById(id) as HTMLInputElement)
      return { n: n.value, c: c.checked, focused: document.activeElement?.id }
    })
  await page.click('#c')
  await page.click('#n')
  await page.keyboard.type('first')
  await page.keyboard.press('Enter')
  await receive(page, { t: 'error', ref: 2, v: 2, code: 'LIVELOOM_ERR_EVENT_PARAMS', message: 'x' })
  t.deepEqual(await state(), { n: 'first', c: true, focused: 'n' })
  await page.keyboard.type('!')
  await page.keyboard.press('Enter')
  // The server cleared the field: its value attribute stays "", so no op says so.
  await receive(page, { t: 'reply', ref: 3, v: 3, ops: [[1, [0], 'class', 'sent']] })
  t.deepEqual(await state(), { n: '', c: false, focused: 'n' })
  t.deepEqual(await sent(page), [ev(2, 'add', { n: 'first', c: 'on' }), ev(3, 'add', { n: 'first!', c: 'on' })])
})
