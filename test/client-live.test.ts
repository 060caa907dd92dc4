/**
 * The client's session logic (client/live.ts, client/socket.ts) under happy-dom with a fake
 * WebSocket: the join frame, version order, refresh after a gap or a failed op, renders, effects,
 * error frames, reconnects with backoff and resume, and the close codes that reload or stop.
 */
import test from 'ava'
import { backoffMs } from '../client/socket.js'
import { ClientName } from '../client/names.js'
import { Close } from '../src/protocol/frames.js'
import { fire, join, startLive, until } from './support/client-harness.js'

const JOIN = { t: 'join', pv: 1, token: 'tok0', url: '/items?page=2' }

test('connects to data-lv-socket on the same origin and joins without a version, after normalize()', (t) => {
  const h = startLive('<p>a</p>')
  t.is(h.socket().url, 'wss://app.test/live')
  t.deepEqual(h.sent(), [])
  h.socket().open()
  t.deepEqual(h.sent(), [{ ...JOIN, ref: 1 }])
  t.is(startLive('', { protocol: 'http:' }).socket().url, 'ws://app.test/live')
})

test('normalize() merges the text nodes Blink splits, before the first join', (t) => {
  // Blink leaves a text node longer than 65,536 characters split in two; build that by hand.
  const h = startLive('', {
    before: (c) => c.append(c.ownerDocument.createTextNode('x'.repeat(65536)), c.ownerDocument.createTextNode('yz'), c.ownerDocument.createElement('br')),
  })
  t.is(h.container.childNodes.length, 2)
  t.is((h.container.firstChild as Text).data, 'x'.repeat(65536) + 'yz')
})

test('joined sets the base and the token; joined with nodes replaces the children', (t) => {
  const h = startLive('<p>server</p>')
  h.socket().open()
  const joined: unknown[] = []
  h.container.addEventListener(ClientName.JOINED, (e) => joined.push((e as CustomEvent).detail))
  h.socket().receive({ t: 'joined', ref: 1, v: 7, token: 'tok1', nodes: [['h1', [], ['fresh']], ' ', ['p', ['class', 'x']]] })
  t.is(h.container.innerHTML, '<h1>fresh</h1> <p class="x"></p>')
  t.deepEqual(joined, [{ v: 7 }])
  h.socket().receive({ t: 'diff', v: 8, ops: [[0, [0, 0], 'patched']] })
  t.is(h.container.innerHTML, '<h1>patched</h1> <p class="x"></p>')
})

test('reply and diff frames apply ops and the title effect in version order', async (t) => {
  const h = startLive('<p>a</p><ul><li>1</li></ul>')
  join(h, 3)
  h.socket().receive({ t: 'reply', ref: 2, v: 4, ops: [[0, [0, 0], 'b']], effects: [['title', 'Items (1)']] })
  h.socket().receive({ t: 'diff', v: 5, ops: [[4, [1], 1, ['li', [], ['2']]]] })
  h.socket().receive({ t: 'reply', ref: 3, v: 6 })
  h.socket().receive({ t: 'diff', v: 7, ops: [[1, [1], 'class', 'done']] })
  // Effects load the side channel module first: the frames wait for it, in order.
  t.is(h.container.innerHTML, '<p>a</p><ul><li>1</li></ul>')
  await until(() => h.document.title === 'Items (1)')
  t.is(h.container.innerHTML, '<p>b</p><ul class="done"><li>1</li><li>2</li></ul>')
  t.is(h.document.title, 'Items (1)')
  t.deepEqual(h.sent(), [{ ...JOIN, ref: 1 }])
})

