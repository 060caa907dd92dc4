import test, { type ExecutionContext } from 'ava'
import type { LiveloomError } from '../src/errors.js'
import { assertCloneable, collectState, decodeState, encodeState, ownedArrayBuffer } from '../src/view/state.js'

const NOT_CLONEABLE = 'LIVELOOM_ERR_STATE_NOT_CLONEABLE'
const ADVICE =
  'which cannot be kept as session state (state must survive structuredClone: plain objects, arrays, primitives, Date, Map, Set, typed arrays). Keep handles such as sockets or database clients outside the view, in a module, and keep only data in fields.'

/** The `details.field` of the error `assertCloneable` throws for `state`. */
function failingField(t: ExecutionContext, state: Record<string, unknown>): unknown {
  return t.throws<LiveloomError>(() => assertCloneable(state, 'Shop'), { code: NOT_CLONEABLE })?.details.field
}

test('collectState keeps own enumerable string-keyed fields only', (t) => {
  class Base {
    inherited = 'own too'
    get computed(): number {
      return 1
    }
    method(): void {}
  }
  class View extends Base {
    count = 2
    _private = 'kept'
  }
  const view = new View()
  Object.defineProperty(view, 'hidden', { value: 'x', enumerable: false })
  ;(view as unknown as Record<symbol, unknown>)[Symbol('s')] = 'symbol-keyed'
  Object.defineProperty(Base.prototype, 'onProto', { value: 1, enumerable: true })
  const state = collectState(view)
  t.deepEqual(state, { inherited: 'own too', count: 2, _private: 'kept' })
  t.is(Object.getPrototypeOf(state), Object.prototype)
})

test('assertCloneable accepts data structured clone keeps', (t) => {
  const cyclic: Record<string, unknown> = { name: 'loop' }
  cyclic.self = cyclic
  const bare = Object.create(null) as Record<string, unknown>
  bare.x = 1
  const shared = { id: 1 }
  t.notThrows(() =>
    assertCloneable(
      {
        n: 1, s: 'x', b: true, nil: null, undef: undefined, big: 10n,
        date: new Date(0), re: /a/g,
        map: new Map<unknown, unknown>([['k', { v: [1] }], [2, new Set([3])]]),
        set: new Set(['a', { b: 1 }]),
        bytes: new Uint8Array(4), floats: new Float64Array(2), bigs: new BigInt64Array(1), buffer: new ArrayBuffer(8),
        view: new DataView(new ArrayBuffer(2)),
        nested: [[1, [2, { three: [3] }]]],
        cyclic, bare, twice: [shared, shared],
        error: new RangeError('r'),
      },
      'Shop',
    ),
  )
})

test('assertCloneable rejects a function, naming the view and field', (t) => {
  t.throws(() => assertCloneable({ count: 1, onClick: () => {} }, 'Shop'), {
    code: NOT_CLONEABLE,
    message: `Shop.onClick holds a function, ${ADVICE}`,
  })
})

test('assertCloneable rejects a symbol', (t) => {
  t.throws(() => assertCloneable({ tag: Symbol('t') }, 'Shop'), { code: NOT_CLONEABLE, message: `Shop.tag holds a symbol, ${ADVICE}` })
})

test('assertCloneable rejects a class instance, naming the class', (t) => {
  class Owner {
    name = 'ann'
  }
  const error = t.throws(() => assertCloneable({ items: [{}, {}, { owner: new Owner() }] }, 'Shop'), {
    code: NOT_CLONEABLE,
    message: `Shop.items[2].owner holds an instance of Owner, ${ADVICE}`,
  })
  t.like(error, { fault: 'app', details: { view: 'Shop', field: 'items[2].owner' } })
  t.is(failingField(t, { x: new (class {})() }), 'x')
  t.throws(() => assertCloneable({ x: new (class {})() }, 'Shop'), { message: `Shop.x holds an instance of anonymous class, ${ADVICE}` })
})

