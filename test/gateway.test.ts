/**
 * The gateway end to end over real loopback HTTP and WebSockets: page render and join, events
 * and their replies, ordering, failures that must not lose state, and every input limit.
 */

import test from 'ava'
import { createServer as createHttpServer } from 'node:http'
import Koa from 'koa'
import { WebSocketServer } from 'ws'
import { createLive, type LiveServer } from '../src/index.js'
import { Close } from '../src/protocol/frames.js'
import { connect, fetchPage, fixtureView, recordingLogger, startServer, TestSocket } from './support/live-client.js'

let server: LiveServer
const logger = recordingLogger()

test.before(async () => {
  server = await startServer({ logger, session: (ctx) => ({ user: ctx.get('x-user') || 'anonymous' }) })
})

test.after.always(async () => {
  await server?.close()
})

async function joined(path = '/'): Promise<{ socket: TestSocket; token: string }> {
  const page = await fetchPage(server.url, path)
  const socket = await connect(server)
  const reply = await socket.join(page.token)
  if (reply.t !== 'joined') throw new Error(`join failed: ${JSON.stringify(reply)}`)
  return { socket, token: reply.token as string }
}

test('GET renders the view inside the live container with a token and the client script', async (t) => {
  const page = await fetchPage(server.url, '/?start=5')
  t.is(page.status, 200)
  t.is(page.inner, '<p id="count">5</p><p id="doubled">10</p>')
  t.regex(page.token, /^[\w-]+\.[\w-]+$/)
  t.regex(page.html, /<script type="module" src="\/_liveloom\/liveloom-[0-9A-Z]{8}\.js"><\/script>/)
  t.regex(page.html, /data-lv-socket="\/live"/)
})

test('route params, query and the user session reach mount', async (t) => {
  const response = await fetch(`${server.url}/users/a%2Fb?tab=posts`, { headers: { 'x-user': 'ada' } })
  t.is(response.status, 200)
  const html = await response.text()
  t.true(html.includes('<p id="id">a&#x2F;b</p><p id="who">ada</p><p id="tab">posts</p>'))
})

test('the first join adopts the HTTP session: no remount, no nodes, version 0', async (t) => {
  const page = await fetchPage(server.url, '/?start=7')
  const socket = await connect(server)
  const reply = await socket.join(page.token)
  t.is(reply.t, 'joined')
  t.is(reply.v, 0)
  t.false('nodes' in reply)
  const event = await socket.event('increment')
  t.deepEqual(event, { t: 'reply', ref: 2, v: 1, ops: [[0, [0, 0], '8'], [0, [1, 0], '16']] })
  await socket.close()
})

test('an event without changes replies with no ops', async (t) => {
  const { socket } = await joined()
  const reply = await socket.event('add', { by: '0' })
  t.deepEqual(reply, { t: 'reply', ref: 2, v: 1 })
  await socket.close()
})

test('events are applied in order, each gets exactly one reply with the next version', async (t) => {
  const { socket } = await joined()
  const refs: number[] = []
  for (let i = 0; i < 40; i++) refs.push(socket.send({ t: 'event', name: i % 2 ? 'slowIncrement' : 'increment', params: {} }))
  const replies = []
  for (let i = 0; i < 40; i++) replies.push(await socket.next())
  t.deepEqual(replies.map((r) => r.ref), refs)
  t.deepEqual(replies.map((r) => r.v), refs.map((_, i) => i + 1))
  t.deepEqual(replies.at(-1)!.ops, [[0, [0, 0], '40'], [0, [1, 0], '80']])
  await socket.close()
})

test('a handler that throws: error reply without its message, state kept, next event works', async (t) => {
  const { socket } = await joined()
  await socket.event('increment')
  const failed = await socket.event('fail')
  t.deepEqual(failed, { t: 'error', ref: 3, v: 2, code: 'LIVELOOM_ERR_HANDLER_THREW', message: 'the view failed on the server; the server log has the details' })
  const next = await socket.event('increment')
  t.deepEqual(next, { t: 'reply', ref: 4, v: 3, ops: [[0, [0, 0], '2'], [0, [1, 0], '4']] })
  const logged = logger.entries.filter((e) => e.level === 'error' && JSON.stringify(e.object).includes('handler exploded with a secret message'))
  t.is(logged.length, 1)
  t.like(logged[0]!.object, { event: 'fail', ref: 3 })
  await socket.close()
})

