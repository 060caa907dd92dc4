// Worker for test/native-workers.test.ts: receives a transferred snapshot, diffs it against the
// HTML that came with it, and transfers the new snapshot back.
import { parentPort } from 'node:worker_threads'
import { diff } from '../../native/index.js'

parentPort.on('message', ({ snapshot, html }) => {
  const received = snapshot.byteLength
  const result = diff(snapshot, html)
  parentPort.postMessage({ received, ops: result.ops, snapshot: result.snapshot }, [result.snapshot])
})
