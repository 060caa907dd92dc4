import test, { type ExecutionContext } from 'ava'
import { SessionRegistry, type ParkingLimits } from '../src/sessions/registry.js'
import { Session } from '../src/sessions/session.js'

const LIMITS: ParkingLimits = { joinWindowMs: 100, resumeWindowMs: 1_000, maxParked: 3, maxParkedBytes: 1_000 }

/** A session holding `stateBytes` of state and `snapshotBytes` of snapshot. */
function session(id: string, stateBytes = 10, snapshotBytes = 0): Session {
  return new Session(id, 'file:///views/v.ts', '/', {}, new ArrayBuffer(stateBytes), new ArrayBuffer(snapshotBytes), 4)
}

/** A registry over `limits` that records evictions as `id:why`; closed when the test ends. */
function registry(t: ExecutionContext, limits: Partial<ParkingLimits> = {}): { sessions: SessionRegistry; evicted: string[] } {
  const evicted: string[] = []
  const sessions = new SessionRegistry({ ...LIMITS, ...limits }, (s, why) => evicted.push(`${s.id}:${why}`))
  t.teardown(() => sessions.close())
  return { sessions, evicted }
}

test('a session counts its bytes, copies them and numbers its frames', async (t) => {
  const s = new Session('s1', 'file:///v.ts', '/items?x=1', { user: 'ann' }, new Uint8Array([1, 2, 3]).buffer, new ArrayBuffer(5), 2)
  t.is(s.bytes, 8)
  const [state, snapshot] = await s.copies()
  t.not(state, s.state)
  t.deepEqual([...new Uint8Array(state)], [1, 2, 3])
  t.is(snapshot.byteLength, 5)
  structuredClone(state, { transfer: [state, snapshot] })
  t.is(s.bytes, 8, 'transferring the copies leaves the originals')
  t.is(s.version, 0)
  t.is(s.nextVersion(), 1)
  t.is(s.nextVersion(), 2)
  t.is(s.version, 2)
  t.is(s.sink, null)
  t.true(s.mailbox.post(async () => {}))
})

test('hibernating compresses the bytes; the next copies wake them exactly', async (t) => {
  const rows = Buffer.from('<tr><td>item</td><td>$12.34</td></tr>'.repeat(500))
  const state = new Uint8Array([7, 8, 9]).buffer
  const s = new Session('s1', 'file:///v.ts', '/', {}, state, new Uint8Array(rows).buffer, 2)
  t.is(s.bytes, 3 + rows.length)
  const before = s.lastActive
  await s.hibernate()
  t.true(s.hibernating)
  t.true(s.bytes > 0 && s.bytes < rows.length / 20, `compressed to ${s.bytes} bytes`)
  t.is(s.lastActive, before, 'hibernating is not activity')
  // Two tasks asking at once share one wake.
  const [[a, b], [c, d]] = await Promise.all([s.copies(), s.copies()])
  t.false(s.hibernating)
  t.is(s.bytes, 3 + rows.length)
  t.deepEqual([...new Uint8Array(a)], [7, 8, 9])
  t.deepEqual([...new Uint8Array(c)], [7, 8, 9])
  t.true(Buffer.from(b).equals(rows) && Buffer.from(d).equals(rows))
  t.true(s.lastActive >= before)
})

test('park then adopt attaches the session', (t) => {
  const { sessions, evicted } = registry(t)
  const a = session('a', 40, 2)
  sessions.park(a, 'join', 0)
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 1, parkedBytes: 42 })
  t.is(sessions.adopt('a', 99), a)
  t.deepEqual(sessions.stats(), { attached: 1, hibernating: 0, parked: 0, parkedBytes: 0 })
  t.is(sessions.adopt('a', 5_000), a, 'an attached session is returned as is')
  t.is(sessions.adopt('unknown', 0), undefined)
  t.deepEqual(evicted, [])
})

test('adopt at or after expiry returns undefined and evicts as expired', (t) => {
  const { sessions, evicted } = registry(t)
  const a = session('a')
  const b = session('b')
  sessions.park(a, 'join', 0)
  sessions.park(b, 'resume', 0)
  t.is(sessions.adopt('a', 100), undefined)
  t.is(sessions.adopt('b', 1_500), undefined)
  t.deepEqual(evicted, ['a:expired', 'b:expired'])
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 0, parkedBytes: 0 })
  t.is(sessions.adopt('a', 0), undefined, 'gone for good')
})