test('state that cannot be cloned fails the event naming the field; state kept', async (t) => {
  const { socket } = await joined()
  const failed = await socket.event('storeFunction')
  t.is(failed.t, 'error')
  t.is(failed.code, 'LIVELOOM_ERR_STATE_NOT_CLONEABLE')
  t.regex(failed.message as string, /^Counter\.note holds a function/)
  t.deepEqual(await socket.event('increment'), { t: 'reply', ref: 3, v: 2, ops: [[0, [0, 0], '1'], [0, [1, 0], '2']] })
  await socket.close()
})

test('a worker that dies: coded error, state kept, next event works', async (t) => {
  const { socket } = await joined()
  await socket.event('increment')
  const died = await socket.event('die')
  t.is(died.t, 'error')
  t.is(died.code, 'LIVELOOM_ERR_WORKER_DIED')
  t.deepEqual(await socket.event('increment'), { t: 'reply', ref: 4, v: 3, ops: [[0, [0, 0], '2'], [0, [1, 0], '4']] })
  await socket.close()
})

test.serial('a handler that never finishes times out; the session goes on', async (t) => {
  // Long enough that a cold worker (the replacement for the stopped one) starts within it even
  // when the whole suite loads the machine.
  const local = await startServer({ taskTimeoutMs: 8_000 })
  try {
    const page = await fetchPage(local.url)
    const socket = await connect(local)
    t.is((await socket.join(page.token)).t, 'joined')
    const hung = await socket.event('hang')
    t.is(hung.code, 'LIVELOOM_ERR_TASK_TIMEOUT')
    t.deepEqual(await socket.event('increment'), { t: 'reply', ref: 3, v: 2, ops: [[0, [0, 0], '1'], [0, [1, 0], '2']] })
    await socket.close()
  } finally {
    await local.close()
  }
})

test('unknown events, undecorated methods and invalid params get coded error replies', async (t) => {
  const { socket } = await joined()
  const unknown = await socket.event('nope')
  t.is(unknown.code, 'LIVELOOM_ERR_EVENT_UNKNOWN')
  const notAllowed = await socket.event('notAHandler')
  t.is(notAllowed.code, 'LIVELOOM_ERR_EVENT_NOT_ALLOWED')
  const ctor = await socket.event('constructor')
  t.is(ctor.code, 'LIVELOOM_ERR_EVENT_NOT_ALLOWED')
  const invalid = await socket.event('add', { by: 'ten' })
  t.is(invalid.code, 'LIVELOOM_ERR_EVENT_PARAMS')
  t.deepEqual([unknown.v, notAllowed.v, ctor.v, invalid.v], [1, 2, 3, 4])
  const ok = await socket.event('add', { by: '3' })
  t.deepEqual(ok.ops, [[0, [0, 0], '3'], [0, [1, 0], '6']])
  await socket.close()
})

test('effects travel with the reply', async (t) => {
  const { socket } = await joined()
  t.deepEqual(await socket.event('title'), { t: 'reply', ref: 2, v: 1, effects: [['title', 'Count 0']] })
  await socket.close()
})

test('a refresh sends the whole container as nodes', async (t) => {
  const { socket } = await joined('/?start=2')
  const ref = socket.send({ t: 'refresh' })
  t.deepEqual(await socket.next(), { t: 'render', ref, v: 1, nodes: [['p', ['id', 'count'], ['2']], ['p', ['id', 'doubled'], ['4']]] })
  await socket.close()
})

test('reconnecting with the same version resumes the session without a remount', async (t) => {
  const { socket, token } = await joined()
  await socket.event('increment')
  await socket.close()
  const again = await connect(server)
  const reply = await again.join(token, 1)
  t.deepEqual(Object.keys(reply).sort(), ['ref', 't', 'token', 'v'])
  t.is(reply.v, 1)
  t.deepEqual((await again.event('increment')).ops, [[0, [0, 0], '2'], [0, [1, 0], '4']])
  await again.close()
})

test('reconnecting with a stale version resumes and sends the whole container', async (t) => {
  const { socket, token } = await joined()
  await socket.event('increment')
  await socket.close()
  const again = await connect(server)
  const reply = await again.join(token, 0)
  t.is(reply.v, 1)
  t.deepEqual(reply.nodes, [['p', ['id', 'count'], ['1']], ['p', ['id', 'doubled'], ['2']]])
  await again.close()
})

