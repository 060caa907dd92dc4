import test from 'ava'
import { MAX_EVENT_NAME, MAX_PARAMS_DEPTH, parseClientFrame, type ParsedFrame } from '../src/protocol/validate.js'
import { event } from '../src/view/event.js'
import { LiveView } from '../src/view/live-view.js'
import { findHandler } from '../workers/handlers.js'

const JOIN = { t: 'join', ref: 1, pv: 1, token: 'body.mac', url: '/items/7?tab=2' }
const EVENT = { t: 'event', ref: 2, name: 'add', params: { id: '7', qty: 2, tags: ['a'], on: true, none: null } }
const REFRESH = { t: 'refresh', ref: 3 }

const parse = (frame: unknown): ParsedFrame => parseClientFrame(JSON.stringify(frame))

/** `levels` objects nested in each other, the innermost holding a number. */
function nested(levels: number): Record<string, unknown> {
  let value: unknown = 1
  for (let i = 0; i < levels; i++) value = { a: value }
  return value as Record<string, unknown>
}

test('valid join, event and refresh frames are returned as sent', (t) => {
  t.deepEqual(parse(JOIN), { ok: true, frame: JOIN })
  t.deepEqual(parse({ ...JOIN, v: 0 }), { ok: true, frame: { ...JOIN, v: 0 } })
  t.deepEqual(parse(EVENT), { ok: true, frame: EVENT })
  t.deepEqual(parse({ ...EVENT, params: {} }), { ok: true, frame: { ...EVENT, params: {} } })
  t.deepEqual(parse(REFRESH), { ok: true, frame: REFRESH })
})

test('text that is not a JSON object is refused without a ref', (t) => {
  t.deepEqual(parseClientFrame('{"t":"refresh","ref":3'), { ok: false, reason: 'frame is not JSON' })
  t.deepEqual(parseClientFrame(''), { ok: false, reason: 'frame is not JSON' })
  t.deepEqual(parseClientFrame('null'), { ok: false, reason: 'Invalid type: Expected Object but received null' })
  t.deepEqual(parseClientFrame('"refresh"'), { ok: false, reason: 'Invalid type: Expected Object but received "refresh"' })
  t.deepEqual(parseClientFrame('5'), { ok: false, reason: 'Invalid type: Expected Object but received 5' })
  t.deepEqual(parseClientFrame('[{"t":"refresh","ref":3}]'), { ok: false, reason: 't: Invalid type: Expected ("join" | "event" | "refresh" | "params" | "navigate") but received undefined' })
})

test('an unknown type or an extra key is refused, with the ref', (t) => {
  t.deepEqual(parse({ t: 'leave', ref: 4 }), { ok: false, reason: 't: Invalid type: Expected ("join" | "event" | "refresh" | "params" | "navigate") but received "leave"', ref: 4 })
  t.deepEqual(parse({ ref: 4 }), { ok: false, reason: 't: Invalid type: Expected ("join" | "event" | "refresh" | "params" | "navigate") but received undefined', ref: 4 })
  t.deepEqual(parse({ ...REFRESH, extra: true }), { ok: false, reason: 'extra: Invalid key: Expected never but received "extra"', ref: 3 })
  t.deepEqual(parse({ ...EVENT, target: 'x' }), { ok: false, reason: 'target: Invalid key: Expected never but received "target"', ref: 2 })
  t.deepEqual(parseClientFrame('{"t":"refresh","ref":3,"__proto__":{}}'), { ok: false, reason: '__proto__: Invalid key: Expected never but received "__proto__"', ref: 3 })
})

test('a ref that is not a positive safe integer is refused, and not given back', (t) => {
  t.deepEqual(parse({ ...REFRESH, ref: 0 }), { ok: false, reason: 'ref: Invalid value: Expected >=1 but received 0' })
  t.deepEqual(parse({ ...REFRESH, ref: -1 }), { ok: false, reason: 'ref: Invalid value: Expected >=1 but received -1' })
  t.deepEqual(parse({ ...REFRESH, ref: 1.5 }), { ok: false, reason: 'ref: Invalid safe integer: Received 1.5' })
  t.deepEqual(parse({ ...REFRESH, ref: '3' }), { ok: false, reason: 'ref: Invalid type: Expected number but received "3"' })
  t.deepEqual(parse({ ...REFRESH, ref: 2 ** 53 }), { ok: false, reason: 'ref: Invalid safe integer: Received 9007199254740992' })
  t.deepEqual(parse({ t: 'refresh' }), { ok: false, reason: 'ref: Invalid key: Expected "ref" but received undefined' })
  const refused = parse({ ...REFRESH, ref: 0 })
  t.false('ref' in refused)
})

