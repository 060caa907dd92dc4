/**
 * What the user is doing survives patches (client/focus.ts), under happy-dom through the whole
 * client: the focused field keeps its typed value, selection and focus (also when the patch
 * replaces or moves it); other fields show the server's state. client-chromium.test.ts checks
 * the same in a real browser with real typing.
 */
import test from 'ava'
import { join, startLive, type Harness } from './support/client-harness.js'
import type { WireOp } from '../src/protocol/ops.js'

function page(html: string): Harness & { $(selector: string): HTMLInputElement; diff(...ops: WireOp[]): void } {
  const h = startLive(html)
  join(h, 1)
  let v = 1
  return Object.assign(h, {
    $: (selector: string) => h.container.querySelector(selector) as HTMLInputElement,
    diff: (...ops: WireOp[]) => h.socket().receive({ t: 'diff', v: ++v, ops }),
  })
}

test('SET_ATTR value: the focused input keeps what the user typed and its selection; others follow the server', (t) => {
  const h = page('<input id="a" value="one"><input id="b" value="two">')
  const a = h.$('#a')
  const b = h.$('#b')
  b.value = 'edited' // a dirty field: its attribute alone would no longer show
  a.focus()
  a.value = 'typing'
  a.setSelectionRange(1, 3, 'backward')
  h.diff([1, [0], 'value', 'server-a'], [1, [1], 'value', 'server-b'])
  t.is(a.getAttribute('value'), 'server-a')
  t.is(a.value, 'typing')
  t.deepEqual([a.selectionStart, a.selectionEnd, a.selectionDirection], [1, 3, 'backward'])
  t.is(h.document.activeElement, a)
  t.is(b.value, 'server-b')
  t.deepEqual(h.sent().length, 1, 'no refresh')
})

test('checked, selected and textarea text follow the server on unfocused fields', (t) => {
  const h = page('<input id="c" type="checkbox"><select id="s"><option>a</option><option>b</option></select><textarea id="t">x</textarea>')
  const c = h.$('#c')
  const t1 = h.$('#t')
  c.checked = true
  t1.value = 'edited'
  h.diff([2, [0], 'checked'], [1, [1, 1], 'selected', ''], [0, [2, 0], 'server'])
  t.false(c.checked)
  t.is((h.$('#s') as unknown as HTMLSelectElement).value, 'b')
  t.is(t1.value, 'server')
  h.diff([1, [0], 'checked', ''])
  t.true(c.checked)
})

test('the focused textarea keeps its text when the server changes its content', (t) => {
  const h = page('<textarea id="t">x</textarea>')
  const area = h.$('#t')
  area.focus()
  area.value = 'my draft'
  h.diff([0, [0, 0], 'server'])
  t.is(area.defaultValue, 'server')
  t.is(area.value, 'my draft')
})

test('a REPLACE of the focused input’s parent focuses the new input with the typed value and selection', (t) => {
  const h = page('<p><label>Name</label><input name="q" value="a"></p><p><input name="other"></p>')
  const old = h.$('[name=q]')
  old.focus()
  old.value = 'hello world'
  old.setSelectionRange(2, 5)
  h.diff([3, [0], ['p', ['class', 'new'], [['label', [], ['Name']], ['input', ['name', 'q', 'value', 'server']]]]])
  const now = h.$('[name=q]')
  t.not(now, old)
  t.is(h.document.activeElement, now)
  t.is(now.value, 'hello world')
  t.is(now.getAttribute('value'), 'server')
  t.deepEqual([now.selectionStart, now.selectionEnd], [2, 5])
})

test('a focused input found by id after an insert shifted its path, and after a render', (t) => {
  const h = page('<div><input id="x" value=""></div>')
  const old = h.$('#x')
  old.focus()
  old.value = 'typed'
  h.diff([4, [], 0, ['h1', [], ['title']]], [3, [1, 0], ['input', ['id', 'x', 'value', 'srv']]])
  t.is(h.document.activeElement, h.$('#x'))
  t.is(h.$('#x').value, 'typed')
  h.socket().receive({ t: 'render', v: 9, nodes: [['section', [], [['input', ['id', 'x']]]]] })
  t.is(h.container.innerHTML, '<section><input id="x"></section>')
  t.is(h.document.activeElement, h.$('#x'))
  t.is(h.$('#x').value, 'typed')
})

test('a moved focused input is focused again; an ambiguous replacement is not guessed', (t) => {
  const h = page('<input name="a"><input name="b" value="">')
  const b = h.$('[name=b]')
  b.focus()
  b.value = 'kept'
  h.diff([6, [], 1, 0])
  t.is(h.container.firstElementChild, b)
  t.is(h.document.activeElement, b)
  t.is(b.value, 'kept')
  // Two radios share a name: the replacement of one cannot be told apart at another path.
  const r = page('<div><input type="radio" name="r" value="1"></div><input type="radio" name="r" value="2">')
  r.$('input').focus()
  r.diff([5, [0]], [4, [], 1, ['input', ['type', 'radio', 'name', 'r', 'value', '1']]])
  t.is(r.document.activeElement, r.document.body)
})