test('an idle session hibernates; its next event, refresh and resume see exactly its state', async (t) => {
  const local = await startServer({ sessions: { hibernateAfterMs: 300 } })
  t.teardown(() => local.close())
  const page = await fetchPage(local.url, '/?start=5')
  const socket = await connect(local)
  const { token } = await socket.join(page.token)
  t.deepEqual((await socket.event('increment')).ops, [[0, [0, 0], '6'], [0, [1, 0], '12']])
  const hibernated = async (): Promise<void> => {
    for (let i = 0; i < 200 && local.live.stats().hibernating !== 1; i++) await new Promise((resolve) => setTimeout(resolve, 50))
    t.like(local.live.stats(), { attached: 1, hibernating: 1 })
  }
  await hibernated()
  t.deepEqual(await socket.event('increment'), { t: 'reply', ref: 3, v: 2, ops: [[0, [0, 0], '7'], [0, [1, 0], '14']] })
  t.is(local.live.stats().hibernating, 0)
  await hibernated()
  const ref = socket.send({ t: 'refresh' })
  t.deepEqual(await socket.next(), { t: 'render', ref, v: 3, nodes: [['p', ['id', 'count'], ['7']], ['p', ['id', 'doubled'], ['14']]] })
  await hibernated()
  await socket.close()
  const again = await connect(local)
  t.deepEqual((await again.join(token as string, 0)).nodes, [['p', ['id', 'count'], ['7']], ['p', ['id', 'doubled'], ['14']]])
  await again.close()
})

test('the pool counts event renders that found their last render in the worker and those that did not', async (t) => {
  const local = await startServer({ workers: 1 })
  t.teardown(() => local.close())
  const page = await fetchPage(local.url)
  const socket = await connect(local)
  await socket.join(page.token)
  local.live.resetStats()
  for (let i = 0; i < 3; i++) await socket.event('increment')
  // The mount left no record in the worker; each later event finds the one before it.
  t.deepEqual(local.live.stats().pool.renders, { reused: 2, full: 1 })
  await socket.close()
})

test('a second connection joining the same session replaces the first (4410)', async (t) => {
  const { socket, token } = await joined()
  const second = await connect(server)
  const reply = await second.join(token, 0)
  t.is(reply.t, 'joined')
  t.deepEqual(await socket.closed, { code: Close.REPLACED, reason: 'LIVELOOM_ERR_SESSION_REPLACED' })
  await second.close()
})

test('a token for a session this node does not have mounts afresh and sends nodes', async (t) => {
  const other = await startServer({ secret: 'x'.repeat(32) })
  try {
    const page = await fetchPage(other.url, '/?start=4')
    // Same secret, another node: the session is unknown there.
    const node2 = await startServer({ secret: 'x'.repeat(32) })
    try {
      const socket = await connect(node2)
      const reply = await socket.join(page.token)
      t.is(reply.t, 'joined')
      t.is(reply.v, 0)
      t.deepEqual(reply.nodes, [['p', ['id', 'count'], ['4']], ['p', ['id', 'doubled'], ['8']]])
      t.deepEqual((await socket.event('increment')).ops, [[0, [0, 0], '5'], [0, [1, 0], '10']])
      await socket.close()
    } finally {
      await node2.close()
    }
  } finally {
    await other.close()
  }
})

test('a page whose mount throws answers 500 with the code and logs it once', async (t) => {
  const logger = recordingLogger()
  const local = await startServer({ logger })
  try {
    const page = await fetchPage(local.url, '/fails')
    t.is(page.status, 500)
    t.is(page.html, 'LIVELOOM_ERR_MOUNT_THREW: this page could not be rendered; the server log has the details\n')
    const errors = logger.entries.filter((e) => e.level === 'error')
    t.is(errors.length, 1)
    t.regex(JSON.stringify(errors[0]!.object), /database unavailable/)
  } finally {
    await local.close()
  }
})

