// The native addon across threads: snapshots move between threads without copying, many workers
// use the addon at once and get exactly what the main thread gets, and a worker terminated in the
// middle of a native call takes nothing down with it.
import test from 'ava'
import { once } from 'node:events'
import { Worker } from 'node:worker_threads'
import { diff, parse, toHtml } from '../native/index.js'
import { bigPage, evolvingPage } from './support/evolving-page.mjs'

const helper = (name: string) => new URL(`./support/${name}`, import.meta.url)
const bytesOf = (buffer: ArrayBuffer) => Buffer.from(buffer)

test('a snapshot moves to a worker and back by transfer, and works on both sides', async (t) => {
  const [first, second, third] = evolvingPage(11, 3)
  const worker = new Worker(helper('native-echo-worker.mjs'))
  try {
    const snapshot = parse(first)
    const size = snapshot.byteLength
    const expected = diff(parse(first), second)
    worker.postMessage({ snapshot, html: second }, [snapshot])
    t.is(snapshot.byteLength, 0); // moved, not copied: the main thread's buffer is detached

    const [reply] = (await once(worker, 'message')) as [{ received: number; ops: string; snapshot: ArrayBuffer }]
    t.is(reply.received, size)
    t.is(reply.ops, expected.ops)
    t.true(reply.snapshot instanceof ArrayBuffer)
    t.deepEqual(bytesOf(reply.snapshot), bytesOf(expected.snapshot))

    // The buffer that came back is an ordinary ArrayBuffer here too: diff it, and send it again.
    const next = diff(reply.snapshot, third)
    t.is(next.ops, diff(parse(second), third).ops)
    worker.postMessage({ snapshot: reply.snapshot, html: third }, [reply.snapshot])
    t.is(reply.snapshot.byteLength, 0)
    const [again] = (await once(worker, 'message')) as [{ ops: string; snapshot: ArrayBuffer }]
    t.is(again.ops, next.ops)
    t.is(toHtml(again.snapshot), toHtml(next.snapshot))
  } finally {
    await worker.terminate()
  }
})

test('8 workers diffing at once get exactly the ops the main thread computes', async (t) => {
  const steps = 300
  // Two workers share a seed: the same inputs in parallel must also give the same outputs.
  const seeds = [1, 2, 3, 4, 5, 6, 7, 1]
  const workers = seeds.map(
    (seed) => new Worker(helper('native-diff-worker.mjs'), { workerData: { seed, steps, bytesEvery: 3 } }),
  )
  try {
    await Promise.all(workers.map((worker) => once(worker, 'message'))); // every worker loaded the addon
    const replies = Promise.all(workers.map((worker) => once(worker, 'message')))
    for (const worker of workers) worker.postMessage('start');
    const results = (await replies).map(([reply]) => reply as { ops: string[]; counts: number[]; snapshot: ArrayBuffer })

    for (const [index, seed] of seeds.entries()) {
      const pages = evolvingPage(seed, steps)
      let snapshot = parse(pages[0])
      const ops: string[] = []
      const counts: number[] = []
      for (const html of pages.slice(1)) {
        const result = diff(snapshot, html)
        ops.push(result.ops)
        counts.push(result.count)
        snapshot = result.snapshot
      }
      const got = results[index]
      t.is(got.ops.length, steps - 1)
      t.deepEqual(got.ops, ops, `worker ${index} (seed ${seed})`)
      t.deepEqual(got.counts, counts)
      t.deepEqual(bytesOf(got.snapshot), bytesOf(snapshot))
      // The page really changes: most steps produce ops.
      t.true(counts.filter((count) => count > 0).length > steps / 2, `seed ${seed}: ${counts.join(',')}`)
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()))
  }
})

/** Spins until `condition` holds (synchronously, to act the instant it does), or fails after `ms`. */
function spinUntil(condition: () => boolean, ms: number): boolean {
  const deadline = performance.now() + ms
  while (!condition()) {
    if (performance.now() > deadline) return false
  }
  return true
}

test('terminating workers in the middle of native calls leaves the process and the addon working', async (t) => {
  const rows = 4000
  const expected = diff(parse(bigPage(rows, 0)), bigPage(rows, 1))
  let insideCall = 0
  const rounds = 6
  for (let round = 0; round < rounds; round++) {
    const state = new Int32Array(new SharedArrayBuffer(8))
    const worker = new Worker(helper('native-busy-worker.mjs'), { workerData: { state: state.buffer, rows } })
    // Wait until the worker has finished `round + 1` diffs and is inside the next one, then stop it.
    const inside = () => Atomics.load(state, 1) > round && Atomics.load(state, 0) === 1
    const deadline = performance.now() + 30_000
    while (!spinUntil(inside, 5)) {
      if (performance.now() > deadline) t.fail(`round ${round}: the worker never got busy`)
      await new Promise((resolve) => setImmediate(resolve)); // let the worker's startup events through
    }
    const exitCode = await worker.terminate()
    t.is(exitCode, 1)
    // The flag is only cleared when diff() returns to JavaScript, which a terminated worker never
    // does: still 1 means the termination landed while the native call ran.
    if (Atomics.load(state, 0) === 1) insideCall++

    // This thread still has a working addon, with results unchanged.
    const again = diff(parse(bigPage(rows, 0)), bigPage(rows, 1))
    t.is(again.ops, expected.ops)
    t.deepEqual(bytesOf(again.snapshot), bytesOf(expected.snapshot))
  }
  t.is(insideCall, rounds)

  // And a new worker can still load and use it.
  const worker = new Worker(helper('native-echo-worker.mjs'))
  try {
    const [first, second] = evolvingPage(5, 2)
    const snapshot = parse(first)
    worker.postMessage({ snapshot, html: second }, [snapshot])
    const [reply] = (await once(worker, 'message')) as [{ ops: string }]
    t.is(reply.ops, diff(parse(first), second).ops)
  } finally {
    await worker.terminate()
  }
})
