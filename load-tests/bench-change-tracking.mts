/**
 * Issue 8's first question: how should an event learn which state paths it changed? Measured on
 * the load tests' `/items` state (100 items and a counter) and its `bump` handler (one price and
 * the counter change), each way end to end as a worker would run it: from the state as it
 * arrives to the list of changed paths. Prints median and p99 µs per way, and the paths each
 * found (they must agree), then one JSON line.
 *
 *   npm run bench:changes [-- --seconds 1.5]
 *
 * Ways:
 * - today: decode the whole state, run the handler, encode the whole state (needed anyway today
 *   to ship it back): the baseline every other way is compared with;
 * - compare fields: today plus encoding each top-level field before and after and comparing the
 *   bytes (what async merges do): paths at field granularity (`items`, `updates`);
 * - compare rows: decode twice (before and after), compare arrays element by element with
 *   JSON.stringify: paths at row granularity (`items.6`);
 * - track writes: decode once, track writes while the handler runs (src/view/write-tracking.ts:
 *   state fields as accessors handing out proxies): paths exact (`items.6.price`), no second
 *   decode, no comparison.
 */

import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { deserialize, serialize } from 'node:v8'
import Items from './app/views/items.js'
import { trackWrites } from '../src/view/write-tracking.js'

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '1.5' } } })
const seconds = Number(values.seconds)
if (!(seconds > 0 && seconds <= 60)) throw new RangeError(`--seconds must be in (0, 60], got ${values.seconds}`)

type State = Record<string, unknown>
const initial: State = { ...new Items() }
const bytes = serialize(initial)
let round = 0
/** The handler of every way: what `bump` does, on item `id` (rotating, as the load driver sends). */
const bump = (view: { items: Array<{ price: string }>; updates: number }): void => {
  const item = view.items[round++ % 100]!
  item.price = `$${(Math.round(Number(item.price.slice(1)) * 100 + 1) / 100).toFixed(2)}`
  view.updates++
}

function today(): string[] {
  const view = deserialize(bytes) as State
  bump(view as never)
  serialize(view)
  return []
}

function compareFields(): string[] {
  const view = deserialize(bytes) as State
  const before = new Map(Object.entries(view).map(([k, v]) => [k, serialize(v)]))
  bump(view as never)
  const changed: string[] = []
  for (const [key, value] of Object.entries(view)) if (!before.get(key)!.equals(serialize(value))) changed.push(key)
  serialize(view)
  return changed
}

function compareRows(): string[] {
  const before = deserialize(bytes) as State
  const view = deserialize(bytes) as State
  bump(view as never)
  const changed: string[] = []
  for (const [key, value] of Object.entries(view)) {
    const old = before[key]
    if (Array.isArray(value) && Array.isArray(old)) {
      value.forEach((row, i) => JSON.stringify(row) !== JSON.stringify(old[i]) && changed.push(`${key}.${i}`))
    } else if (JSON.stringify(value) !== JSON.stringify(old)) changed.push(key)
  }
  serialize(view)
  return changed
}

function trackWritesWay(): string[] {
  const view = deserialize(bytes) as State
  const tracker = trackWrites(view)
  bump(view as never)
  const written = tracker.stop()
  serialize(view)
  return [...written]
}

/** Times `run` for `seconds` after a warm-up; median and p99 in µs. */
function time(run: () => unknown): { p50: number; p99: number } {
  for (let i = 0; i < 500; i++) run()
  const samples: number[] = []
  const end = performance.now() + seconds * 1000
  while (performance.now() < end && samples.length < 1_000_000) {
    const start = performance.now()
    run()
    samples.push((performance.now() - start) * 1000)
  }
  samples.sort((a, b) => a - b)
  const at = (q: number): number => Math.round(samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]! * 10) / 10
  return { p50: at(0.5), p99: at(0.99) }
}

const ways: Array<[string, () => string[]]> = [
  ['today (decode, handler, encode)', today],
  ['compare fields (bytes per field)', compareFields],
  ['compare rows (two decodes, JSON per row)', compareRows],
  ['track writes (src/view/write-tracking.ts)', trackWritesWay],
]
console.log(`change tracking on the /items state (${bytes.length} B): bump changes one price and the counter`)
console.log('way                                          p50 µs     p99 µs   paths found')
const results: Record<string, { p50_us: number; p99_us: number; paths: string[] }> = {}
for (const [name, run] of ways) {
  round = 6
  const paths = run()
  const t = time(run)
  results[name] = { p50_us: t.p50, p99_us: t.p99, paths }
  console.log(`${name.padEnd(42)} ${String(t.p50).padStart(8)} ${String(t.p99).padStart(10)}   ${paths.join(', ') || '(none: not tracked)'}`)
}
console.log(JSON.stringify({ bench: 'change-tracking', state_bytes: bytes.length, ...results }))