test('malformed frames close with 4400; binary too', async (t) => {
  for (const bad of ['not json', '[]', '{"t":"join"}', '{"t":"event","ref":1,"name":"x","params":[]}', '{"t":"dance","ref":1}']) {
    const socket = await connect(server)
    socket.sendRaw(bad)
    t.deepEqual((await socket.closed).code, Close.MALFORMED, bad)
  }
  const socket = await connect(server)
  socket.sendRaw(Buffer.from([1, 2, 3]))
  t.deepEqual(await socket.closed, { code: Close.MALFORMED, reason: 'LIVELOOM_ERR_FRAME_BINARY' })
})

test('an invalid frame with a usable ref gets an error reply before the close', async (t) => {
  const socket = await connect(server)
  socket.sendRaw('{"t":"event","ref":5,"name":"a-b","params":{}}')
  const frame = await socket.next()
  t.is(frame.ref, 5)
  t.is(frame.code, 'LIVELOOM_ERR_FRAME_INVALID')
  t.is((await socket.closed).code, Close.MALFORMED)
})

test('a frame over maxFrameBytes closes with 1009', async (t) => {
  const socket = await connect(server)
  socket.sendRaw(JSON.stringify({ t: 'event', ref: 1, name: 'x', params: { big: 'x'.repeat(70_000) } }))
  t.is((await socket.closed).code, Close.TOO_BIG)
})

test('forged, expired and mismatched-protocol joins close with their codes', async (t) => {
  const page = await fetchPage(server.url)
  const forged = await connect(server)
  forged.send({ t: 'join', pv: 1, token: page.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), url: '/' })
  t.deepEqual(await forged.closed, { code: Close.BAD_TOKEN, reason: 'LIVELOOM_ERR_TOKEN_INVALID' })
  const old = await connect(server)
  old.send({ t: 'join', pv: 2, token: page.token, url: '/' })
  t.deepEqual(await old.closed, { code: Close.PROTOCOL, reason: 'LIVELOOM_ERR_PROTOCOL_VERSION' })
  const local = await startServer({ tokenMaxAgeMs: 1 })
  try {
    const stale = await fetchPage(local.url)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const socket = await connect(local)
    socket.send({ t: 'join', pv: 1, token: stale.token, url: '/' })
    t.deepEqual(await socket.closed, { code: Close.BAD_TOKEN, reason: 'LIVELOOM_ERR_TOKEN_EXPIRED' })
  } finally {
    await local.close()
  }
})

test('events before join and a second join get coded replies', async (t) => {
  const socket = await connect(server)
  t.deepEqual(await socket.event('increment'), { t: 'error', ref: 1, v: 0, code: 'LIVELOOM_ERR_NOT_JOINED', message: 'join a session before sending events' })
  const page = await fetchPage(server.url)
  t.is((await socket.join(page.token)).t, 'joined')
  const again = await socket.join(page.token)
  t.is(again.code, 'LIVELOOM_ERR_ALREADY_JOINED')
  await socket.close()
})

test('a connection that never joins is closed after joinTimeoutMs', async (t) => {
  const local = await startServer({ joinTimeoutMs: 100 })
  try {
    const socket = await connect(local)
    t.deepEqual(await socket.closed, { code: Close.JOIN_TIMEOUT, reason: 'LIVELOOM_ERR_JOIN_TIMEOUT' })
  } finally {
    await local.close()
  }
})

test('the rate limit answers with errors, then closes with 4429', async (t) => {
  const local = await startServer({ rateLimit: { burst: 3, perSecond: 0.001 } })
  try {
    const page = await fetchPage(local.url)
    const socket = await connect(local)
    t.is((await socket.join(page.token)).t, 'joined')
    for (let i = 0; i < 2; i++) t.is((await socket.event('increment')).t, 'reply')
    for (let i = 0; i < 3; i++) t.is((await socket.event('increment')).code, 'LIVELOOM_ERR_RATE_LIMITED')
    socket.send({ t: 'event', name: 'increment', params: {} })
    t.deepEqual(await socket.closed, { code: Close.RATE_LIMITED, reason: 'LIVELOOM_ERR_RATE_LIMITED' })
  } finally {
    await local.close()
  }
})

