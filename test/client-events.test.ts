/**
 * Event delegation and params (client/events.ts, client/params.ts) under happy-dom, through the
 * whole client: each browser event must send exactly the expected `event` frame.
 */
import test from 'ava'
import type { ClientFrame, EventParams } from '../src/protocol/frames.js'
import { handlerNames } from '../client/events.js'
import { fire, join, startLive, type Harness } from './support/client-harness.js'

/** The exact `event` frame expected. */
const ev = (ref: number, name: string, params: Record<string, unknown>): ClientFrame => ({ t: 'event', ref, name, params: params as EventParams })

/** A joined live page with `html`; `events()` returns the event frames sent since. */
function page(html: string): Harness & { events(): ClientFrame[]; $(selector: string): HTMLElement } {
  const h = startLive(html)
  join(h)
  const before = h.sent().length
  return Object.assign(h, {
    events: () => h.sent().slice(before),
    $: (selector: string) => h.container.querySelector(selector) as HTMLElement,
  })
}

test('click: the nearest element with lv-click, its data-* params camelCased, without data-lv-*', (t) => {
  const h = page(
    '<ul lv-click="outer" data-list="l1"><li lv-click="select" data-item-id="5" data-lv-x="1" data-lv="2" data-lvl="3" data-kind="a"><span><b>x</b></span></li><li>plain</li></ul>',
  )
  fire(h, h.$('b'), 'click')
  fire(h, h.$('li:nth-child(2)'), 'click')
  fire(h, h.container, 'click')
  t.deepEqual(h.events(), [
    ev(2, 'select', { itemId: '5', lvl: '3', kind: 'a' }),
    ev(3, 'outer', { list: 'l1' }),
  ])
})

test('input and change on fields: value, checked, select multiple', (t) => {
  const h = page(
    '<input id="q" lv-input="search" data-scope="all" value="abc">' +
      '<input id="c" type="checkbox" lv-change="toggle" value="yes" checked>' +
      '<input id="r" type="radio" lv-change="pick" name="r" value="b">' +
      '<select id="s" lv-change="one"><option>a</option><option selected>b</option></select>' +
      '<select id="m" multiple lv-change="many"><option selected>a</option><option>b</option><option value="c3" selected>c</option></select>' +
      '<textarea id="t" lv-input="note">hello</textarea>',
  )
  ;(h.$('#q') as HTMLInputElement).value = 'abcd'
  fire(h, h.$('#q'), 'input')
  ;(h.$('#c') as HTMLInputElement).checked = false
  fire(h, h.$('#c'), 'change')
  ;(h.$('#r') as HTMLInputElement).checked = true
  fire(h, h.$('#r'), 'change')
  fire(h, h.$('#s'), 'change')
  fire(h, h.$('#m'), 'change')
  fire(h, h.$('#t'), 'input')
  fire(h, h.$('#q'), 'change') // no lv-change anywhere up the tree
  t.deepEqual(h.events(), [
    ev(2, 'search', { scope: 'all', value: 'abcd' }),
    ev(3, 'toggle', { value: 'yes', checked: false }),
    ev(4, 'pick', { value: 'b', checked: true }),
    ev(5, 'one', { value: 'b' }),
    ev(6, 'many', { value: ['a', 'c3'] }),
    ev(7, 'note', { value: 'hello' }),
  ])
})

// happy-dom's FormData gives one value for a <select multiple>; client-chromium.test.ts checks
// that case in a real browser.
test('submit: preventDefault, the form fields with repeated names as arrays, the submitter, data-* params', (t) => {
  const h = page(
    '<form lv-submit="save" data-form-id="f1" data-lv-skip="1">' +
      '<input name="title" value="T"><input name="tag" value="a"><input name="tag" value="b"><input name="tag" value="c">' +
      '<input type="checkbox" name="off"><input type="checkbox" name="on" checked>' +
      '<button name="go" value="now">Go</button><button name="other" value="no">Other</button></form>',
  )
  const form = h.$('form') as HTMLFormElement
  let submitted: Event | undefined
  form.addEventListener('submit', (e) => (submitted = e))
  form.requestSubmit(h.$('button') as HTMLButtonElement)
  t.true(submitted?.defaultPrevented)
  t.deepEqual(h.events(), [ev(2, 'save', { formId: 'f1', title: 'T', tag: ['a', 'b', 'c'], on: 'on', go: 'now' })])
})

test('a form with lv-change sends the whole form on any field change, with _target', (t) => {
  const h = page('<form lv-change="validate" data-step="2"><input name="a" value="1"><input name="b" value="2"></form>')
  ;(h.$('[name=b]') as HTMLInputElement).value = '22'
  fire(h, h.$('[name=b]'), 'change')
  t.deepEqual(h.events(), [ev(2, 'validate', { step: '2', a: '1', b: '22', _target: 'b' })])
})

