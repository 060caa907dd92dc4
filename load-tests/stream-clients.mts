/**
 * The browser side of `bench:streaming`, in a process of its own so the gateway's event loop is
 * measured alone: opens streaming sessions and render-load sessions, counts frames and checks
 * every token arrives once and in order. Started by bench-streaming.mts with IPC.
 */

import WebSocket from 'ws'

interface Plan {
  url: string
  sessions: number
  renderers: number
  seconds: number
  rate: number
}

const plan = JSON.parse(process.argv[2]!) as Plan
const tokens = plan.rate * plan.seconds

interface Stream {
  frames: number
  text: string
  firstAt: number
  lastAt: number
}

async function open(path: string): Promise<{ ws: WebSocket; next: () => number }> {
  const html = await (await fetch(plan.url + path)).text()
  const token = /data-lv-token="([^"]*)"/.exec(html)![1]!
  const ws = new WebSocket(plan.url.replace('http', 'ws') + '/live')
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  let ref = 0
  ws.send(JSON.stringify({ t: 'join', ref: ++ref, pv: 1, token, url: path }))
  await new Promise<void>((resolve) => ws.once('message', () => resolve()))
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

// Render load: each renderer sends the next filter as soon as the previous reply is in.
let renders = 0
let running = true
for (const r of renderers) {
  const words = ['amber', 'brisk', '', 'cobalt', 'e', '']
  let i = 0
  const send = (): void => {
    if (!running) return
    r.ws.send(JSON.stringify({ t: 'event', ref: r.next(), name: 'filterText', params: { value: words[i++ % words.length] } }))
  }
  r.ws.on('message', () => {
    renders++
    send()
  })
  send()
}

const intervalMs = 1000 / plan.rate
for (const s of sockets) s.ws.send(JSON.stringify({ t: 'event', ref: s.next(), name: 'start', params: { tokens, intervalMs } }))
await new Promise((resolve) => setTimeout(resolve, plan.seconds * 1000 + 3000))
running = false

const expected = (n: number): string => Array.from({ length: n }, (_, i) => `w${i} `).join('')
const full = expected(tokens)
let received = 0
let exact = 0
const fps: number[] = []
for (const s of streams) {
  const count = s.text === '' ? 0 : s.text.trim().split(' ').length
  received += count
  if (s.text === full) exact++
  else if (s.text !== expected(count)) console.error('a stream arrived out of order or with duplicates')
  fps.push(s.frames / Math.max(0.001, (s.lastAt - s.firstAt) / 1000))
}
fps.sort((a, b) => a - b)
process.send!({
  done: true,
  sent: tokens * plan.sessions,
  received,
  exact,
  fpsP5: fps[Math.floor(fps.length * 0.05)] ?? 0,
  fpsP50: fps[Math.floor(fps.length * 0.5)] ?? 0,
  renders,
})
for (const s of [...sockets, ...renderers]) s.ws.terminate()
process.exit(0)
