/**
 * Where one event's time goes: the load tests' `/items` event (`bump`: one price of 100 changes)
 * split into the stages a worker and the gateway's main thread run, each timed on its own in this
 * process with the real functions. Prints median and p99 µs per stage, then one JSON line.
 *
 *   npm run bench:stages [-- --seconds 1.5]
 *
 * Worker stages: the whole event task (`runTask`, what a worker does per event) and, inside it,
 * decoding the state, the handler with its params check, checking and encoding the new state,
 * the mustache render, the native parse and diff. Main-thread stages: the Piscina hop with the
 * same buffers moved both ways (an echo task; its main-thread CPU is measured as event-loop
 * utilization while 4 tasks are in flight) and encoding the reply frame.
 */

import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { Piscina } from 'piscina'
import * as native from '../native/index.js'
import { replyFrame } from '../src/gateway/encode.js'
import { TaskKind } from '../workers/task-types.js'
import { runTask, type TaskEnvironment } from '../workers/run-task.js'
import { createTemplateStore } from '../workers/templates/index.js'
import { loadView } from '../workers/views.js'
import { assertCloneable, collectState, decodeState, encodeState } from '../src/view/state.js'
import { memoizeComputed, templateContext } from '../src/view/context.js'
import type { LiveView } from '../src/view/live-view.js'
import { findHandler } from '../workers/handlers.js'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '1.5' } } })
const seconds = Number(values.seconds)
if (!(seconds > 0 && seconds <= 60)) throw new RangeError(`--seconds must be in (0, 60], got ${values.seconds}`)

const VIEW = new URL('app/views/items.ts', import.meta.url).href
const env: TaskEnvironment = {
  templates: createTemplateStore({ partialsDir: new URL('app/views', import.meta.url).pathname, missingPartial: 'error', cache: true }),
  dev: false,
  sink: () => ({ sent: 0, send: async () => {} }),
  startJob: () => {},
}

/** Times `run` repeatedly for `seconds` (after a warm-up); median and p99 in µs. */
async function time(run: () => unknown | Promise<unknown>): Promise<{ p50: number; p99: number; runs: number }> {
  for (let i = 0; i < 200; i++) await run()
  const samples: number[] = []
  const end = performance.now() + seconds * 1000
  while (performance.now() < end && samples.length < 1_000_000) {
    const start = performance.now()
    await run()
    samples.push((performance.now() - start) * 1000)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number): number => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 10) / 10
  return { p50: at(0.5), p99: at(0.99), runs: samples.length }
}

const mounted = await runTask({ kind: TaskKind.MOUNT, view: VIEW, params: {}, session: {}, nodes: false, url: '/items' }, env)
if (!mounted.ok) throw new Error(`mount failed: ${mounted.error.code} ${mounted.error.message}`)
const state = mounted.state!
const snapshot = mounted.snapshot!
let id = 0
const nextParams = (): { id: string } => ({ id: String((id++ % 100) + 1) })
const eventTask = () => ({ kind: TaskKind.EVENT, view: VIEW, sid: 's', task: 1, url: '/items', state: state.slice(0), snapshot: snapshot.slice(0), name: 'bump', params: nextParams() }) as const

// The pieces, as run-task.ts runs them (hydrate: a view object from the state's fields).
const loaded = await loadView(VIEW)
const hydrate = (): LiveView => {
  const view = Object.create(loaded.View.prototype) as LiveView
  for (const [key, value] of Object.entries(decodeState(state))) Object.defineProperty(view, key, { value, writable: true, enumerable: true, configurable: true })
  return view
}
const changed = hydrate()
const handler = findHandler(changed, loaded.name, 'bump')
const template = 'file' in loaded.template ? env.templates.fromFile(loaded.template.file) : env.templates.fromSource(loaded.template.source, loaded.template.name)
const render = (view: LiveView): string => {
  const forget = memoizeComputed(view)
  try {
    return env.templates.render(template, templateContext(view, { streams: {}, flash: {} }))
  } finally {
    forget()
  }
}
await handler.fn.call(changed, await handler.validate({ id: '7' }))
const html = render(changed)
const diffed = native.diff(snapshot.slice(0), html)

const stages: Array<[string, string, { p50: number; p99: number; runs: number }]> = []
stages.push(['worker', 'event task, whole (runTask)', await time(() => runTask(eventTask(), env))])
stages.push(['worker', 'decode state + hydrate', await time(hydrate)])
stages.push(['worker', 'params check + handler', await time(async () => handler.fn.call(changed, await handler.validate(nextParams())))])
stages.push(['worker', 'check + encode state', await time(() => {
  const fields = collectState(changed)
  assertCloneable(fields, loaded.name)
  return encodeState(fields)
})])
stages.push(['worker', 'mustache render', await time(() => render(changed))])
stages.push(['worker', 'native parse + diff', await time(() => native.diff(snapshot.slice(0), html))])
stages.push(['main', 'reply frame encode', await time(() => replyFrame(2, 3, diffed.ops, []))])

// The Piscina hop: latency with one task in flight, and main-thread CPU per task with 4 in flight.
const pool = new Piscina({ filename: new URL('stages/echo-worker.mjs', import.meta.url).href, minThreads: 2, maxThreads: 2, atomics: 'async' })
const hop = (): Promise<unknown> => {
  const buffers = { state: state.slice(0), snapshot: snapshot.slice(0) }
  return pool.run(buffers, { transferList: [buffers.state, buffers.snapshot] })
}
stages.push(['main', 'piscina hop, 1 in flight (latency)', await time(hop)])
let tasks = 0
const busy0 = performance.eventLoopUtilization()
const hopEnd = performance.now() + seconds * 1000
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (performance.now() < hopEnd && tasks < 1_000_000) {
      await hop()
      tasks++
    }
  }),
)
const busy = performance.eventLoopUtilization(busy0)
await pool.destroy()
const mainPerHop = Math.round((busy.active * 1000 * 10) / tasks) / 10

console.log(`stages of one /items bump event (100 rows, one price changes); state ${state.byteLength} B, snapshot ${snapshot.byteLength} B, html ${html.length} chars, ops ${diffed.ops.length} B`)
console.log('where   stage                                      p50 µs     p99 µs')
for (const [where, name, t] of stages) console.log(`${where.padEnd(7)} ${name.padEnd(40)} ${String(t.p50).padStart(8)} ${String(t.p99).padStart(10)}`)
console.log(`main    ${'piscina hop, main-thread CPU per task'.padEnd(40)} ${String(mainPerHop).padStart(8)}          (4 in flight, ${tasks} tasks)`)
console.log(
  JSON.stringify({
    bench: 'stages',
    state_bytes: state.byteLength,
    snapshot_bytes: snapshot.byteLength,
    html_chars: html.length,
    ops_bytes: diffed.ops.length,
    ...Object.fromEntries(stages.map(([where, name, t]) => [`${where}: ${name}`, { p50_us: t.p50, p99_us: t.p99 }])),
    main_cpu_per_hop_us: mainPerHop,
  }),
)
