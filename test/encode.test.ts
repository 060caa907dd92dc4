import test from 'ava'
import { diffFrame, errorFrame, joinedFrame, renderFrame, replyFrame } from '../src/gateway/encode.js'
import type { Effect } from '../src/protocol/frames.js'

// Spacing no JSON.stringify would produce: seeing it in a frame proves the text was spliced in.
const OPS = '[[0, [1, 0], "hi"],[5,[2]]]'
const NODES = '[ "text", ["p", ["class", "x"], ["y"]] ]'
const TITLE: Effect[] = [['title', 'Cart "3"']]

test('joinedFrame carries the token, and the nodes only when given', (t) => {
  t.deepEqual(JSON.parse(joinedFrame(1, 0, 'a.b')), { t: 'joined', ref: 1, v: 0, token: 'a.b' })
  const frame = joinedFrame(2, 5, 'tok"en\\', NODES)
  t.deepEqual(JSON.parse(frame), { t: 'joined', ref: 2, v: 5, token: 'tok"en\\', nodes: ['text', ['p', ['class', 'x'], ['y']]] })
  t.true(frame.includes(NODES))
})

test('replyFrame splices ops, and omits empty ops and effects', (t) => {
  const frame = replyFrame(3, 7, OPS, [])
  t.deepEqual(JSON.parse(frame), { t: 'reply', ref: 3, v: 7, ops: [[0, [1, 0], 'hi'], [5, [2]]] })
  t.true(frame.includes(OPS))
  t.deepEqual(JSON.parse(replyFrame(3, 8, '[]', [])), { t: 'reply', ref: 3, v: 8 })
  t.deepEqual(JSON.parse(replyFrame(3, 9, undefined, [])), { t: 'reply', ref: 3, v: 9 })
  t.deepEqual(JSON.parse(replyFrame(4, 10, '[]', TITLE)), { t: 'reply', ref: 4, v: 10, effects: [['title', 'Cart "3"']] })
  t.deepEqual(JSON.parse(replyFrame(4, 11, OPS, TITLE)), { t: 'reply', ref: 4, v: 11, ops: [[0, [1, 0], 'hi'], [5, [2]]], effects: [['title', 'Cart "3"']] })
})

test('diffFrame is a reply without ref', (t) => {
  const frame = diffFrame(12, OPS, TITLE)
  t.deepEqual(JSON.parse(frame), { t: 'diff', v: 12, ops: [[0, [1, 0], 'hi'], [5, [2]]], effects: [['title', 'Cart "3"']] })
  t.true(frame.includes(OPS))
  t.deepEqual(JSON.parse(diffFrame(13, '[]', [])), { t: 'diff', v: 13 })
  t.deepEqual(JSON.parse(diffFrame(14, undefined, TITLE)), { t: 'diff', v: 14, effects: [['title', 'Cart "3"']] })
})

test('renderFrame carries the nodes, with ref when replying', (t) => {
  const frame = renderFrame(5, 15, NODES)
  t.deepEqual(JSON.parse(frame), { t: 'render', ref: 5, v: 15, nodes: ['text', ['p', ['class', 'x'], ['y']]] })
  t.true(frame.includes(NODES))
  t.deepEqual(JSON.parse(renderFrame(undefined, 16, '[]')), { t: 'render', v: 16, nodes: [] })
})

test('errorFrame escapes its message, with ref when replying', (t) => {
  const message = 'bad "input"\n\t</script><!-- \\ \u2028 é 💥'
  t.deepEqual(JSON.parse(errorFrame(6, 17, 'LIVELOOM_ERR_X', message)), { t: 'error', ref: 6, v: 17, code: 'LIVELOOM_ERR_X', message })
  t.deepEqual(JSON.parse(errorFrame(undefined, 18, 'LIVELOOM_ERR_Y', 'm')), { t: 'error', v: 18, code: 'LIVELOOM_ERR_Y', message: 'm' })
})
