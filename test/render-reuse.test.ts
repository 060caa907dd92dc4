/**
 * Reusing list rows across renders (workers/templates/render-record.ts) never changes a byte:
 * over random templates (lists, nested lists, inverted sections, dotted names, `{{.}}`,
 * partials, a layout with blocks, a computed value) and random handlers (tracked by
 * src/view/write-tracking.ts), every recorded render equals a plain full render of the same
 * state, step after step. And reuse does happen, so the equality is not won by never reusing.
 * CI runs 1,000 seeds × 6 steps (~0.5 s); 20,000 seeds passed when this was written (raise the
 * loop bound to look harder after changing the recorder).
 */

import test from 'ava'
import { createTemplateStore, Recorder, type RenderRecord } from '../workers/templates/index.js'
import { trackWrites } from '../src/view/write-tracking.js'
import { seededRandom } from './support/seeded-random.mjs'

type Random = () => number
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!

const NAMES = ['title', 'flag', 'name', 'price', 'note', 'missing'] as const
const TEXTS = ['<li>', '</li>', ' ', '\n', 'a & b', '<b>x</b>', '', '|']

/** A random template body of about `size` nodes; lists nest up to `depth`. */
function body(random: Random, size: number, depth: number): string {
  let out = ''
  for (let i = 0; i < size; i++) {
    const r = random()
    if (r < 0.3) out += pick(random, TEXTS)
    else if (r < 0.5) out += `{{${pick(random, NAMES)}}}`
    else if (r < 0.55) out += `{{{${pick(random, NAMES)}}}}`
    else if (r < 0.6) out += `{{meta.${pick(random, ['label', 'count'])}}}`
    else if (r < 0.63) out += '{{total}}'
    else if (r < 0.7 && depth > 0) out += `{{#items}}${body(random, 3, depth - 1)}{{/items}}`
    else if (r < 0.75 && depth > 0) out += `{{#tags}}[{{.}}]{{/tags}}`
    else if (r < 0.8) {
      const name = pick(random, ['flag', 'items', 'missing'])
      out += `{{^${name}}}${body(random, 2, depth - 1)}{{/${name}}}`
    }
    else if (r < 0.85 && depth > 0) out += `{{#flag}}${body(random, 2, depth - 1)}{{/flag}}`
    else if (r < 0.9) out += '{{> row}}'
    else out += `{{#meta}}{{label}}:${body(random, 1, depth - 1)}{{/meta}}`
  }
  return out
}

/** A random item of the list. */
function item(random: Random, id: number): Record<string, unknown> {
  const value: Record<string, unknown> = { name: `n${id}`, price: Math.floor(random() * 100) }
  if (random() < 0.5) value.tags = Array.from({ length: Math.floor(random() * 3) }, (_, i) => `t${i}`)
  if (random() < 0.3) value.flag = random() < 0.5
  if (random() < 0.3) value.items = [{ name: `sub${id}` }]
  return value
}

/** A random state of the view. */
function state(random: Random): Record<string, unknown> {
  return {
    title: random() < 0.8 ? 'T<1>' : '',
    flag: random() < 0.5,
    note: random() < 0.5 ? null : 'n&b',
    meta: { label: 'L', count: 2 },
    items: Array.from({ length: Math.floor(random() * 6) }, (_, i) => item(random, i)),
  }
}

/** A random handler: what it does to the state through `this`. */
function mutate(random: Random, view: Record<string, unknown>): void {
  const items = view.items as Array<Record<string, unknown>>
  const at = (): number => Math.floor(random() * Math.max(1, items.length))
  const r = random()
  if (r < 0.25 && items.length > 0) items[at()]!.price = Math.floor(random() * 100)
  else if (r < 0.35 && items.length > 0) items[at()]!.name = `m${Math.floor(random() * 9)}`
  else if (r < 0.45) items.push(item(random, 90 + Math.floor(random() * 9)))
  else if (r < 0.5 && items.length > 0) items.splice(at(), 1)
  else if (r < 0.55) items.reverse()
  else if (r < 0.6) view.title = pick(random, ['T2', '', '<x>'])
  else if (r < 0.65) view.flag = !view.flag
  else if (r < 0.7) (view.meta as Record<string, unknown>).label = pick(random, ['M', 'L'])
  else if (r < 0.75 && items.length > 0) delete items[at()]!.price
  else if (r < 0.8 && items.length > 0) items[at()]!.note = 'item note'
  else if (r < 0.82) view.name = pick(random, ['root name', undefined])
  else if (r < 0.84) view.tags = random() < 0.5 ? ['root tag'] : []
  else if (r < 0.85 && items.length > 0) items[at()]!.items = [{ name: 'added' }]
  else if (r < 0.9 && items.length > 0) {
    const tags = (items[at()]!.tags ??= []) as string[]
    tags.push('new')
  } else if (r < 0.95) view.items = items.map((value) => ({ ...value }))
  else if (items.length > 1) [items[0], items[1]] = [items[1]!, items[0]!]
}

