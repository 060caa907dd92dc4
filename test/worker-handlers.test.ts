import test from 'ava'
import * as v from 'valibot'
import { event } from '../src/view/event.js'
import { LiveView } from '../src/view/live-view.js'
import type { StandardSchemaV1 } from '../src/view/standard-schema.js'
import type { EventParams } from '../src/protocol/frames.js'
import { findHandler } from '../workers/handlers.js'

let trapReads = 0

class Cart extends LiveView {
  static template = '<p>{{count}}</p>'
  count = 0

  get trap(): never {
    trapReads++
    throw new Error('a getter must never run for an event name')
  }

  @event() increment(): void {
    this.count++
  }

  @event({ params: v.object({ by: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)) }) })
  add({ by }: { by: number }): void {
    this.count += by
  }

  @event({ params: v.object({ lines: v.array(v.object({ sku: v.string(), qty: v.number() })) }) })
  setLines(): void {}

  notAHandler(): void {}
}

class SpecialCart extends Cart {
  override increment(): void {
    this.count += 2
  }
}

test('findHandler returns an @event() method ready to call', async (t) => {
  const cart = new Cart()
  const handler = findHandler(cart, 'Cart', 'increment')
  t.is(handler.name, 'increment')
  t.is(handler.fn, Cart.prototype.increment)
  const params = { any: 'thing' }
  t.is(await handler.validate(params), params, 'no schema: the raw params pass through')
  handler.fn.call(cart, params)
  t.is(cart.count, 1)
})

test('an unknown name is LIVELOOM_ERR_EVENT_UNKNOWN', (t) => {
  const error = t.throws(() => findHandler(new Cart(), 'Cart', 'decrement'), {
    code: 'LIVELOOM_ERR_EVENT_UNKNOWN',
    message: 'Cart has no event handler named "decrement": check the lv-* attribute in the template, or add an @event() method',
  })
  t.like(error, { fault: 'app', details: { view: 'Cart', event: 'decrement' } })
  t.throws(() => findHandler(new Cart(), 'Cart', 'count'), { code: 'LIVELOOM_ERR_EVENT_UNKNOWN' }, 'a state field is no handler')
})

test('a method without @event() is LIVELOOM_ERR_EVENT_NOT_ALLOWED', (t) => {
  const error = t.throws(() => findHandler(new Cart(), 'Cart', 'notAHandler'), {
    code: 'LIVELOOM_ERR_EVENT_NOT_ALLOWED',
    message: 'Cart.notAHandler is not an event handler: mark the method with @event() to let the browser call it',
  })
  t.like(error, { fault: 'app', details: { view: 'Cart', event: 'notAHandler' } })
})

test('names of built-in members are LIVELOOM_ERR_EVENT_NOT_ALLOWED', (t) => {
  for (const name of ['constructor', 'mount', 'setTitle', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
    t.throws(() => findHandler(new Cart(), 'Cart', name), { code: 'LIVELOOM_ERR_EVENT_NOT_ALLOWED', message: `Cart.${name} is not an event handler: mark the method with @event() to let the browser call it` }, name)
  }
})

test('a getter named by an event is never invoked', (t) => {
  trapReads = 0
  t.throws(() => findHandler(new Cart(), 'Cart', 'trap'), { code: 'LIVELOOM_ERR_EVENT_NOT_ALLOWED' })
  t.is(trapReads, 0)
})

test('an inherited handler is found; one overridden without @event() is not allowed', (t) => {
  class Subclass extends Cart {}
  t.is(findHandler(new Subclass(), 'Subclass', 'add').fn as unknown, Cart.prototype.add)
  t.throws(() => findHandler(new SpecialCart(), 'SpecialCart', 'increment'), { code: 'LIVELOOM_ERR_EVENT_NOT_ALLOWED' })
})

test('validate passes the schema output on (a string becomes a number)', async (t) => {
  const handler = findHandler(new Cart(), 'Cart', 'add')
  t.deepEqual(await handler.validate({ by: '12' }), { by: 12 })
})

test('params failing the schema are LIVELOOM_ERR_EVENT_PARAMS, a network fault, with issue paths', async (t) => {
  const add = findHandler(new Cart(), 'Cart', 'add')
  const error = await t.throwsAsync(add.validate({ by: 3 }), {
    code: 'LIVELOOM_ERR_EVENT_PARAMS',
    message: 'Cart.add: invalid parameters: by: Invalid type: Expected string but received 3',
  })
  t.like(error, { fault: 'network', details: { view: 'Cart', event: 'add', issues: ['by: Invalid type: Expected string but received 3'] } })

  const setLines = findHandler(new Cart(), 'Cart', 'setLines')
  await t.throwsAsync(setLines.validate({ lines: [{ sku: 'a', qty: 1 }, { sku: 2, qty: 'x' }] } as EventParams), {
    code: 'LIVELOOM_ERR_EVENT_PARAMS',
    message:
      'Cart.setLines: invalid parameters: lines[1].sku: Invalid type: Expected string but received 2; lines[1].qty: Invalid type: Expected number but received "x"',
  })
})

test('an async Standard Schema is awaited, for output and for issues', async (t) => {
  const even: StandardSchemaV1<unknown, { n: number }> = {
    '~standard': {
      version: 1,
      vendor: 'handmade',
      validate: async (value) => {
        await new Promise((resolve) => setTimeout(resolve, 1))
        const n = Number((value as { n?: unknown }).n)
        if (n % 2 === 0) return { value: { n } }
        return { issues: [{ message: 'must be even', path: [{ key: 'n' }] }, { message: 'try again' }] }
      },
    },
  }
  class Async extends LiveView {
    static template = ''
    @event({ params: even }) pick(): void {}
  }
  const handler = findHandler(new Async(), 'Async', 'pick')
  t.deepEqual(await handler.validate({ n: '4' }), { n: 4 })
  await t.throwsAsync(handler.validate({ n: '3' }), {
    code: 'LIVELOOM_ERR_EVENT_PARAMS',
    message: 'Async.pick: invalid parameters: n: must be even; try again',
  })
})