test('a version gap sends refresh and ignores frames until a render, which sets the base', (t) => {
  const h = startLive('<p>a</p>')
  join(h, 3)
  h.socket().receive({ t: 'diff', v: 5, ops: [[0, [0, 0], 'skipped']] })
  t.deepEqual(h.sent(), [{ ...JOIN, ref: 1 }, { t: 'refresh', ref: 2 }])
  t.is(h.container.innerHTML, '<p>a</p>')
  h.socket().receive({ t: 'diff', v: 6, ops: [[0, [0, 0], 'ignored']] })
  h.socket().receive({ t: 'reply', ref: 9, v: 4, ops: [[0, [0, 0], 'ignored too']] })
  t.is(h.container.innerHTML, '<p>a</p>')
  t.is(h.sent().length, 2, 'one refresh per gap')
  h.socket().receive({ t: 'render', ref: 2, v: 20, nodes: [['p', [], ['rendered']], ['b']] })
  t.is(h.container.innerHTML, '<p>rendered</p><b></b>')
  h.socket().receive({ t: 'diff', v: 21, ops: [[0, [0, 0], 'next']] })
  t.is(h.container.innerHTML, '<p>next</p><b></b>')
  h.socket().receive({ t: 'diff', v: 21, ops: [[0, [0, 0], 'repeated']] })
  t.deepEqual(h.sent().slice(2), [{ t: 'refresh', ref: 3 }], 'a repeated version is a gap too')
})

test('an op that does not fit sends refresh; effects still apply', async (t) => {
  const h = startLive('<p>a</p>')
  join(h, 1)
  h.socket().receive({ t: 'diff', v: 2, ops: [[0, [0, 0], 'b'], [0, [5, 0], 'nowhere']], effects: [['title', 'T']] })
  await until(() => h.document.title === 'T')
  t.deepEqual(h.sent(), [{ ...JOIN, ref: 1 }, { t: 'refresh', ref: 2 }])
  t.is(h.document.title, 'T')
  h.socket().receive({ t: 'diff', v: 3, ops: [[0, [0, 0], 'ignored']] })
  t.is(h.container.innerHTML, '<p>b</p>')
  h.socket().receive({ t: 'render', v: 3, nodes: [['p', [], ['ok']]] })
  t.is(h.container.innerHTML, '<p>ok</p>')
})

test('error frames dispatch lv:error and console.error, and the page stays usable', (t) => {
  const h = startLive('<button lv-click="go">go</button>')
  join(h, 1)
  const seen: unknown[] = []
  h.container.addEventListener(ClientName.ERROR, (e) => seen.push((e as CustomEvent).detail))
  const logged: unknown[][] = []
  const consoleError = console.error
  console.error = (...args: unknown[]) => void logged.push(args)
  try {
    fire(h, h.container.firstElementChild!, 'click')
    h.socket().receive({ t: 'error', ref: 2, v: 2, code: 'LIVELOOM_ERR_HANDLER', message: 'the handler threw' })
  } finally {
    console.error = consoleError
  }
  t.deepEqual(seen, [{ code: 'LIVELOOM_ERR_HANDLER', message: 'the handler threw', ref: 2 }])
  t.deepEqual(logged, [['LIVELOOM_ERR_HANDLER', 'the handler threw']])
  h.socket().receive({ t: 'diff', v: 3, ops: [[1, [0], 'class', 'after']] })
  t.is(h.container.innerHTML, '<button lv-click="go" class="after">go</button>')
  fire(h, h.container.firstElementChild!, 'click')
  t.deepEqual(h.sent().slice(1), [
    { t: 'event', ref: 2, name: 'go', params: {} },
    { t: 'event', ref: 3, name: 'go', params: {} },
  ])
})

test('backoff: min(5000, 100·2^n) ms times a jitter in [0.5, 1)', (t) => {
  t.deepEqual([0, 1, 2, 3, 5, 6, 30].map((n) => backoffMs(n, () => 0)), [50, 100, 200, 400, 1600, 2500, 2500])
  t.is(backoffMs(2, () => 0.5), 300)
  t.true(backoffMs(9, () => 0.999999) < 5000)
})

