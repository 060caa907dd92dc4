/**
 * Write tracking (src/view/write-tracking.ts): the exact paths a handler writes, the conservative
 * cases, and that the state is plain, serializable data again after `stop()`.
 */

import test from 'ava'
import { serialize, deserialize } from 'node:v8'
import { trackWrites } from '../src/view/write-tracking.js'

class Shop {
  items = [
    { id: 1, price: 10, tags: ['a'] },
    { id: 2, price: 20, tags: [] as string[] },
  ]
  count = 0
  picked: unknown = null
  seen = new Map<string, number>()
  when = new Date(0)
  #secret = 'kept'

  get total(): number {
    return this.items.reduce((sum, item) => sum + item.price, 0)
  }

  bump(): void {
    this.items[1]!.price++
    this.count++
  }

  reveal(): string {
    return this.#secret
  }
}

/** Runs `handler` on a fresh shop under tracking; returns the written paths, sorted, and the shop. */
function run(handler: (shop: Shop) => void): { paths: string[]; shop: Shop } {
  const shop = new Shop()
  const tracker = trackWrites(shop)
  handler(shop)
  return { paths: [...tracker.stop()].sort(), shop }
}

test('nested writes record their exact paths; reads record nothing', (t) => {
  t.deepEqual(run((shop) => shop.bump()).paths, ['count', 'items.1.price'])
  t.deepEqual(run((shop) => void shop.total).paths, [], 'a computed value read')
  t.deepEqual(run((shop) => void shop.items[0]!.tags.length).paths, [])
  t.deepEqual(run((shop) => shop.items[0]!.tags.push('b')).paths, ['items.0.tags.1', 'items.0.tags.length'])
  t.deepEqual(run((shop) => void delete (shop.items[0] as { tags?: unknown }).tags).paths, ['items.0.tags'])
  t.deepEqual(run((shop) => (shop.items = [])).paths, ['items'])
})

test('array methods record what they touch', (t) => {
  const { paths, shop } = run((s) => void s.items.splice(0, 1))
  t.deepEqual(paths, ['items.0', 'items.1', 'items.length'])
  t.deepEqual(shop.items.map((item) => item.id), [2])
  t.deepEqual(run((s) => s.items.reverse()).paths, ['items.0', 'items.1'])
})

test('Maps, Sets, Dates are written once reached (their methods are not trapped)', (t) => {
  t.deepEqual(run((shop) => shop.seen.set('x', 1)).paths, ['seen'])
  t.deepEqual(run((shop) => void shop.when.getTime()).paths, ['when'])
  const { shop } = run((s) => s.seen.set('y', 2))
  t.is(shop.seen.get('y'), 2, 'the real Map, not a proxy: its methods work')
})

test('fields added or deleted by the handler are written', (t) => {
  t.deepEqual(run((shop) => ((shop as unknown as { extra: number }).extra = 1)).paths, ['extra'])
  t.deepEqual(run((shop) => void delete (shop as { picked?: unknown }).picked).paths, ['picked'])
})

test('after stop the state is plain data: proxies stored anywhere are unwrapped, order kept', (t) => {
  const { paths, shop } = run((s) => {
    s.picked = { item: s.items[1], list: [s.items[0]], byId: new Map([[1, s.items[0]]]), set: new Set([s.items[1], s.items[0]]) }
    s.seen.set('first', 1)
  })
  t.deepEqual(paths, ['picked', 'seen'])
  const fields = Object.fromEntries(Object.keys(shop).map((key) => [key, (shop as unknown as Record<string, unknown>)[key]]))
  const copy = deserialize(serialize(fields)) as typeof fields
  t.deepEqual(copy.picked, {
    item: { id: 2, price: 20, tags: [] },
    list: [{ id: 1, price: 10, tags: ['a'] }],
    byId: new Map([[1, { id: 1, price: 10, tags: ['a'] }]]),
    set: new Set([{ id: 2, price: 20, tags: [] }, { id: 1, price: 10, tags: ['a'] }]),
  })
  const picked = shop.picked as { item: object }
  t.is(picked.item, shop.items[1], 'the stored value is the item itself, not a proxy of it')
  for (const key of Object.keys(shop)) t.truthy(Object.getOwnPropertyDescriptor(shop, key)!.writable, `${key} is a data property again`)
})

test('the view keeps its identity, private fields and stable proxies while tracked', (t) => {
  const shop = new Shop()
  const tracker = trackWrites(shop)
  t.is(shop.reveal(), 'kept')
  t.is(shop.items[0], shop.items[0], 'one proxy per object')
  t.is(shop.items.indexOf(shop.items[1]!), 1)
  t.true(Array.isArray(shop.items))
  t.is(JSON.stringify(shop.items[0]), '{"id":1,"price":10,"tags":["a"]}')
  const copy = structuredClone(shop.items)
  t.deepEqual(copy, [{ id: 1, price: 10, tags: ['a'] }, { id: 2, price: 20, tags: [] }], 'structuredClone of a tracked value clones the value')
  copy[0]!.price = 99
  t.deepEqual([...tracker.stop()], [], 'changing the clone writes nothing')
  t.is(shop.items[0]!.price, 10)
  t.throws(() => serialize(new Proxy({}, {})), { message: /could not be cloned/ }, 'why stop() must unwrap before the state is encoded')
})
