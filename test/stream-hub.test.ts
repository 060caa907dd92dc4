/**
 * The gateway's routing of async jobs between workers (src/gateway/stream-hub.ts): jobs of one
 * name may run in different workers, so the newest start (by session task) wins, older ones are
 * cancelled as replaced and their outcomes dropped; a cancel reaches only jobs its task could
 * mean, even when it arrives before the job's start message.
 */

import test from 'ava'
import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { StreamHub } from '../src/gateway/stream-hub.js'
import type { AsyncResult } from '../src/view/async-work.js'
import { CHANNEL_KEY, type GatewayToWorker, type WorkerToGateway } from '../workers/stream-messages.js'

/** A fake worker: its end of the channel and the messages the gateway sent it. */
interface FakeWorker {
  send(message: WorkerToGateway): void
  /** Every message received once all that the hub did before this call has arrived. */
  received(): Promise<GatewayToWorker[]>
}

const OK: AsyncResult = { ok: true, value: 1 }

function setup(): { hub: StreamHub; done: Array<[string, string, AsyncResult]>; worker(): FakeWorker; close(): void } {
  const done: Array<[string, string, AsyncResult]> = []
  const hub = new StreamHub(
    () => undefined,
    (sid, name, result) => done.push([sid, name, result]),
  )
  const ports: MessagePort[] = []
  let fences = 0
  return {
    hub,
    done,
    close: () => {
      hub.close()
      for (const port of ports) port.close()
    },
    worker() {
      const { port1, port2 } = new MessageChannel()
      ports.push(port1)
      hub.onPoolMessage({ [CHANNEL_KEY]: port2 })
      const inbox: GatewayToWorker[] = []
      const waiters = new Map<string, () => void>()
      port1.on('message', (message: GatewayToWorker) => {
        // An ack of a fence session marks that the hub has handled everything sent before it.
        const fence = message.k === 'acks' ? message.acks.find(([sid]) => waiters.has(sid)) : undefined
        if (fence) return waiters.get(fence[0])!()
        inbox.push(message)
      })
      return {
        send: (message) => port1.postMessage(message),
        async received() {
          // Ops for a session the hub does not know are acknowledged at once, on the same channel, in order.
          const sid = `fence-${++fences}`
          await new Promise<void>((resolve) => {
            waiters.set(sid, resolve)
            port1.postMessage({ k: 'ops', ops: [[sid, 1, ['text', 't', 'x'], 1]] } as unknown as WorkerToGateway)
          })
          return inbox.splice(0)
        },
      }
    },
  }
}

test('a newer job in another worker replaces the older: the older is cancelled and its outcome dropped', async (t) => {
  const { hub, done, worker, close } = setup()
  t.teardown(close)
  const [w1, w2] = [worker(), worker()]
  w1.send({ k: 'job', sid: 's', name: 'report', task: 1 })
  t.deepEqual(await w1.received(), [])
  w2.send({ k: 'job', sid: 's', name: 'report', task: 3 })
  t.deepEqual(await w2.received(), [])
  t.deepEqual(await w1.received(), [{ k: 'cancel', sid: 's', name: 'report', task: 1 }])
  w1.send({ k: 'async', sid: 's', name: 'report', task: 1, result: OK })
  await w1.received()
  t.deepEqual(done, [], 'the replaced job reports nothing')
  w2.send({ k: 'async', sid: 's', name: 'report', task: 3, result: OK })
  await w2.received()
  t.deepEqual(done, [['s', 'report', OK]])
  hub.cancel('s', 'report', 9)
  t.deepEqual(await w2.received(), [], 'a finished job is not cancelled')
})

test('start messages out of order: the older one is cancelled on arrival', async (t) => {
  const { done, worker, close } = setup()
  t.teardown(close)
  const [w1, w2] = [worker(), worker()]
  w2.send({ k: 'job', sid: 's', name: 'report', task: 5 })
  await w2.received()
  w1.send({ k: 'job', sid: 's', name: 'report', task: 2 })
  t.deepEqual(await w1.received(), [{ k: 'cancel', sid: 's', name: 'report', task: 2 }])
  t.deepEqual(await w2.received(), [], 'the newer one keeps running')
  w1.send({ k: 'async', sid: 's', name: 'report', task: 2, result: OK })
  w2.send({ k: 'async', sid: 's', name: 'report', task: 5, result: { ok: true, value: 5 } })
  await w1.received()
  await w2.received()
  t.deepEqual(done, [['s', 'report', { ok: true, value: 5 }]])
})

test('a cancel reaches the job its task could mean, and a cancelled job still reports', async (t) => {
  const { hub, done, worker, close } = setup()
  t.teardown(close)
  const w = worker()
  w.send({ k: 'job', sid: 's', name: 'report', task: 7 })
  await w.received()
  hub.cancel('s', 'report', 6)
  t.deepEqual(await w.received(), [], 'a job started after the cancelling task is not touched')
  hub.cancel('s', 'report', 8)
  t.deepEqual(await w.received(), [{ k: 'cancel', sid: 's', name: 'report', task: 7 }])
  const cancelled: AsyncResult = { ok: false, error: { code: 'LIVELOOM_ERR_ASYNC_CANCELLED', message: 'async job "report" was cancelled' } }
  w.send({ k: 'async', sid: 's', name: 'report', task: 7, result: cancelled })
  await w.received()
  t.deepEqual(done, [['s', 'report', cancelled]])
})

test('a cancel before the start message waits for it, for that job and older ones only', async (t) => {
  const { hub, worker, close } = setup()
  t.teardown(close)
  const w = worker()
  hub.cancel('s', 'report', 4)
  hub.cancel('s', 'other', 4)
  w.send({ k: 'job', sid: 's', name: 'report', task: 3 })
  t.deepEqual(await w.received(), [{ k: 'cancel', sid: 's', name: 'report', task: 3 }])
  w.send({ k: 'job', sid: 's', name: 'other', task: 6 })
  t.deepEqual(await w.received(), [], 'started after the cancelling task')
  w.send({ k: 'job', sid: 't', name: 'report', task: 1 })
  t.deepEqual(await w.received(), [], 'another session')
})