test('reconnects with backoff, drops events while down, resumes with the latest token and version', (t) => {
  const h = startLive('<button lv-click="go">go</button>')
  join(h, 3, 'tok1')
  h.socket().receive({ t: 'diff', v: 4, ops: [[1, [0], 'title', 'x']] })
  h.socket().close(Close.GOING_AWAY)
  t.true(h.container.classList.contains(ClientName.DISCONNECTED))
  t.deepEqual(h.timers.map((x) => x.ms), [50])
  fire(h, h.container.firstElementChild!, 'click')
  h.run()
  t.is(h.sockets.length, 2)
  fire(h, h.container.firstElementChild!, 'click') // connecting, not joined: dropped too
  h.socket().close(1006) // the connection failed
  t.deepEqual(h.timers.map((x) => x.ms), [100])
  h.run()
  h.socket().open()
  t.deepEqual(h.socket().sent, [{ t: 'join', ref: 2, pv: 1, token: 'tok1', url: '/items?page=2', v: 4 }])
  t.true(h.container.classList.contains(ClientName.DISCONNECTED), 'still disconnected until joined')
  h.socket().receive({ t: 'joined', ref: 2, v: 4, token: 'tok2' })
  t.false(h.container.classList.contains(ClientName.DISCONNECTED))
  t.is(h.container.innerHTML, '<button lv-click="go" title="x">go</button>', 'a resume keeps the DOM')
  fire(h, h.container.firstElementChild!, 'click')
  t.deepEqual(h.socket().sent.slice(1), [{ t: 'event', ref: 3, name: 'go', params: {} }])
  h.socket().receive({ t: 'reply', ref: 3, v: 5 })
  // The next outage starts from the shortest delay again and presents the newest token.
  h.socket().close()
  t.deepEqual(h.timers.map((x) => x.ms), [50])
  h.run()
  h.socket().open()
  t.deepEqual(h.socket().sent, [{ t: 'join', ref: 4, pv: 1, token: 'tok2', url: '/items?page=2', v: 5 }])
  // A remount: joined with nodes rebuilds the container.
  h.socket().receive({ t: 'joined', ref: 4, v: 1, token: 'tok3', nodes: [['p', [], ['remounted']]] })
  t.is(h.container.innerHTML, '<p>remounted</p>')
  h.socket().receive({ t: 'diff', v: 2, ops: [[0, [0, 0], 'and patched']] })
  t.is(h.container.innerHTML, '<p>and patched</p>')
})

test('a client waiting for a render asks again after a resume', (t) => {
  const h = startLive('<p>a</p>')
  join(h, 1)
  h.socket().receive({ t: 'diff', v: 9 })
  h.socket().close()
  h.run()
  h.socket().open()
  h.socket().receive({ t: 'joined', ref: 3, v: 1, token: 'tok2' })
  t.deepEqual(h.socket().sent, [
    { t: 'join', ref: 3, pv: 1, token: 'tok1', url: '/items?page=2', v: 1 },
    { t: 'refresh', ref: 4 },
  ])
})

test('close codes 4401 and 4409 reload the page; 4410 and 4429 stay disconnected', (t) => {
  for (const code of [Close.BAD_TOKEN, Close.PROTOCOL]) {
    const h = startLive('')
    join(h)
    h.socket().close(code)
    t.is(h.reloads, 1, `reload after ${code}`)
    t.deepEqual(h.timers, [])
  }
  for (const code of [Close.REPLACED, Close.RATE_LIMITED]) {
    const h = startLive('')
    join(h)
    h.socket().close(code)
    t.is(h.reloads, 0)
    t.deepEqual(h.timers, [], `no reconnect after ${code}`)
    t.true(h.container.classList.contains(ClientName.DISCONNECTED))
  }
})

test('frames before joined are ignored', (t) => {
  const h = startLive('<p>a</p>')
  h.socket().open()
  h.socket().receive({ t: 'diff', v: 1, ops: [[0, [0, 0], 'b']] })
  t.is(h.container.innerHTML, '<p>a</p>')
  t.is(h.sent().length, 1)
})