test('sweep expires each queue in order, up to now', (t) => {
  const { sessions, evicted } = registry(t, { maxParked: 10 })
  sessions.park(session('j1'), 'join', 0) // expires 100
  sessions.park(session('r1'), 'resume', 0) // expires 1000
  sessions.park(session('j2'), 'join', 50) // expires 150
  sessions.park(session('r2'), 'resume', 20) // expires 1020
  sessions.sweep(99)
  t.deepEqual(evicted, [])
  sessions.sweep(100)
  t.deepEqual(evicted, ['j1:expired'])
  sessions.sweep(1_000)
  t.deepEqual(evicted, ['j1:expired', 'j2:expired', 'r1:expired'])
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 1, parkedBytes: 10 })
  sessions.sweep(10_000)
  t.deepEqual(evicted, ['j1:expired', 'j2:expired', 'r1:expired', 'r2:expired'])
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 0, parkedBytes: 0 })
})

test('over maxParked, the session parked first goes, whichever its queue and lifetime', (t) => {
  const { sessions, evicted } = registry(t)
  sessions.park(session('j0'), 'join', 0)
  sessions.park(session('r1'), 'resume', 1) // expires last, but parked before j2
  sessions.park(session('j2'), 'join', 2)
  t.deepEqual(evicted, [])
  sessions.park(session('r3'), 'resume', 3)
  t.deepEqual(evicted, ['j0:over-limit'])
  sessions.park(session('j4'), 'join', 4)
  t.deepEqual(evicted, ['j0:over-limit', 'r1:over-limit'])
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 3, parkedBytes: 30 })
  t.deepEqual(sessions.all().map((s) => s.id), ['j2', 'j4', 'r3'])
})

test('over maxParkedBytes, the oldest go until the bytes fit', (t) => {
  const { sessions, evicted } = registry(t)
  sessions.park(session('r0', 300, 100), 'resume', 0)
  sessions.park(session('j1', 300), 'join', 1)
  sessions.park(session('j2', 100), 'join', 2)
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 3, parkedBytes: 800 })
  sessions.park(session('r3', 650), 'resume', 3)
  t.deepEqual(evicted, ['r0:over-limit', 'j1:over-limit'])
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 2, parkedBytes: 750 })
  sessions.park(session('huge', 1_001), 'join', 4)
  t.deepEqual(evicted, ['r0:over-limit', 'j1:over-limit', 'j2:over-limit', 'r3:over-limit', 'huge:over-limit'])
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 0, parkedBytes: 0 })
})

test('parked bytes stay consistent when a session changes size while parked', (t) => {
  const { sessions } = registry(t)
  const a = session('a', 100)
  const b = session('b', 50)
  sessions.park(a, 'join', 0)
  sessions.park(b, 'resume', 0)
  a.state = new ArrayBuffer(700)
  b.snapshot = new ArrayBuffer(0)
  b.state = new ArrayBuffer(1)
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 2, parkedBytes: 150 })
  t.is(sessions.adopt('a', 1), a)
  t.deepEqual(sessions.stats(), { attached: 1, hibernating: 0, parked: 1, parkedBytes: 50 })
  sessions.remove(b)
  t.deepEqual(sessions.stats(), { attached: 1, hibernating: 0, parked: 0, parkedBytes: 0 })
  sessions.park(a, 'resume', 2)
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 1, parkedBytes: 700 })
  a.state = new ArrayBuffer(3)
  sessions.park(a, 'join', 3)
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 1, parkedBytes: 3 }, 're-parking counts once, at the new size')
  sessions.sweep(10_000)
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 0, parkedBytes: 0 })
})

test('attach, remove and all', (t) => {
  const { sessions, evicted } = registry(t)
  const a = session('a')
  const b = session('b')
  const c = session('c')
  sessions.attach(a)
  sessions.park(b, 'join', 0)
  sessions.park(c, 'resume', 0)
  t.deepEqual(sessions.all(), [a, b, c])
  sessions.attach(b)
  t.deepEqual(sessions.stats(), { attached: 2, hibernating: 0, parked: 1, parkedBytes: 10 })
  sessions.park(a, 'resume', 1)
  t.deepEqual(sessions.stats(), { attached: 1, hibernating: 0, parked: 2, parkedBytes: 20 })
  sessions.remove(a)
  sessions.remove(b)
  sessions.remove(c)
  t.deepEqual(sessions.stats(), { attached: 0, hibernating: 0, parked: 0, parkedBytes: 0 })
  t.deepEqual(sessions.all(), [])
  t.deepEqual(evicted, [], 'removing is not evicting')
})
