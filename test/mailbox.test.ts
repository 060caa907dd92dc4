import test from 'ava'
import { Mailbox } from '../src/sessions/mailbox.js'

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** A promise with its resolve function. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

test('jobs run one at a time, in the order posted', async (t) => {
  const mailbox = new Mailbox(100)
  const log: string[] = []
  let running = 0
  let most = 0
  for (let i = 0; i < 30; i++) {
    t.true(
      mailbox.post(async () => {
        running++
        most = Math.max(most, running)
        log.push(`start ${i}`)
        await sleep(Math.floor(Math.random() * 4))
        if (i % 3 === 0) await Promise.resolve()
        log.push(`end ${i}`)
        running--
      }),
    )
  }
  await mailbox.idle()
  t.deepEqual(log, Array.from({ length: 30 }, (_, i) => [`start ${i}`, `end ${i}`]).flat())
  t.is(most, 1)
  t.is(mailbox.size, 0)
})

test('the first job starts at once; size counts waiting and running jobs', async (t) => {
  const mailbox = new Mailbox(10)
  const gate = deferred()
  let started = false
  mailbox.post(async () => {
    started = true
    await gate.promise
  })
  t.true(started)
  mailbox.post(async () => {})
  t.is(mailbox.size, 2)
  gate.resolve()
  await mailbox.idle()
  t.is(mailbox.size, 0)
})

test('a job that rejects or throws does not stop the queue', async (t) => {
  const mailbox = new Mailbox(10)
  const ran: number[] = []
  mailbox.post(async () => {
    ran.push(1)
    throw new Error('rejects')
  })
  // Typed as async but throws before returning a promise.
  mailbox.post((() => {
    ran.push(2)
    throw new Error('throws synchronously')
  }) as () => Promise<void>)
  mailbox.post((() => {
    ran.push(3)
  }) as unknown as () => Promise<void>)
  mailbox.post(async () => {
    ran.push(4)
  })
  await mailbox.idle()
  t.deepEqual(ran, [1, 2, 3, 4])
  t.is(mailbox.size, 0)
  t.true(mailbox.post(async () => void ran.push(5)))
  await mailbox.idle()
  t.deepEqual(ran, [1, 2, 3, 4, 5])
})

test('a synchronous throw from the first job leaves the mailbox usable', async (t) => {
  const mailbox = new Mailbox(10)
  mailbox.post((() => {
    throw new Error('at once')
  }) as () => Promise<void>)
  await mailbox.idle()
  t.is(mailbox.size, 0)
  let ran = false
  mailbox.post(async () => {
    ran = true
  })
  await mailbox.idle()
  t.true(ran)
})

test('post refuses and drops a job once limit jobs are waiting', async (t) => {
  const mailbox = new Mailbox(2)
  const gate = deferred()
  const ran: string[] = []
  t.true(mailbox.post(async () => { ran.push('running'); await gate.promise }))
  t.true(mailbox.post(async () => void ran.push('waiting 1')))
  t.true(mailbox.post(async () => void ran.push('waiting 2')))
  t.false(mailbox.post(async () => void ran.push('refused')))
  t.is(mailbox.size, 3)
  gate.resolve()
  await mailbox.idle()
  t.deepEqual(ran, ['running', 'waiting 1', 'waiting 2'])
  t.true(mailbox.post(async () => void ran.push('room again')))
  await mailbox.idle()
  t.deepEqual(ran, ['running', 'waiting 1', 'waiting 2', 'room again'])
})

test('idle resolves at once when empty and otherwise after the last job, including jobs posted meanwhile', async (t) => {
  const mailbox = new Mailbox(10)
  await mailbox.idle()
  const log: string[] = []
  const gate = deferred()
  mailbox.post(async () => {
    await gate.promise
    log.push('first')
    mailbox.post(async () => {
      await sleep(2)
      log.push('posted by the first')
    })
  })
  const idle = Promise.all([mailbox.idle(), mailbox.idle()]).then(() => log.push('idle'))
  await sleep(2)
  t.deepEqual(log, [])
  gate.resolve()
  await idle
  t.deepEqual(log, ['first', 'posted by the first', 'idle'])
})
