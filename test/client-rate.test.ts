/**
 * Rate limits (client/rate.ts) under happy-dom through the whole client, with hand-driven timers:
 * debounce (ms and blur, last value wins, superseded timers do nothing), throttle (first at once,
 * the window's last one when it ends, which opens the next window), the view's limits from
 * `data-lv-limits` and the element's attribute winning over them, the flush that keeps a form's
 * order, and submits that are never limited. client-chromium.test.ts runs the same with real
 * timers in a real browser.
 */
import test from 'ava'
import type { ClientFrame, EventParams } from '../src/protocol/frames.js'
import { fire, join, startLive, type Harness } from './support/client-harness.js'

const ev = (ref: number, name: string, params: Record<string, unknown>): ClientFrame => ({ t: 'event', ref, name, params: params as EventParams })

/** A joined live page; `events()` returns the event frames sent since the join; `type` sets a field's value and fires `input`. */
function page(html: string, limits?: string): Harness & { events(): ClientFrame[]; type(selector: string, value: string): void } {
  const h = startLive(html, { before: (c) => limits && c.setAttribute('data-lv-limits', limits) })
  join(h)
  return Object.assign(h, {
    events: () => h.sent().slice(1),
    type: (selector: string, value: string) => {
      const el = h.container.querySelector(selector) as HTMLInputElement
      el.value = value
      fire(h, el, 'input')
    },
  })
}

/** Fires every pending timer, oldest first, including those they set. */
function runAll(h: Harness): void {
  while (h.timers.length) h.run()
}

test('lv-debounce="ms": one event with the last value when the newest timer fires; older timers do nothing', (t) => {
  const h = page('<input id="d" lv-input="typed" lv-debounce="300">')
  for (const value of ['a', 'ab', 'abc']) h.type('#d', value)
  t.deepEqual(h.timers.map((x) => x.ms), [300, 300, 300])
  h.run()
  h.run()
  t.deepEqual(h.events(), [], 'superseded')
  h.run()
  t.deepEqual(h.events(), [ev(2, 'typed', { value: 'abc' })])
})

test('lv-debounce="blur": no timer; sent when the field loses focus (and a ms debounce is flushed by blur too)', (t) => {
  const h = page('<input id="b" lv-input="blurry" lv-debounce="blur"><input id="m" lv-input="ms" lv-debounce="5000"><input id="other">')
  h.type('#b', 'x')
  h.type('#b', 'xy')
  t.deepEqual(h.timers, [])
  fire(h, h.container.querySelector('#other')!, 'focusout')
  t.deepEqual(h.events(), [], 'another element blurred')
  fire(h, h.container.querySelector('#b')!, 'focusout')
  h.type('#m', 'q')
  fire(h, h.container.querySelector('#m')!, 'focusout')
  t.deepEqual(h.events(), [ev(2, 'blurry', { value: 'xy' }), ev(3, 'ms', { value: 'q' })])
  runAll(h)
  t.is(h.events().length, 2)
})

test('lv-throttle: the first at once, the window’s last when it ends (opening the next window), none after a quiet window', (t) => {
  const h = page('<input id="t" lv-input="tick" lv-throttle="1000">')
  for (const value of ['1', '2', '3']) h.type('#t', value)
  t.deepEqual(h.events(), [ev(2, 'tick', { value: '1' })])
  t.deepEqual(h.timers.map((x) => x.ms), [1000])
  h.run()
  t.deepEqual(h.events().slice(1), [ev(3, 'tick', { value: '3' })], 'the trailing one')
  h.type('#t', '4')
  t.is(h.events().length, 2, 'inside the window the trailing one opened')
  h.run()
  h.run()
  t.deepEqual(h.events().slice(2), [ev(4, 'tick', { value: '4' })])
  t.deepEqual(h.timers, [], 'a quiet window ends the throttle')
  h.type('#t', '5')
  t.deepEqual(h.events().slice(3), [ev(5, 'tick', { value: '5' })], 'the first of a new burst goes at once')
})

test('data-lv-limits: the view’s limits by handler name; the element’s own attribute wins; other handlers are free', (t) => {
  const h = page(
    '<input id="s" lv-input="search"><input id="own" lv-input="search" lv-throttle="50"><button id="c" lv-click="scroll">x</button><button id="free" lv-click="free">y</button>',
    JSON.stringify({ search: ['debounce', 300], scroll: ['throttle', 1000] }),
  )
  h.type('#s', 'a')
  h.type('#own', 'b')
  fire(h, h.container.querySelector('#c')!, 'click')
  fire(h, h.container.querySelector('#c')!, 'click')
  fire(h, h.container.querySelector('#free')!, 'click')
  t.deepEqual(h.events(), [ev(2, 'search', { value: 'b' }), ev(3, 'scroll', {}), ev(4, 'free', {})])
  t.deepEqual(h.timers.map((x) => x.ms), [300, 50, 1000])
  runAll(h)
  t.deepEqual(h.events().slice(3), [ev(5, 'search', { value: 'a' }), ev(6, 'scroll', {})])
})

test('the limit of a field counts for its form’s handler; a submit flushes the form’s waiting events first and is never limited', (t) => {
  const h = page(
    '<form lv-change="validate" lv-submit="save" lv-debounce="9999"><input name="q" lv-debounce="300"><input name="r"><button>go</button></form>',
    JSON.stringify({ save: ['debounce', 500] }),
  )
  const q = h.container.querySelector('[name=q]') as HTMLInputElement
  q.value = 'x'
  fire(h, q, 'change')
  q.value = 'xy'
  fire(h, q, 'change')
  t.deepEqual(h.events(), [])
  // happy-dom makes the form its own submitter without one: name the button.
  ;(h.container.querySelector('form') as HTMLFormElement).requestSubmit(h.container.querySelector('button'))
  t.deepEqual(h.events(), [ev(2, 'validate', { q: 'xy', r: '', _target: 'q' }), ev(3, 'save', { q: 'xy', r: '' })])
  runAll(h)
  t.is(h.events().length, 2)
})

test('a waiting debounce on an element is flushed before another of its handlers is sent', (t) => {
  const h = page('<input id="i" lv-input="search" lv-keydown.enter="enter">', JSON.stringify({ search: ['debounce', 300] }))
  h.type('#i', 'go')
  fire(h, h.container.querySelector('#i')!, 'keydown', { key: 'Enter' })
  t.deepEqual(h.events(), [ev(2, 'search', { value: 'go' }), ev(3, 'enter', { value: 'go', key: 'Enter' })])
  runAll(h)
  t.is(h.events().length, 2)
})

test('events that come due while disconnected are dropped', (t) => {
  const h = page('<input id="d" lv-input="typed" lv-debounce="300">')
  h.type('#d', 'a')
  h.socket().close(1006)
  h.run() // the debounce timer, the oldest
  t.deepEqual(h.events(), [])
})