test('a foreign Origin is refused with 403; same host and listed origins are accepted', async (t) => {
  const host = new URL(server.url).host
  await t.throwsAsync(connect(server, { origin: 'http://evil.example' }), { message: 'upgrade refused: 403' })
  const same = await connect(server, { origin: `http://${host}` })
  await same.close()
  const local = await startServer({ allowedOrigins: ['https://app.example'] })
  try {
    const listed = await connect(local, { origin: 'https://app.example' })
    await listed.close()
    await t.throwsAsync(connect(local, { origin: `http://${new URL(local.url).host}` }), { message: 'upgrade refused: 403' })
  } finally {
    await local.close()
  }
})

test('parked sessions are bounded in count: a flood of GETs keeps only the newest', async (t) => {
  const local = await startServer({ sessions: { maxParked: 3 } })
  try {
    const pages = []
    for (let i = 0; i < 10; i++) pages.push(await fetchPage(local.url, `/?start=${i}`))
    t.is(local.live.stats().parked, 3)
    // The oldest was evicted: joining it mounts afresh (nodes); the newest is adopted (no nodes).
    const oldest = await connect(local)
    t.true('nodes' in (await oldest.join(pages[0]!.token)))
    const newest = await connect(local)
    t.false('nodes' in (await newest.join(pages[9]!.token)))
    await oldest.close()
    await newest.close()
  } finally {
    await local.close()
  }
})

test('parked sessions are bounded in bytes and expire', async (t) => {
  const local = await startServer({ sessions: { maxParkedBytes: 1, joinWindowMs: 50 } })
  try {
    await fetchPage(local.url)
    t.is(local.live.stats().parked, 0)
  } finally {
    await local.close()
  }
  const timed = await startServer({ sessions: { joinWindowMs: 50 } })
  try {
    const page = await fetchPage(timed.url)
    t.is(timed.live.stats().parked, 1)
    await new Promise((resolve) => setTimeout(resolve, 80))
    const socket = await connect(timed)
    t.true('nodes' in (await socket.join(page.token)))
    await socket.close()
  } finally {
    await timed.close()
  }
})

test('close() drains: sockets get 1001, in-flight tasks finish, the pool stops; close is idempotent', async (t) => {
  const local = await startServer()
  const page = await fetchPage(local.url)
  const socket = await connect(local)
  await socket.join(page.token)
  socket.send({ t: 'event', name: 'slowIncrement', params: {} })
  await new Promise((resolve) => setTimeout(resolve, 5))
  const closing = local.close()
  t.deepEqual(await socket.closed, { code: Close.GOING_AWAY, reason: 'LIVELOOM_SHUTDOWN' })
  await closing
  const stats = local.live.stats()
  t.like(stats, { attached: 0, parked: 1, sockets: 0 })
  await local.live.close()
  await t.throwsAsync(fetch(local.url))
})

