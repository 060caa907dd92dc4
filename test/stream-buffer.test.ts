/**
 * A session's stream buffer: at most one frame per interval, merged ops, waiting while the socket
 * is backed up (acks held back, which is what stops the worker), dropping when the session is gone.
 */

import test from 'ava'
import { FRAME_INTERVAL_MS, StreamBuffer, type StreamOutlet } from '../src/sessions/stream-buffer.js'
import type { StreamWireOp } from '../src/protocol/frames.js'

function outlet(state: { ready: 'ready' | 'busy' | 'gone' }): StreamOutlet & { frames: StreamWireOp[][]; acks: number[] } {
  const frames: StreamWireOp[][] = []
  const acks: number[] = []
  return { frames, acks, ready: () => state.ready, send: (ops) => void frames.push(ops), ack: (_source, bytes) => void acks.push(bytes) }
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

test('ops pushed within one interval go out as one merged frame, then are acknowledged', async (t) => {
  const out = outlet({ ready: 'ready' })
  const buffer = new StreamBuffer(out)
  for (let i = 0; i < 100; i++) buffer.push([0, 'a', 0, `${i},`], 1, 10, 'port')
  await wait(FRAME_INTERVAL_MS * 3)
  t.is(out.frames.length, 1)
  t.deepEqual(out.frames[0], [[0, 'a', 0, Array.from({ length: 100 }, (_, i) => `${i},`).join('')]])
  t.deepEqual(out.acks, [1000])
})

test('a backed-up socket gets nothing and no acks until it drains, then one larger frame', async (t) => {
  const state = { ready: 'busy' as 'ready' | 'busy' | 'gone' }
  const out = outlet(state)
  const buffer = new StreamBuffer(out)
  buffer.push([0, 'a', 0, 'x'], 1, 5, 'port')
  await wait(FRAME_INTERVAL_MS * 3)
  buffer.push([0, 'a', 0, 'y'], 1, 5, 'port')
  await wait(FRAME_INTERVAL_MS * 3)
  t.deepEqual(out.frames, [])
  t.deepEqual(out.acks, [], 'no acks: the worker stops sending at its high-water mark')
  state.ready = 'ready'
  await wait(FRAME_INTERVAL_MS * 3)
  t.deepEqual(out.frames, [[[0, 'a', 0, 'xy']]])
  t.deepEqual(out.acks, [10])
})

test('a session that is gone drops its ops and acknowledges them, so handlers never hang', async (t) => {
  const out = outlet({ ready: 'gone' })
  const buffer = new StreamBuffer(out)
  buffer.push([0, 'a', 0, 'x'], 1, 7, 'port')
  await wait(FRAME_INTERVAL_MS * 3)
  t.deepEqual(out.frames, [])
  t.deepEqual(out.acks, [7])
})

test('whenReceived waits for the task ops still in transit; take() empties for the reply', async (t) => {
  const out = outlet({ ready: 'ready' })
  const buffer = new StreamBuffer(out)
  let done = false
  const waiting = buffer.whenReceived(7, 2).then(() => (done = true))
  buffer.push([0, 'a', 0, 'x'], 7, 1, 'port')
  await wait(1)
  t.false(done)
  buffer.push([0, 'a', 0, 'y'], 7, 1, 'port')
  await waiting
  // An idle buffer sends its first op at once; the rest waits for the interval or the reply.
  t.deepEqual(out.frames, [[[0, 'a', 0, 'x']]])
  t.deepEqual(buffer.take(), [[0, 'a', 0, 'y']])
  t.is(buffer.take(), undefined)
  buffer.close()
})

test('frames are at least one interval apart', async (t) => {
  const out = outlet({ ready: 'ready' })
  const buffer = new StreamBuffer(out)
  const sentAt: number[] = []
  const send = out.send
  out.send = (ops) => {
    sentAt.push(performance.now())
    send(ops)
  }
  const until = performance.now() + 300
  while (performance.now() < until) {
    buffer.push([0, 'a', 0, '.'], 1, 1, 'port')
    await wait(2)
  }
  await wait(FRAME_INTERVAL_MS * 2)
  buffer.close()
  t.true(sentAt.length >= 2)
  for (let i = 1; i < sentAt.length; i++) t.true(sentAt[i]! - sentAt[i - 1]! >= FRAME_INTERVAL_MS, `gap ${sentAt[i]! - sentAt[i - 1]!}`)
})
