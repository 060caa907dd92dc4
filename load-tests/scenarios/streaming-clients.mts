/**
 * The browser side of the `streaming` scenario, in a process of its own (forked by streaming.mts
 * with IPC), so the harness never shares the server's process: opens streaming sessions on
 * `/stream` and render-load sessions on `/items`, counts frames and checks every token arrives
 * once and in order. Sends `{ ready }` when all sessions have joined, then `{ done, … }` with the
 * counts. Bounded in time: it gives up (exit 3) after the run's seconds plus a join allowance.
 */

import WebSocket from 'ws'

/** What streaming.mts asks for. */
export interface StreamPlan {
  url: string
  sessions: number
  renderers: number
  seconds: number
  rate: number
}

/** What this process reports when done. */
export interface StreamCounts {
  done: true
  sent: number
  received: number
  exact: number
  /** Error frames (streaming and render sessions) and tokens out of order or repeated. */
  frameErrors: number
  fpsP5: number
  fpsP50: number
  renders: number
}

const plan = JSON.parse(process.argv[2]!) as StreamPlan
const tokens = plan.rate * plan.seconds
/** Time for all sessions to join, and for the last tokens to arrive after the streaming time. */
const JOIN_ALLOWANCE_S = 120
const TAIL_S = 5

setTimeout(() => {
  console.error(`LIVELOOM_ERR_LOAD_DEADLINE: the streaming clients did not finish within ${plan.seconds + JOIN_ALLOWANCE_S + TAIL_S} s; is the server overloaded?`)
  process.exit(3)
}, (plan.seconds + JOIN_ALLOWANCE_S + TAIL_S) * 1000).unref()

interface Stream {
  frames: number
  text: string
  firstAt: number
  lastAt: number
}

let frameErrors = 0

/** Loads `path` and joins its live session as a browser would; resolves once `joined` arrives. */
async function open(path: string): Promise<{ ws: WebSocket; next: () => number }> {
  const html = await (await fetch(plan.url + path, { signal: AbortSignal.timeout(30_000) })).text()
  const root = /<[a-z]+\s[^>]*data-lv-root[^>]*>/i.exec(html)?.[0] ?? ''
  const token = /data-lv-token="([^"]*)"/.exec(root)?.[1]
  const socketPath = /data-lv-socket="([^"]*)"/.exec(root)?.[1]
  if (!token || !socketPath) throw new Error(`LIVELOOM_ERR_LOAD_PAGE: GET ${path} has no live container; is it a live view?`)
  const ws = new WebSocket(plan.url.replace(/^http/, 'ws') + socketPath, { origin: plan.url })
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let ref = 0
  ws.send(JSON.stringify({ t: 'join', ref: ++ref, pv: 1, token, url: path }))
  const joined = await new Promise<{ t: string }>((resolve) => ws.once('message', (data) => resolve(JSON.parse(data.toString()) as { t: string })))
  if (joined.t !== 'joined') throw new Error(`LIVELOOM_ERR_LOAD_JOIN: join of ${path} answered ${JSON.stringify(joined)}`)
  return { ws, next: () => ++ref }
}

async function inBatches<T>(count: number, size: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < count; i += size) out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, (_, k) => make(i + k)))))
  return out
}

const streams: Stream[] = []
const sockets = await inBatches(plan.sessions, 50, async () => {
  const session = await open('/stream')
  const stream: Stream = { frames: 0, text: '', firstAt: 0, lastAt: 0 }
  streams.push(stream)
  session.ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as { t: string; stream?: unknown[][] }
    if (frame.t === 'error') frameErrors++
    if (!frame.stream) return
    const now = performance.now()
    if (stream.frames === 0) stream.firstAt = now
    stream.lastAt = now
    stream.frames++
    for (const op of frame.stream) if (op[0] === 0) stream.text += op[3] as string
  })
  return session
})
const renderers = await inBatches(plan.renderers, 10, () => open('/items'))
process.send!({ ready: true })

// Render load: each renderer bumps the next item's price as soon as the previous reply is in.
let renders = 0
let running = true
for (const [index, r] of renderers.entries()) {
  let id = index
  const send = (): void => {
    if (!running) return
    r.ws.send(JSON.stringify({ t: 'event', ref: r.next(), name: 'bump', params: { id: String((id++ % 100) + 1) } }))
  }
  r.ws.on('message', (data) => {
    if ((JSON.parse(data.toString()) as { t: string }).t === 'error') frameErrors++
    else renders++
    send()
  })
  send()
}

const intervalMs = 1000 / plan.rate
for (const s of sockets) s.ws.send(JSON.stringify({ t: 'event', ref: s.next(), name: 'start', params: { tokens, intervalMs } }))

// Every stream is due after `seconds`; wait until all are complete, at most TAIL_S longer.
const full = expected(tokens)
const endBy = performance.now() + (plan.seconds + TAIL_S) * 1000
await new Promise((resolve) => setTimeout(resolve, plan.seconds * 1000))
while (performance.now() < endBy && streams.some((s) => s.text.length < full.length)) await new Promise((resolve) => setTimeout(resolve, 100))
running = false

let received = 0
let exact = 0
const fps: number[] = []
for (const s of streams) {
  const count = s.text === '' ? 0 : s.text.trim().split(' ').length
  received += count
  if (s.text === full) exact++
  else if (s.text !== expected(count)) frameErrors++ // out of order or repeated, not just short
  fps.push(s.frames / Math.max(0.001, (s.lastAt - s.firstAt) / 1000))
}
fps.sort((a, b) => a - b)
const counts: StreamCounts = {
  done: true,
  sent: tokens * plan.sessions,
  received,
  exact,
  frameErrors,
  fpsP5: fps[Math.floor(fps.length * 0.05)] ?? 0,
  fpsP50: fps[Math.floor(fps.length * 0.5)] ?? 0,
  renders,
}
process.send!(counts, () => {
  for (const s of [...sockets, ...renderers]) s.ws.terminate()
  process.exit(0)
})

/** The text of a stream's first `n` tokens. */
function expected(n: number): string {
  return Array.from({ length: n }, (_, i) => `w${i} `).join('')
}
