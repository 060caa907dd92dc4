import test from 'ava'
import { hasLiveloomCode, LiveloomError } from '../src/errors.js'
import * as native from '../native/index.js'

test('a LiveloomError carries its code, fault, details and cause', (t) => {
  const cause = new Error('boom')
  const e = new LiveloomError('LIVELOOM_ERR_BAD_OPTION', 'options.workers must be a positive integer, got -1', {
    details: { option: 'workers' },
    cause,
  })
  t.is(e.code, 'LIVELOOM_ERR_BAD_OPTION')
  t.is(e.fault, 'app')
  t.is(e.name, 'LiveloomError')
  t.is(e.cause, cause)
  t.deepEqual(e.details, { option: 'workers' })
  t.deepEqual(JSON.parse(JSON.stringify(e)), {
    code: 'LIVELOOM_ERR_BAD_OPTION',
    message: 'options.workers must be a positive integer, got -1',
    fault: 'app',
    details: { option: 'workers' },
  })
  t.is(new LiveloomError('LIVELOOM_ERR_X', 'm', { fault: 'internal' }).fault, 'internal')
})

test('codes must have the LIVELOOM_ERR_ shape', (t) => {
  t.throws(() => new LiveloomError('oops', 'm'), { instanceOf: TypeError, message: /LIVELOOM_ERR_SOMETHING, got "oops"/ })
})

test('hasLiveloomCode recognises our errors and the addon\'s, and nothing else', (t) => {
  t.true(hasLiveloomCode(new LiveloomError('LIVELOOM_ERR_X', 'm')))
  const fromAddon = t.throws(() => native.diff(new ArrayBuffer(3), '<p>'))
  t.true(hasLiveloomCode(fromAddon))
  t.false(hasLiveloomCode(Object.assign(new Error('x'), { code: 'ENOENT' })))
  t.false(hasLiveloomCode({ code: 'LIVELOOM_ERR_X' }))
  t.false(hasLiveloomCode('LIVELOOM_ERR_X'))
})
