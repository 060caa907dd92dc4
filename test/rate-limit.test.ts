import test from 'ava'
import { TokenBucket } from '../src/gateway/rate-limit.js'

/** `count` takes at `now`, as booleans. */
function takes(bucket: TokenBucket, count: number, now: number): boolean[] {
  return Array.from({ length: count }, () => bucket.take(now))
}

test('a full bucket gives burst tokens at once, then refuses', (t) => {
  const bucket = new TokenBucket(3, 4, 0)
  t.deepEqual(takes(bucket, 4, 0), [true, true, true, false])
})

test('tokens refill continuously at perSecond', (t) => {
  const bucket = new TokenBucket(3, 4, 0)
  takes(bucket, 3, 0)
  t.false(bucket.take(125), 'half a token')
  t.true(bucket.take(250), 'the second half makes one')
  t.false(bucket.take(250))
  t.deepEqual(takes(bucket, 4, 1_000), [true, true, true, false], '750 ms at four per second')
})

test('refill is capped at burst however long the bucket idles', (t) => {
  const bucket = new TokenBucket(2, 10, 0)
  t.deepEqual(takes(bucket, 3, 1_000_000), [true, true, false])
  t.true(bucket.take(1_000_100), 'one token per 100 ms at 10 per second')
  t.false(bucket.take(1_000_100))
})

test('refused takes cost nothing, and many small refills add up to a whole token', (t) => {
  const bucket = new TokenBucket(1, 2, 0)
  t.true(bucket.take(0))
  for (let now = 0; now < 500; now += 50) t.false(bucket.take(now))
  t.true(bucket.take(500))
})

test('a fractional rate refills slowly', (t) => {
  const bucket = new TokenBucket(1, 0.5, 0)
  t.true(bucket.take(0))
  t.false(bucket.take(1_999))
  t.true(bucket.take(2_000))
})
