import test from 'ava'
import { createHmac } from 'node:crypto'
import type { LiveloomError } from '../src/errors.js'
import { TokenSigner } from '../src/token.js'

const SECRET = Buffer.alloc(32, 7)
const MAX_AGE = 60_000
const NOW = 1_700_000_000_000
const PAYLOAD = { sid: 'abc123', url: '/items/7?tab=2', session: { user: 'ann', roles: ['admin'] } }
const INVALID = {
  code: 'LIVELOOM_ERR_TOKEN_INVALID',
  message: 'the session token is malformed or was not signed by this server; reload the page',
}
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const signer = new TokenSigner(SECRET, MAX_AGE)
const token = signer.sign(PAYLOAD, NOW)
const [body, mac] = token.split('.') as [string, string]

/** A token for any body text, correctly signed with `SECRET`. */
function signedBody(text: string): string {
  const encoded = Buffer.from(text).toString('base64url')
  return `${encoded}.${createHmac('sha256', SECRET).update(encoded).digest('base64url')}`
}

test('sign then verify gives the payload back with its expiry', (t) => {
  t.deepEqual(signer.verify(token, NOW), { ...PAYLOAD, exp: NOW + MAX_AGE })
  t.deepEqual(JSON.parse(Buffer.from(body, 'base64url').toString()), { ...PAYLOAD, exp: NOW + MAX_AGE })
  t.is(mac.length, 43)
  t.regex(token, /^[\w-]+\.[\w-]+$/)
})

test('a token is valid until just before its expiry and expired exactly at it', (t) => {
  t.is(signer.verify(token, NOW + MAX_AGE - 1).exp, NOW + MAX_AGE)
  const error = t.throws<LiveloomError>(() => signer.verify(token, NOW + MAX_AGE), {
    code: 'LIVELOOM_ERR_TOKEN_EXPIRED',
    message: 'the session token has expired; reload the page',
  })
  t.is(error?.fault, 'network')
  t.throws(() => signer.verify(token, NOW + MAX_AGE + 1), { code: 'LIVELOOM_ERR_TOKEN_EXPIRED' })
})

test('a tampered body is invalid', (t) => {
  const forged = Buffer.from(JSON.stringify({ ...PAYLOAD, sid: 'someone-else', exp: NOW + MAX_AGE })).toString('base64url')
  const error = t.throws<LiveloomError>(() => signer.verify(`${forged}.${mac}`, NOW), INVALID)
  t.is(error?.fault, 'network')
  const flipped = body.slice(0, 5) + (body[5] === 'A' ? 'B' : 'A') + body.slice(6)
  t.throws(() => signer.verify(`${flipped}.${mac}`, NOW), INVALID)
})

test('a tampered mac is invalid, including encodings of the same bytes', (t) => {
  const flipped = (mac[0] === 'A' ? 'B' : 'A') + mac.slice(1)
  t.throws(() => signer.verify(`${body}.${flipped}`, NOW), INVALID)
  t.throws(() => signer.verify(`${body}.${mac.slice(0, -1)}`, NOW), INVALID)
  t.throws(() => signer.verify(`${body}.${mac}A`, NOW), INVALID)
  t.throws(() => signer.verify(`${body}.`, NOW), INVALID)
  // The last of 43 base64url characters carries 4 bits of the mac and 2 spare ones; a base64
  // decoder ignores stray characters and padding. None of these may pass as the real mac.
  const last = B64URL.indexOf(mac.at(-1)!)
  const spareBitsChanged = mac.slice(0, -1) + B64URL[last ^ 1]
  t.deepEqual(Buffer.from(spareBitsChanged, 'base64url'), Buffer.from(mac, 'base64url'))
  t.throws(() => signer.verify(`${body}.${spareBitsChanged}`, NOW), INVALID)
  t.throws(() => signer.verify(`${body}.${mac}=`, NOW), INVALID)
  t.throws(() => signer.verify(`${body}.${mac.slice(0, 10)}!${mac.slice(10)}`, NOW), INVALID)
})

test('a token signed with another secret is invalid', (t) => {
  const other = new TokenSigner(Buffer.alloc(32, 8), MAX_AGE)
  t.throws(() => other.verify(token, NOW), INVALID)
})

test('malformed tokens are invalid', (t) => {
  for (const bad of ['', 'nodot', `${body}${mac}`, `.${mac}`, '.', 'garbage.garbage', '%%%.%%%', `${body}.${mac}.${mac}`]) {
    t.throws(() => signer.verify(bad, NOW), INVALID, JSON.stringify(bad))
  }
})

test('a huge token is invalid without further work', (t) => {
  const huge = `${'a'.repeat(16_384)}.${mac}`
  t.throws(() => signer.verify(huge, NOW), INVALID)
})

test('a signed body that is not a payload is invalid', (t) => {
  for (const text of ['not json', 'null', '[]', '"text"', '{"sid":"s","url":"/"}', '{"sid":1,"url":"/","exp":1e15}', '{"sid":"s","url":5,"exp":1e15}', '{"sid":"s","url":"/","exp":"1e15"}']) {
    t.throws(() => signer.verify(signedBody(text), NOW), INVALID, text)
  }
  t.deepEqual(signer.verify(signedBody('{"sid":"s","url":"/","exp":1e15}'), NOW), { sid: 's', url: '/', exp: 1e15 })
})
