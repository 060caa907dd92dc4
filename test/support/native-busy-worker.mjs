// Worker for test/native-workers.test.ts: diffs big pages forever. `state[0]` is 1 while a native
// call runs and 0 between calls, `state[1]` counts finished diffs, so the test can terminate the
// worker while it is inside the addon.
import { workerData } from 'node:worker_threads'
import { diff, parse } from '../../native/index.js'
import { bigPage } from './evolving-page.mjs'

const state = new Int32Array(workerData.state)
const pages = [bigPage(workerData.rows, 0), bigPage(workerData.rows, 1)]
let snapshot = parse(pages[0])
for (let step = 1; ; step++) {
  Atomics.store(state, 0, 1)
  snapshot = diff(snapshot, pages[step % 2]).snapshot
  Atomics.store(state, 0, 0)
  Atomics.add(state, 1, 1)
}
