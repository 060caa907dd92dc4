/**
 * Server-side view features of issue 4 through `liveloom/testing`: temporary assigns, change
 * tracking, memoized computed values, handler replies, push events, dev-mode param warnings.
 * Serial: the computed-value test counts evaluations in a module-wide counter.
 */

import test from 'ava'
import { mountView } from '../src/testing/index.js'
import { handlerLimits } from '../src/view/rate.js'
import Features from './fixtures/views/features.js'
import { fixtureView } from './support/live-client.js'

test.serial('temporary assigns are rendered once, then reset; the list grows by append ops only', async (t) => {
  const view = await mountView(fixtureView('features'))
  const first = await view.push('say', { text: 'hello' })
  // UPDATE_CHILDREN append of the new item, then the totals (the last op is the run counter).
  t.deepEqual(first.ops.slice(0, 3), [[7, [0], 2, [['li', ['id', 'm1'], ['hello']]]], [0, [1, 0], '1'], [0, [2, 0], '20']])
  t.deepEqual(view.state.messages, [])
  const second = await view.push('say', { text: 'again' })
  t.deepEqual(second.ops[0], [7, [0], 2, [['li', ['id', 'm2'], ['again']]]])
  t.deepEqual(view.state.messages, [])
})

test.serial('computed values run once per render even when read several times', async (t) => {
  const view = await mountView(fixtureView('features'))
  const before = Number(/<p id="runs">(\d+)<\/p>/.exec(view.html)![1])
  await view.push('say', { text: 'x' })
  const after = Number(/<p id="runs">(\d+)<\/p>/.exec(view.html)![1])
  // `twice` reads `expensive` twice: one evaluation for the render.
  t.is(after - before, 1)
})

test.serial('an event that changes no state replies without rendering', async (t) => {
  const view = await mountView(fixtureView('features'))
  const result = await view.push('nothing')
  t.deepEqual(result, { ops: [], effects: [], data: undefined, rendered: false, stream: [], items: {} })
})

test.serial('a handler return value is the reply data; non-JSON fails with a coded error', async (t) => {
  const view = await mountView(fixtureView('features'))
  t.deepEqual((await view.push('ask', { q: 'why' })).data, { answer: 42, echo: 'why' })
  await t.throwsAsync(view.push('badReply'), { code: 'LIVELOOM_ERR_NOT_JSON', message: /^the value Features\.badReply returned must be JSON data/ } as never)
})

test.serial('pushEvent becomes an event effect', async (t) => {
  const view = await mountView(fixtureView('features'))
  t.deepEqual((await view.push('notify')).effects, [['event', 'highlight', { id: 'total', times: 2 }]])
})

test.serial('dev mode reports params the schema dropped; production does not', async (t) => {
  const dev = await mountView(fixtureView('features'))
  t.deepEqual((await dev.push('say', { text: 'a', txet: 'typo', _target: 'text' })).effects, [
    ['warn', "Features.say: the browser sent params the handler's schema does not know, and they were dropped: txet (check the data-* / lv-value-* attributes and field names, or add them to the schema)"],
  ])
  const prod = await mountView(fixtureView('features'), { dev: false })
  t.deepEqual((await prod.push('say', { text: 'a', txet: 'typo' })).effects, [])
})

test.serial('@debounce and @throttle settings are collected per handler', (t) => {
  t.deepEqual(handlerLimits(Features), { search: ['debounce', 300], scroll: ['throttle', 1000] })
})
