/**
 * The coalescing rules of pending text-stream ops.
 */

import test from 'ava'
import { mergeStreamOp } from '../src/sessions/merge-stream-ops.js'
import type { StreamWireOp } from '../src/protocol/frames.js'

function merged(ops: StreamWireOp[]): StreamWireOp[] {
  const pending: StreamWireOp[] = []
  for (const op of ops) mergeStreamOp(pending, op)
  return pending
}

test('consecutive appends to a target join; another target in between keeps them apart', (t) => {
  t.deepEqual(merged([[0, 'a', 0, 'x'], [0, 'a', 0, 'y'], [0, 'b', 0, 'z'], [0, 'a', 0, 'w']]), [
    [0, 'a', 0, 'xy'],
    [0, 'b', 0, 'z'],
    [0, 'a', 0, 'w'],
  ])
})

test('an append extends a replace; prepends join newest first; an append after a prepend stays', (t) => {
  t.deepEqual(merged([[0, 'a', 1, 'new'], [0, 'a', 0, '!']]), [[0, 'a', 1, 'new!']])
  t.deepEqual(merged([[0, 'a', 2, 'b'], [0, 'a', 2, 'a']]), [[0, 'a', 2, 'ab']])
  t.deepEqual(merged([[0, 'a', 2, 'p'], [0, 'a', 0, 's']]), [[0, 'a', 2, 'p'], [0, 'a', 0, 's']])
})

test('a replace or HTML op drops the content ops it supersedes, but never crosses a status op', (t) => {
  t.deepEqual(merged([[0, 'a', 0, 'x'], [0, 'b', 0, 'keep'], [0, 'a', 0, 'y'], [0, 'a', 1, 'final']]), [
    [0, 'b', 0, 'keep'],
    [0, 'a', 1, 'final'],
  ])
  t.deepEqual(merged([[2, 'a'], [0, 'a', 0, 'x'], [3, 'a'], [0, 'a', 0, 'y'], [1, 'a', ['z']]]), [
    [2, 'a'],
    [0, 'a', 0, 'x'],
    [3, 'a'],
    [1, 'a', ['z']],
  ])
})