test('key filters: case-insensitive on event.key, several on one element, none = any key', (t) => {
  const h = page(
    '<div lv-keyup="typed" lv-keyup.space="space" lv-keydown.arrowup="up" data-grid="g">' +
      '<input id="e" lv-keydown.enter="save" lv-keydown.escape="cancel" lv-keydown.a="letter" data-row="2" value="draft">' +
      '</div>',
  )
  const input = h.$('#e')
  for (const key of ['Enter', 'Escape', 'x', 'A', 'ArrowUp']) fire(h, input, 'keydown', { key })
  fire(h, input, 'keyup', { key: ' ' })
  t.deepEqual(h.events(), [
    ev(2, 'save', { row: '2', value: 'draft', key: 'Enter' }),
    ev(3, 'cancel', { row: '2', value: 'draft', key: 'Escape' }),
    ev(4, 'letter', { row: '2', value: 'draft', key: 'A' }),
    // No filter on the input matched ArrowUp; the div's did. The target is a field: its value.
    ev(5, 'up', { grid: 'g', key: 'ArrowUp', value: 'draft' }),
    // Both the unfiltered and the space handler, in attribute order.
    ev(6, 'typed', { grid: 'g', key: ' ', value: 'draft' }),
    ev(7, 'space', { grid: 'g', key: ' ', value: 'draft' }),
  ])
})

test('handlerNames reads plain and key-filtered directives', (t) => {
  const h = page('<i lv-click="c" lv-click.enter="no" lv-keydown="any" lv-keydown.pageup="pu" lv-keydown.enter="e"></i>')
  const el = h.$('i')
  t.deepEqual(handlerNames(el, 'lv-click'), ['c'])
  t.deepEqual(handlerNames(el, 'lv-keydown', 'PageUp'), ['any', 'pu'])
  t.deepEqual(handlerNames(el, 'lv-keydown', 'Enter'), ['any', 'e'])
  t.deepEqual(handlerNames(el, 'lv-keyup', 'Enter'), [])
})

test('lv-value-* params: camelCased, winning over data-* wherever they stand', (t) => {
  const h = page('<b lv-click="a" lv-value-item-id="v1" data-item-id="d1" data-x="dx"></b><i lv-click="b" data-item-id="d2" lv-value-item-id="v2" lv-value-only="o"></i>')
  fire(h, h.$('b'), 'click')
  fire(h, h.$('i'), 'click')
  t.deepEqual(h.events(), [ev(2, 'a', { itemId: 'v1', x: 'dx' }), ev(3, 'b', { itemId: 'v2', only: 'o' })])
})

test('form arrays: groups and names ending in [] (the key drops it) are arrays when empty; disabled fields are left out', (t) => {
  const h = page(
    '<form lv-input="typed"><input type="checkbox" name="g" value="1"><input type="checkbox" name="g" value="2">' +
      '<input type="checkbox" name="many[]" value="m"><input name="texts[]" value="t1"><input name="texts[]" value="t2">' +
      '<input type="checkbox" name="off" disabled><input type="checkbox" name="dis" value="d" disabled><input type="checkbox" name="dis" value="e" disabled>' +
      '<input id="q" name="q" value="v"></form>',
  )
  fire(h, h.$('#q'), 'input')
  t.deepEqual(h.events(), [ev(2, 'typed', { g: [], many: [], texts: ['t1', 't2'], q: 'v', _target: 'q' })])
})

test('lv-focus and lv-blur belong to the element itself, not its ancestors', (t) => {
  const h = page('<div lv-focus="wrap" lv-blur="wrapOut"><input id="i" lv-focus="in" data-n="1"><input id="j"></div>')
  fire(h, h.$('#i'), 'focusin')
  fire(h, h.$('#j'), 'focusin')
  fire(h, h.$('#j'), 'focusout')
  t.deepEqual(h.events(), [ev(2, 'in', { n: '1', value: '' })])
})

test('window keys fire for every carrier, filtered by key (a key name that needs escaping in a selector too); click-away for carriers outside the click', (t) => {
  const h = page(
    '<p id="a" lv-window-keydown="any" lv-window-keydown..="dot"></p><p id="b" lv-window-keyup.arrowup="up"></p>' +
      '<div id="x" lv-click-away="awayX"><span id="in">in</span></div><div id="y" lv-click-away="awayY"></div>',
  )
  const win = h.document.defaultView!
  win.dispatchEvent(new h.window.KeyboardEvent('keydown', { key: '.' }) as unknown as Event)
  win.dispatchEvent(new h.window.KeyboardEvent('keyup', { key: 'ArrowUp' }) as unknown as Event)
  fire(h, h.$('#in'), 'click')
  t.deepEqual(h.events(), [ev(2, 'any', { key: '.' }), ev(3, 'dot', { key: '.' }), ev(4, 'up', { key: 'ArrowUp' }), ev(5, 'awayY', {})])
})
