/**
 * Streams through `liveloom/testing`: collection stream changes (inserts, at, replace by id,
 * delete, reset, prune) and text-stream ops, without a browser.
 */

import test from 'ava'
import { mountView } from '../src/testing/index.js'
import { fixtureView } from './support/live-client.js'

test('collection inserts render once, carry positions, and are not kept in state', async (t) => {
  const view = await mountView(fixtureView('streaming'))
  const added = await view.push('add', { labels: ['a', 'b'] })
  t.deepEqual(added.ops, [[7, [1], 2, [['li', ['id', 'rows-1'], ['a']], ['li', ['id', 'rows-2'], ['b']]]]])
  t.deepEqual(added.items, { rows: {} })
  const first = await view.push('add', { labels: ['c'], at: 0 })
  t.deepEqual(first.ops, [[7, [1], 2, [['li', ['id', 'rows-3'], ['c']]]]])
  t.deepEqual(first.items, { rows: { at: [['rows-3', 0]] } })
  t.deepEqual(Object.keys(view.state).sort(), ['count', 'lastAsync', 'nextId'])
})

test('update by id, delete, reset and prune', async (t) => {
  const view = await mountView(fixtureView('streaming'))
  await view.push('add', { labels: ['a', 'b'] })
  t.deepEqual((await view.push('update', { id: 1, label: 'A' })).ops, [[7, [1], 2, [['li', ['id', 'rows-1'], ['A']]]]])
  const removed = await view.push('remove', { id: 2 })
  t.deepEqual(removed.ops, [])
  t.deepEqual(removed.items, { rows: { del: ['rows-2'] } })
  t.true(removed.rendered, 'a stream change renders even though state did not change')
  const reset = await view.push('reset', { labels: ['x'] })
  t.deepEqual(reset.items, { rows: { reset: 1 } })
  t.deepEqual(reset.ops, [[7, [1], 2, [['li', ['id', 'rows-3'], ['x']]]]])
  t.deepEqual((await view.push('prune', { limit: 10 })).items, { rows: { limit: -10 } })
  t.deepEqual((await view.push('prune', { limit: 3, edge: 'bottom' })).items, { rows: { limit: 3 } })
})

test('text streams: ops in order, then the render', async (t) => {
  const view = await mountView(fixtureView('streaming'))
  const result = await view.push('tokens', { n: 3 })
  t.deepEqual(result.stream, [[2, 'answer'], [0, 'answer', 0, 't0 '], [0, 'answer', 0, 't1 '], [0, 'answer', 0, 't2 '], [3, 'answer']])
  t.deepEqual(result.ops, [[0, [2, 0], '1']])
  t.deepEqual((await view.push('replaceThenFail')).stream, [[0, 'answer', 1, 'partial'], [4, 'answer', 'model overloaded']])
  t.deepEqual((await view.push('rerenderTarget')).stream, [[1, 'answer', [['b', [], ['bold']], ' & ', ['i', [], ['it']]]]])
})

test('streamTo without html re-renders just that target from the state now', async (t) => {
  const view = await mountView(fixtureView('streaming'))
  const result = await view.push('summarize')
  t.deepEqual(result.stream, [[1, 'summary', [['b', [], ['10']], ' done']]])
  // The summary is a stream target: the final render does not touch its children.
  t.deepEqual(result.ops, [[0, [2, 0], '10']])
})

test('streamed text and stream names are checked', async (t) => {
  const view = await mountView(fixtureView('streaming'))
  await t.throwsAsync(view.push('add', { labels: ['a'], at: -5 }), { code: 'LIVELOOM_ERR_STREAM_OPTIONS' } as never)
  await t.throwsAsync(view.push('prune', { limit: 0 }), { code: 'LIVELOOM_ERR_STREAM_OPTIONS' } as never)
})
