/**
 * Feedback while events are in flight (client/feedback.ts) under happy-dom through the whole
 * client: loading classes per directive, several events in flight on one element answered out of
 * order, the locked form, and the rule that keeps the DOM equal to the server's tree: the local
 * changes are undone around every frame and gone for good after the reply, a disconnect or a
 * render. client-chromium.test.ts checks the same, with patches in between, in a real browser.
 */
import test from 'ava'
import { fire, join, startLive, type Harness } from './support/client-harness.js'

function page(html: string): Harness & { html(): string; $(selector: string): HTMLElement } {
  const h = startLive(html)
  join(h)
  return Object.assign(h, { html: () => h.container.innerHTML, $: (selector: string) => h.container.querySelector(selector) as HTMLElement })
}

test('each directive’s own loading class; two events in flight on one element, answered out of order', (t) => {
  const h = page('<button id="b" class="x" lv-click="go" lv-keyup="up">b</button><form lv-change="check"><input name="q"></form>')
  fire(h, h.$('#b'), 'click')
  fire(h, h.$('#b'), 'click')
  fire(h, h.$('#b'), 'keyup', { key: 'a' })
  fire(h, h.$('input'), 'change')
  t.is(h.$('#b').getAttribute('class'), 'x lv-click-loading lv-click-loading lv-keyup-loading')
  t.is(h.$('form').getAttribute('class'), 'lv-change-loading')
  h.socket().receive({ t: 'reply', ref: 3, v: 2 })
  t.is(h.$('#b').getAttribute('class'), 'x lv-click-loading lv-keyup-loading')
  h.socket().receive({ t: 'reply', ref: 4, v: 3, ops: [[1, [0], 'class', 'y']] })
  t.is(h.$('#b').getAttribute('class'), 'y lv-click-loading', 'the server’s new class under the feedback still in flight')
  const consoleError = console.error
  console.error = () => {}
  try {
    h.socket().receive({ t: 'error', ref: 2, v: 4, code: 'LIVELOOM_ERR_HANDLER_THREW', message: 'm' })
  } finally {
    console.error = consoleError
  }
  h.socket().receive({ t: 'reply', ref: 5, v: 5 })
  t.is(h.html(), '<button id="b" class="y" lv-click="go" lv-keyup="up">b</button><form lv-change="check"><input name="q"></form>')
})

test('a submit locks its form until the reply: fields readonly, buttons disabled, lv-disable-with text; further submits ignored', (t) => {
  const h = page('<div lv-submit="wrapped"><form><input name="a" value="1"><button id="s" lv-disable-with="…">Save</button></form></div>')
  const button = h.$('#s') as HTMLButtonElement
  const form = h.$('form') as HTMLFormElement
  form.requestSubmit(button)
  form.requestSubmit(button)
  t.is(
    h.html(),
    '<div lv-submit="wrapped" class="lv-submit-loading"><form class="lv-submit-loading"><input name="a" value="1" readonly=""><button id="s" lv-disable-with="…" disabled="">…</button></form></div>',
  )
  t.deepEqual(h.sent().slice(1), [{ t: 'event', ref: 2, name: 'wrapped', params: { a: '1' } }])
  h.socket().receive({ t: 'reply', ref: 2, v: 2 })
  t.is(h.html(), '<div lv-submit="wrapped"><form><input name="a" value="1"><button id="s" lv-disable-with="…">Save</button></form></div>')
  t.is(button.firstChild, h.$('#s').firstChild, 'the button’s own text node is back')
})

test('a disconnect ends every feedback; a render leaves none; a late reply changes nothing', (t) => {
  const h = page('<button id="b" lv-click="go">b</button>')
  fire(h, h.$('#b'), 'click')
  h.socket().close(1006)
  t.is(h.html(), '<button id="b" lv-click="go">b</button>')
  h.run()
  h.socket().open()
  h.socket().receive({ t: 'joined', ref: 3, v: 1, token: 't' })
  fire(h, h.$('#b'), 'click')
  t.is(h.html(), '<button id="b" lv-click="go" class="lv-click-loading">b</button>')
  h.socket().receive({ t: 'render', v: 5, nodes: [['button', ['id', 'b', 'lv-click', 'go'], ['new']]] })
  t.is(h.html(), '<button id="b" lv-click="go">new</button>', 'the old button is gone, and its feedback with it')
  h.socket().receive({ t: 'reply', ref: 4, v: 6 })
  t.is(h.html(), '<button id="b" lv-click="go">new</button>')
})

test('lv-confirm on the element or the submitter: declined sends nothing', (t) => {
  const h = page('<button id="b" lv-click="del" lv-confirm="Delete?">x</button><form lv-submit="save"><button id="s" lv-confirm="Send?">s</button></form>')
  h.confirms.push(false, true, false)
  fire(h, h.$('#b'), 'click')
  fire(h, h.$('#b'), 'click')
  let submit: Event | undefined
  h.$('form').addEventListener('submit', (e) => (submit = e))
  ;(h.$('form') as HTMLFormElement).requestSubmit(h.$('#s') as HTMLButtonElement)
  t.true(submit?.defaultPrevented)
  t.deepEqual(h.asked, ['Delete?', 'Delete?', 'Send?'])
  t.deepEqual(h.sent().slice(1), [{ t: 'event', ref: 2, name: 'del', params: {} }])
})
