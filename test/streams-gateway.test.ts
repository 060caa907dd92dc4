/**
 * Text streams end to end over real WebSockets: every token arrives exactly once and in order
 * across many concurrent sessions, at most 60 stream frames a second per session, and a session's
 * memory does not grow with a collection stream.
 */

import test from 'ava'
import type { LiveServer } from '../src/index.js'
import { connect, fetchPage, fixtureView, startServer, type Frame, type TestSocket } from './support/live-client.js'

let server: LiveServer

test.before(async () => {
  server = await startServer({ routes: { '/': fixtureView('streaming') }, rateLimit: { burst: 10_000, perSecond: 10_000 } })
})

test.after.always(async () => {
  await server?.close()
})

async function session(): Promise<TestSocket> {
  const page = await fetchPage(server.url)
  const socket = await connect(server)
  const joined = await socket.join(page.token)
  if (joined.t !== 'joined') throw new Error(JSON.stringify(joined))
  return socket
}

/** Sends an event and collects frames until its reply; checks versions are consecutive. */
async function collect(socket: TestSocket, name: string, params: Record<string, unknown>): Promise<{ frames: Frame[]; elapsedMs: number }> {
  const start = performance.now()
  const ref = socket.send({ t: 'event', name, params })
  const frames: Frame[] = []
  for (;;) {
    const frame = await socket.next(30_000)
    frames.push(frame)
    if (frame.ref === ref) break
  }
  return { frames, elapsedMs: performance.now() - start }
}

type StreamOp = [number, string, ...unknown[]]

function streamOps(frames: Frame[]): StreamOp[] {
  return frames.flatMap((f) => (f.stream as StreamOp[] | undefined) ?? [])
}

test('every token from 24 concurrent sessions arrives exactly once, in order, at most 60 frames a second', async (t) => {
  const n = 600
  const expected = Array.from({ length: n }, (_, i) => `t${i} `).join('')
  const sockets = await Promise.all(Array.from({ length: 24 }, () => session()))
  const results = await Promise.all(sockets.map((socket) => collect(socket, 'tokens', { n, pause: 40 })))
  for (const [i, { frames, elapsedMs }] of results.entries()) {
    const ops = streamOps(frames)
    t.deepEqual(ops[0], [2, 'answer'], `session ${i} starts`)
    t.deepEqual(ops.at(-1), [3, 'answer'], `session ${i} ends`)
    const text = ops.filter((op) => op[0] === 0).map((op) => op[3] as string).join('')
    t.is(text, expected, `session ${i}: every token once, in order`)
    const versions = frames.map((f) => f.v)
    t.deepEqual(versions, versions.map((_, k) => versions[0]! + k), `session ${i}: consecutive versions`)
    const streamFrames = frames.filter((f) => f.t === 'diff').length
    t.true(streamFrames <= Math.ceil(elapsedMs / (1000 / 60)) + 1, `session ${i}: ${streamFrames} stream frames in ${Math.round(elapsedMs)} ms`)
    const reply = frames.at(-1)!
    t.is(reply.t, 'reply')
    t.deepEqual(reply.ops, [[0, [2, 0], '1']])
  }
  await Promise.all(sockets.map((socket) => socket.close()))
})

test('status and replace ops keep their order; a failed stream keeps its content', async (t) => {
  const socket = await session()
  const { frames } = await collect(socket, 'replaceThenFail', {})
  t.deepEqual(streamOps(frames), [[0, 'answer', 1, 'partial'], [4, 'answer', 'model overloaded']])
  await socket.close()
})

test('a collection stream of 100,000 rows leaves the session as small as it started', async (t) => {
  // A server of its own, so no other test's sessions are parked beside these.
  const local = await startServer({ routes: { '/': fixtureView('streaming') }, rateLimit: { burst: 10_000, perSecond: 10_000 } })
  t.teardown(() => local.close())
  const first = await fetchPage(local.url)
  const socket = await connect(local)
  t.is((await socket.join(first.token)).t, 'joined')
  const page = await fetchPage(local.url)
  // The size of a fresh parked session (state + snapshot) is what the long-lived one must keep.
  const before = local.live.stats().parkedBytes
  t.true(before > 0 && page.status === 200)
  for (let batch = 0; batch < 100; batch++) {
    const labels = Array.from({ length: 1000 }, (_, i) => `row ${batch * 1000 + i}`)
    const { frames } = await collect(socket, 'add', { labels })
    const ops = frames.at(-1)!.ops as unknown[][]
    t.is((ops[0]![3] as unknown[]).length, 1000)
  }
  await socket.close()
  await new Promise((resolve) => setTimeout(resolve, 50))
  // Two parked sessions now: the fresh page and the one that streamed 100,000 rows, same size
  // apart from the row counter's width.
  const after = local.live.stats().parkedBytes
  t.true(after - before <= before + 16, `parked bytes ${before} → ${after}`)
})