test('embedded in Koa: other routes and other upgrade paths are left alone', async (t) => {
  const live = createLive({ routes: { '/live-page': fixtureView('counter') }, workers: 1, logger: recordingLogger() })
  const app = new Koa()
  app.use(live.middleware())
  app.use((ctx) => {
    ctx.body = 'plain koa'
  })
  const http = createHttpServer(app.callback())
  live.attach(http)
  const echo = new WebSocketServer({ noServer: true })
  http.on('upgrade', (req, socket, head) => {
    if (req.url === '/echo') echo.handleUpgrade(req, socket, head, (ws) => ws.on('message', (m) => ws.send(m.toString())))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const base = `http://127.0.0.1:${(http.address() as { port: number }).port}`
  try {
    t.is(await (await fetch(`${base}/other`)).text(), 'plain koa')
    t.is((await fetchPage(base, '/live-page')).inner, '<p id="count">0</p><p id="doubled">0</p>')
    const socket = new TestSocket(`${base.replace('http', 'ws')}/echo`)
    await socket.opened()
    socket.sendRaw('{"t":"x","v":0}')
    t.deepEqual(await socket.next(), { t: 'x', v: 0 })
    await socket.close()
  } finally {
    await live.close()
    await new Promise((resolve) => http.close(resolve))
  }
})

test('the client files are served with immutable caching, gzipped on request; the entry imports the hooks module', async (t) => {
  const page = await fetchPage(server.url)
  const src = /src="([^"]+)"/.exec(page.html)![1]!
  const response = await fetch(server.url + src)
  t.is(response.status, 200)
  t.is(response.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  t.is(response.headers.get('content-encoding'), 'gzip')
  t.regex(response.headers.get('content-type')!, /^application\/javascript/)
  const core = await response.text()
  t.true(core.length > 1000)
  // The core imports the hooks module relative to itself: the same directory.
  const hooks = /import\("\.\/(hooks-[0-9A-Z]{8}\.js)"\)/.exec(core)![1]!
  const second = await fetch(`${server.url}/_liveloom/${hooks}`, { headers: { 'accept-encoding': 'identity' } })
  t.is(second.status, 200)
  t.is(second.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  t.is(second.headers.get('content-encoding'), null)
  t.true((await second.text()).includes('LiveloomHooks'))
  t.is((await fetch(`${server.url}/_liveloom/liveloom-00000000.js`)).status, 404)
  t.is((await fetch(`${server.url}/_liveloom/manifest.json`)).status, 404)
})

test('a template error fails the render with its code; the log has file, line and column, the browser does not', async (t) => {
  const logger = recordingLogger()
  const local = await startServer({ logger, routes: { '/': fixtureView('bad-template') } })
  try {
    const page = await fetchPage(local.url)
    t.is(page.status, 500)
    t.is(page.html, 'LIVELOOM_ERR_TEMPLATE_SYNTAX: this page could not be rendered; the server log has the details\n')
    const [entry] = logger.entries.filter((e) => e.level === 'error')
    const err = (entry!.object as { err: { details: Record<string, unknown>; message: string } }).err
    t.like(err.details, { line: 2, column: 5 })
    t.regex(String(err.details.file), /bad-template\.ts/)
  } finally {
    await local.close()
  }
})

test('createLive refuses route modules and a templates directory that do not exist, naming the option', (t) => {
  t.throws(() => createLive({ routes: { '/x': fixtureView('missing') } }), {
    code: 'LIVELOOM_ERR_OPTIONS',
    message: /^options\.routes\["\/x"\]: the view module .*missing\.ts does not exist$/,
  } as never)
  t.throws(() => createLive({ routes: { '/': fixtureView('counter') }, templatesDir: '/nonexistent-liveloom-dir' }), {
    code: 'LIVELOOM_ERR_OPTIONS',
    message: 'options.templatesDir: /nonexistent-liveloom-dir is not a directory',
  } as never)
})

test('handler limits reach the page; a throttled handler called too soon is refused', async (t) => {
  const page = await fetchPage(server.url, '/features')
  t.regex(page.html, /data-lv-limits="\{&#34;search&#34;:\[&#34;debounce&#34;,300\],&#34;scroll&#34;:\[&#34;throttle&#34;,1000\]\}"/)
  const socket = await connect(server)
  t.is((await socket.join(page.token)).t, 'joined')
  // Back to back, so the two arrive well within the interval however slow the first task is.
  socket.send({ t: 'event', name: 'scroll', params: {} })
  socket.send({ t: 'event', name: 'scroll', params: {} })
  const frames = [await socket.next(), await socket.next()].sort((a, b) => (a.ref as number) - (b.ref as number))
  t.like(frames[0], { t: 'reply', ref: 2 })
  // The refusal needs no task, so it goes out first, with the first version.
  t.deepEqual(frames[1], {
    t: 'error',
    ref: 3,
    v: 1,
    code: 'LIVELOOM_ERR_THROTTLED',
    message: 'scroll may run at most once every 1000 ms (@throttle); this call was refused',
  })
  await socket.close()
})

test('a handler return value arrives as reply data; push events and dev warnings as effects (warnings logged)', async (t) => {
  const page = await fetchPage(server.url, '/features')
  const socket = await connect(server)
  await socket.join(page.token)
  t.deepEqual(await socket.event('ask', { q: 1 }), { t: 'reply', ref: 2, v: 1, data: { answer: 42, echo: 1 } })
  t.deepEqual(await socket.event('notify'), { t: 'reply', ref: 3, v: 2, effects: [['event', 'highlight', { id: 'total', times: 2 }]] })
  const warned = await socket.event('say', { text: 'hi', extra: 'x' })
  t.deepEqual(warned.effects, [['warn', "Features.say: the browser sent params the handler's schema does not know, and they were dropped: extra (check the data-* / lv-value-* attributes and field names, or add them to the schema)"]])
  t.true(logger.entries.some((e) => e.level === 'warn' && e.message?.startsWith('Features.say: the browser sent params')))
  await socket.close()
})
