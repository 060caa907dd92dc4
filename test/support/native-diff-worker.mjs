// Worker for test/native-workers.test.ts: diffs one evolving page from step 0 to the end once the
// test says "start" (so all workers run at the same time) and posts every result back.
import { parentPort, workerData } from 'node:worker_threads'
import { diff, parse } from '../../native/index.js'
import { evolvingPage } from './evolving-page.mjs'

const { seed, steps, bytesEvery } = workerData
const pages = evolvingPage(seed, steps)
// Every `bytesEvery`-th page goes in as UTF-8 bytes instead of a string: both must give the same
// result, also under concurrency.
const input = (html, step) => (step % bytesEvery === 0 ? Buffer.from(html) : html)

parentPort.once('message', () => {
  const ops = []
  const counts = []
  let snapshot = parse(input(pages[0], 0))
  for (let step = 1; step < pages.length; step++) {
    const result = diff(snapshot, input(pages[step], step))
    ops.push(result.ops)
    counts.push(result.count)
    snapshot = result.snapshot
  }
  parentPort.postMessage({ ops, counts, snapshot }, [snapshot])
})
parentPort.postMessage('ready')