/** Frames until one satisfies `until`. */
async function framesUntil(socket: TestSocket, until: (frame: Frame) => boolean): Promise<Frame[]> {
  const frames: Frame[] = []
  for (;;) {
    const frame = await socket.next(30_000)
    frames.push(frame)
    if (until(frame)) return frames
  }
}

/** The text `handleAsync` put in `<p id="async">` (child 3): inserted the first time, set after. */
function asyncText(frame: Frame): string | undefined {
  for (const op of (frame.ops as unknown[][] | undefined) ?? []) {
    if (op[0] === 4 && JSON.stringify(op[1]) === '[3]') return op[3] as string
    if (op[0] === 0 && JSON.stringify(op[1]) === '[3,0]') return op[2] as string
  }
  return undefined
}

test('async work streams while the session keeps handling events, then reaches handleAsync', async (t) => {
  const socket = await session()
  const started = await collect(socket, 'startJob', { n: 200 })
  t.is(started.frames.at(-1)!.t, 'reply')
  // Events are answered while the job streams: the mailbox is not held by it.
  const added = await collect(socket, 'add', { labels: ['during'] })
  t.is(added.frames.at(-1)!.t, 'reply')
  const rest = await framesUntil(socket, (f) => asyncText(f) !== undefined)
  const text = streamOps([...started.frames, ...added.frames, ...rest]).filter((op) => op[0] === 0).map((op) => op[3]).join('')
  t.is(text, Array.from({ length: 200 }, (_, i) => `j${i} `).join(''))
  t.is(asyncText(rest.at(-1)!), 'job ok {"sent":200}')
  await socket.close()
})

test('cancelAsync stops a running job in its worker; a failing job reports its error', async (t) => {
  const socket = await session()
  await collect(socket, 'startJob', { n: 100_000 })
  await collect(socket, 'stopJob', {})
  const stopped = await framesUntil(socket, (f) => asyncText(f) !== undefined)
  t.is(asyncText(stopped.at(-1)!), 'job LIVELOOM_ERR_ASYNC_CANCELLED')
  await collect(socket, 'startJob', { n: 3, fail: true })
  const failed = await framesUntil(socket, (f) => asyncText(f) !== undefined)
  t.is(asyncText(failed.at(-1)!), 'job LIVELOOM_ERR_ASYNC_FAILED')
  await socket.close()
})

test('a worker that dies running a job reports LIVELOOM_ERR_WORKER_DIED to handleAsync', async (t) => {
  // A server of its own: a dying worker fails every task it was running, other tests' included.
  const local = await startServer({ routes: { '/': fixtureView('streaming') } })
  t.teardown(() => local.close())
  const page = await fetchPage(local.url)
  const socket = await connect(local)
  t.is((await socket.join(page.token)).t, 'joined')
  await collect(socket, 'dieInJob', {})
  const died = await framesUntil(socket, (f) => asyncText(f) !== undefined)
  t.is(asyncText(died.at(-1)!), 'job LIVELOOM_ERR_WORKER_DIED')
  // The session goes on.
  t.is((await collect(socket, 'add', { labels: ['after'] })).frames.at(-1)!.t, 'reply')
  await socket.close()
})

test('async merge over real workers: events answered during the job, then the job fields land on the newer state', async (t) => {
  const local = await startServer({ routes: { '/': fixtureView('report'), '/bare': fixtureView('report-unhandled') } })
  t.teardown(() => local.close())
  const page = await fetchPage(local.url)
  const socket = await connect(local)
  t.is((await socket.join(page.token)).t, 'joined')
  await collect(socket, 'generate', {})
  const ref = socket.send({ t: 'event', name: 'click', params: {} })
  // The click's reply and the job's merge may come in either order on a loaded machine.
  const frames = [await socket.next(), await socket.next()]
  const reply = frames.find((f) => f.ref === ref)!
  const merged = frames.find((f) => f.t === 'diff')!
  t.deepEqual(reply.ops, [[4, [1], 0, 'clicked'], [0, [2, 0], '1']])
  t.deepEqual(merged.ops, [[0, [0, 0], 'done']])
  t.deepEqual(frames.map((f) => f.v), [2, 3])
  // A failing job in a view without handlers surfaces as a coded error frame.
  const bare = await fetchPage(local.url, '/bare')
  const other = await connect(local)
  t.is((await other.join(bare.token, undefined, '/bare')).t, 'joined')
  await collect(other, 'generate', {})
  const failed = await other.next()
  t.like(failed, { t: 'error', v: 2, code: 'LIVELOOM_ERR_ASYNC_FAILED' })
  t.false('ref' in failed)
  await socket.close()
  await other.close()
})