test('event names are identifiers of at most 128 characters', (t) => {
  t.is(MAX_EVENT_NAME, 128)
  for (const name of ['a', '_private', '$x', 'camelCase9', '__proto__', 'constructor', 'a'.repeat(128)]) {
    t.deepEqual(parse({ ...EVENT, name }), { ok: true, frame: { ...EVENT, name } }, name)
  }
  for (const name of ['a-b', '9lives', '', 'a b', 'a.b', 'é']) {
    t.deepEqual(parse({ ...EVENT, name }), { ok: false, reason: 'name: event names are identifiers (or liveloom built-ins like lv:clear-flash)', ref: 2 }, name)
  }
  t.deepEqual(parse({ ...EVENT, name: 'a'.repeat(129) }), { ok: false, reason: 'name: Invalid length: Expected <=128 but received 129', ref: 2 })
  t.deepEqual(parse({ ...EVENT, name: 7 }), { ok: false, reason: 'name: Invalid type: Expected string but received 7', ref: 2 })
})

test('names the regex lets through are refused by the handler lookup', (t) => {
  class Shop extends LiveView {
    static template = ''
    @event() add(): void {}
  }
  for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'mount']) {
    const parsed = parse({ ...EVENT, name })
    t.true(parsed.ok)
    t.throws(() => findHandler(new Shop(), 'Shop', name), { code: 'LIVELOOM_ERR_EVENT_NOT_ALLOWED' }, name)
  }
})

test('params must be a JSON object', (t) => {
  for (const params of [[1, 2], [], 'x', 5, null, true]) {
    t.deepEqual(parse({ ...EVENT, params }), { ok: false, reason: 'params: event params must be a JSON object', ref: 2 }, JSON.stringify(params))
  }
  t.deepEqual(parse({ t: 'event', ref: 2, name: 'add' }), { ok: false, reason: 'params: Invalid key: Expected "params" but received undefined', ref: 2 })
})

test('params may nest 8 levels, not 9', (t) => {
  t.is(MAX_PARAMS_DEPTH, 8)
  t.deepEqual(parse({ ...EVENT, params: nested(8) }), { ok: true, frame: { ...EVENT, params: nested(8) } })
  t.deepEqual(parse({ ...EVENT, params: nested(9) }), { ok: false, reason: 'params: event params may nest at most 8 levels', ref: 2 })
  const arrays = { a: [[[[[[[1]]]]]]] }
  t.true(parse({ ...EVENT, params: arrays }).ok, 'arrays count as levels too: 8 here')
  t.false(parse({ ...EVENT, params: { a: [[[[[[[[1]]]]]]]] } }).ok)
})

test('a __proto__ key in params is dropped, never made a prototype', (t) => {
  const parsed = parseClientFrame('{"t":"event","ref":2,"name":"add","params":{"__proto__":{"admin":true},"id":"7"}}')
  t.deepEqual(parsed, { ok: true, frame: { t: 'event', ref: 2, name: 'add', params: { id: '7' } } })
  if (parsed.ok) t.is(Object.getPrototypeOf((parsed.frame as { params: object }).params), Object.prototype)
})

test('join needs a path url, a bounded token and a known shape', (t) => {
  t.deepEqual(parse({ ...JOIN, url: 'items' }), { ok: false, reason: 'url: Invalid start: Expected "/" but received "i"', ref: 1 })
  t.deepEqual(parse({ ...JOIN, url: 'https://evil.example/' }), { ok: false, reason: 'url: Invalid start: Expected "/" but received "h"', ref: 1 })
  t.deepEqual(parse({ ...JOIN, url: '/' + 'a'.repeat(8_192) }), { ok: false, reason: 'url: Invalid length: Expected <=8192 but received 8193', ref: 1 })
  t.true(parse({ ...JOIN, token: 't'.repeat(16_384) }).ok)
  t.deepEqual(parse({ ...JOIN, token: 't'.repeat(16_385) }), { ok: false, reason: 'token: Invalid length: Expected <=16384 but received 16385', ref: 1 })
  t.deepEqual(parse({ ...JOIN, token: '' }), { ok: false, reason: 'token: Invalid length: Expected >=1 but received 0', ref: 1 })
  t.deepEqual(parse({ ...JOIN, v: -1 }), { ok: false, reason: 'v: Invalid value: Expected >=0 but received -1', ref: 1 })
  t.deepEqual(parse({ ...JOIN, pv: '1' }), { ok: false, reason: 'pv: Invalid type: Expected number but received "1"', ref: 1 })
})
