/**
 * Issue 8's benchmark: the load tests' `/items` event (`bump`: one price of 100 changes) rendered
 * in full and incrementally (write tracking + reused list rows, workers/templates/render-record.ts),
 * each followed by the native diff of its HTML. Checks every incremental render against the full
 * one, byte for byte. Prints median and p99 µs per stage and the ops' bytes, then one JSON line.
 *
 *   npm run bench:render [-- --events 5000]
 *
 * The diff still parses the whole page (the engine's part of issue 8 is open), so only the
 * render stage shows the gain so far.
 */

import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import * as native from '../native/index.js'
import { createTemplateStore, Recorder, type RenderRecord } from '../workers/templates/index.js'
import { loadView } from '../workers/views.js'
import { templateContext } from '../src/view/context.js'
import { trackWrites } from '../src/view/write-tracking.js'

const { values } = parseArgs({ options: { events: { type: 'string', default: '5000' } } })
const events = Number(values.events)
if (!(Number.isInteger(events) && events > 0 && events <= 1_000_000)) throw new RangeError(`--events must be an integer in 1..1000000, got ${values.events}`)

const VIEW = new URL('app/views/items.ts', import.meta.url).href
const store = createTemplateStore({ partialsDir: new URL('app/views', import.meta.url).pathname })
const loaded = await loadView(VIEW)
if (!('file' in loaded.template)) throw new Error('the /items view has a template file')
const template = store.fromFile(loaded.template.file)
const view = new (loaded.View as unknown as new () => { bump(params: { id: number }): void })()
const context = (): object => templateContext(view as never, { streams: {}, flash: {} })
const fields = new Set(Object.keys(view))

const first = new Recorder(fields)
let record: RenderRecord = (store.renderRecorded(template, context(), first), first.finish())
let snapshot = native.parse(store.render(template, context()))
let round = 0

const samples = { track: [] as number[], incremental: [] as number[], full: [] as number[], diff: [] as number[] }
let opsBytes = 0
let reused = 0
for (let i = 0; i < 500 + events; i++) {
  let start = performance.now()
  const tracker = trackWrites(view)
  view.bump({ id: (round++ % 100) + 1 })
  const written = tracker.stop()
  const track = performance.now() - start
  start = performance.now()
  const recorder = new Recorder(fields, record, written)
  const html = store.renderRecorded(template, context(), recorder)
  record = recorder.finish()
  const incremental = performance.now() - start
  start = performance.now()
  const full = store.render(template, context())
  const fullTime = performance.now() - start
  if (html !== full) throw new Error(`event ${i}: the incremental render differs from the full render`)
  start = performance.now()
  const diffed = native.diff(snapshot, html)
  const diff = performance.now() - start
  snapshot = diffed.snapshot
  if (i < 500) continue
  samples.track.push(track * 1000)
  samples.incremental.push(incremental * 1000)
  samples.full.push(fullTime * 1000)
  samples.diff.push(diff * 1000)
  opsBytes += Buffer.byteLength(diffed.ops)
  reused += recorder.reused
}

const stat = (list: number[]): { p50: number; p99: number } => {
  list.sort((a, b) => a - b)
  const at = (q: number): number => Math.round(list[Math.min(list.length - 1, Math.floor(q * list.length))]! * 10) / 10
  return { p50: at(0.5), p99: at(0.99) }
}
const figures = { track: stat(samples.track), incremental: stat(samples.incremental), full: stat(samples.full), diff: stat(samples.diff) }
console.log(`/items bump, ${events} events (100 rows, one price changes); every incremental render equal to the full one`)
console.log('stage                                        p50 µs     p99 µs')
console.log(`${'write tracking (handler included)'.padEnd(42)} ${String(figures.track.p50).padStart(8)} ${String(figures.track.p99).padStart(10)}`)
console.log(`${'render, incremental (rows reused)'.padEnd(42)} ${String(figures.incremental.p50).padStart(8)} ${String(figures.incremental.p99).padStart(10)}`)
console.log(`${'render, full'.padEnd(42)} ${String(figures.full.p50).padStart(8)} ${String(figures.full.p99).padStart(10)}`)
console.log(`${'native parse + diff (whole page)'.padEnd(42)} ${String(figures.diff.p50).padStart(8)} ${String(figures.diff.p99).padStart(10)}`)
console.log(`rows reused per event: ${reused / events}; ops bytes per event: ${Math.round(opsBytes / events)}`)
console.log(
  JSON.stringify({
    bench: 'render',
    events,
    track_p50_us: figures.track.p50,
    incremental_p50_us: figures.incremental.p50,
    incremental_p99_us: figures.incremental.p99,
    full_p50_us: figures.full.p50,
    full_p99_us: figures.full.p99,
    diff_p50_us: figures.diff.p50,
    diff_p99_us: figures.diff.p99,
    rows_reused_per_event: reused / events,
    ops_bytes_per_event: Math.round(opsBytes / events),
  }),
)