test('assertCloneable names the first offending field in order', (t) => {
  const fn = (): void => {}
  t.is(failingField(t, { a: 1, items: [0, 1, { owner: fn }, { owner: fn }], z: fn }), 'items[2].owner')
  t.is(failingField(t, { m: new Map<string, unknown>([['ok', 1], ['bad', fn], ['worse', fn]]) }), 'm.get("bad")')
})

test('assertCloneable names paths inside objects, maps and sets exactly', (t) => {
  const fn = (): void => {}
  t.is(failingField(t, { user: { address: { street: fn } } }), 'user.address.street')
  t.is(failingField(t, { m: new Map([['k', fn]]) }), 'm.get("k")')
  t.is(failingField(t, { m: new Map([[7, { deep: [fn] }]]) }), 'm.get(7).deep[0]')
  t.is(failingField(t, { m: new Map<unknown, number>([['a', 1], [fn, 2]]) }), 'm.<key 1>')
  t.is(failingField(t, { m: new Map([[{}, fn]]) }), 'm.get(object)')
  t.is(failingField(t, { s: new Set([1, 2, fn]) }), 's.<entry 2>')
  const bare = Object.create(null) as Record<string, unknown>
  bare.cb = fn
  t.is(failingField(t, { bare }), 'bare.cb')
})

test('assertCloneable handles 100 000-deep nesting without overflowing the stack', (t) => {
  let deep: unknown[] = []
  for (let i = 0; i < 100_000; i++) deep = [deep]
  t.notThrows(() => assertCloneable({ deep }, 'Shop'))
  let bad: unknown[] = [() => {}]
  for (let i = 0; i < 99_999; i++) bad = [bad]
  t.is(failingField(t, { bad }), 'bad' + '[0]'.repeat(100_000))
})

test('encodeState and decodeState round-trip nested data, Map, Set and Date', (t) => {
  const state = {
    count: 3,
    when: new Date(1_700_000_000_000),
    tags: new Set(['a', 'b']),
    byId: new Map<string, unknown>([['x', { name: 'X', at: new Date(5) }]]),
    rows: [{ id: 1, cells: [1, 2, [3]] }],
    bytes: new Uint8Array([1, 2, 3]),
    nothing: null,
  }
  const bytes = encodeState(state)
  t.true(bytes instanceof ArrayBuffer)
  const back = decodeState(bytes)
  t.deepEqual(back, state)
  t.true((back.byId as Map<string, { at: Date }>).get('x')!.at instanceof Date)
  // The bytes are a buffer of their own: transferring them detaches nothing else.
  const moved = structuredClone(bytes, { transfer: [bytes] })
  t.is(bytes.byteLength, 0)
  t.deepEqual(decodeState(moved), state)
})

test('ownedArrayBuffer returns a whole buffer as is and copies a view of a larger one', (t) => {
  const whole = new Uint8Array([1, 2, 3, 4])
  t.is(ownedArrayBuffer(whole), whole.buffer)

  const sub = whole.subarray(1, 3)
  const copy = ownedArrayBuffer(sub)
  t.not(copy, whole.buffer)
  t.deepEqual([...new Uint8Array(copy)], [2, 3])
  new Uint8Array(copy)[0] = 9
  t.deepEqual([...whole], [1, 2, 3, 4])

  const prefix = ownedArrayBuffer(whole.subarray(0, 2))
  t.deepEqual([...new Uint8Array(prefix)], [1, 2])
})

test('ownedArrayBuffer copies a Buffer from the shared pool (Buffer#slice does not copy)', (t) => {
  const pooled = Buffer.from('abc')
  t.true(pooled.buffer.byteLength > 3)
  const owned = ownedArrayBuffer(pooled)
  t.is(owned.byteLength, 3)
  t.not(owned, pooled.buffer)
  t.is(Buffer.from(owned).toString(), 'abc')
})

test('ownedArrayBuffer copies bytes out of a SharedArrayBuffer', (t) => {
  const shared = new Uint8Array(new SharedArrayBuffer(2))
  shared.set([7, 8])
  const owned = ownedArrayBuffer(shared)
  t.true(owned instanceof ArrayBuffer)
  t.deepEqual([...new Uint8Array(owned)], [7, 8])
})