/** The template context: the state's fields and a computed `total` (a getter: not state). */
function context(view: Record<string, unknown>): object {
  const root: Record<string, unknown> = { ...view }
  Object.defineProperty(root, 'total', { enumerable: true, get: () => (view.items as Array<{ price?: number }>).reduce((sum, i) => sum + (i.price ?? 0), 0) })
  return root
}

test('recorded renders with reuse equal full renders over random templates and handlers', (t) => {
  let reused = 0
  let rendered = 0
  for (let seed = 1; seed <= 1000; seed++) {
    const random = seededRandom(seed)
    const row = `<tr>{{name}}{{#tags}}<i>{{.}}</i>{{/tags}}</tr>`
    const layout = random() < 0.3
    const page = body(random, 6, 2)
    const source = layout ? `{{<frame}}{{$main}}${page}{{/main}}{{/frame}}` : page
    const store = createTemplateStore({ partials: { row, frame: '<main>{{$main}}default{{/main}}</main>{{#items}}<hr>{{$main}}{{/main}}{{/items}}' } })
    const template = store.fromSource(source, `seed-${seed}`)
    const view = state(random)
    let record: RenderRecord | undefined
    let written: Set<string> | undefined
    for (let step = 0; step < 6; step++) {
      const fields = new Set(Object.keys(view))
      const recorder = new Recorder(fields, record, written)
      const html = store.renderRecorded(template, context(view), recorder)
      const full = store.render(template, context(view))
      if (html !== full) {
        t.fail(`seed ${seed}, step ${step}, written ${JSON.stringify([...(written ?? [])])}\ntemplate: ${source}\nstate: ${JSON.stringify(view)}\nrecorded: ${html}\nfull:     ${full}`)
        return
      }
      reused += recorder.reused
      rendered += recorder.rendered
      record = recorder.finish()
      const tracker = trackWrites(view)
      mutate(random, view)
      written = tracker.stop()
    }
  }
  t.pass()
  t.true(reused > 1000, `rows reused: ${reused}, rendered: ${rendered}`)
})

test('one changed row of a 100-row list renders that row only', (t) => {
  const store = createTemplateStore({})
  const template = store.fromSource('<table>{{#items}}<tr><td>{{name}}</td><td>{{price}}</td></tr>{{/items}}</table><p>{{count}}</p>', 'list')
  const view: Record<string, unknown> = { count: 0, items: Array.from({ length: 100 }, (_, i) => ({ name: `Item ${i}`, price: i })) }
  const first = new Recorder(new Set(Object.keys(view)))
  store.renderRecorded(template, view, first)
  t.deepEqual([first.reused, first.rendered], [0, 100])
  const tracker = trackWrites(view)
  ;(view.items as Array<{ price: number }>)[6]!.price++
  view.count = (view.count as number) + 1
  const written = tracker.stop()
  t.deepEqual([...written].sort(), ['count', 'items.6.price'])
  const second = new Recorder(new Set(Object.keys(view)), first.finish(), written)
  t.is(store.renderRecorded(template, view, second), store.render(template, view))
  t.deepEqual([second.reused, second.rendered], [99, 1])
})

test('events in a worker reuse the rows of their last render; the page is what full renders give', async (t) => {
  const { mountView } = await import('../src/testing/index.js')
  const { renderCache } = await import('../workers/run-task.js')
  const ITEMS = new URL('../load-tests/app/views/items.ts', import.meta.url)
  const ids = ['7', '7', '100', '1']
  const reused = await mountView(ITEMS)
  const hits = renderCache.hits
  for (const id of ids) await reused.push('bump', { id })
  t.is(renderCache.hits - hits, 3, 'the first event renders in full (mount leaves no record); the next three reuse')
  const state = reused.state as { updates: number; items: Array<{ price: string }> }
  t.is(state.updates, 4)
  t.deepEqual([state.items[6]!.price, state.items[99]!.price, state.items[0]!.price], ['$18.77', '$135.01', '$11.26'])
  // The same events with every record forgotten first (harness sessions are all named 'test'):
  // full renders only. The pages must be the same, byte for byte.
  const full = await mountView(ITEMS)
  const before = renderCache.hits
  for (const id of ids) {
    renderCache.set('test', new ArrayBuffer(0), new Map())
    await full.push('bump', { id })
  }
  t.is(renderCache.hits, before)
  t.is(reused.html, full.html)
})
