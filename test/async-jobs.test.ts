/**
 * A worker's job runner (workers/async-jobs.ts): a cancel from the gateway names the task that
 * started the job, so it never stops a newer job of the same name; a job replaced in its own
 * worker reports nothing.
 */

import test from 'ava'
import { JobRunner } from '../workers/async-jobs.js'
import type { AsyncResult } from '../src/view/async-work.js'

function runner(): { jobs: JobRunner; finished: Array<[string, number, AsyncResult]> } {
  const finished: Array<[string, number, AsyncResult]> = []
  const jobs = new JobRunner({
    sink: () => ({ send: async () => {}, sent: 0 }) as never,
    toNodes: () => [],
    started: () => {},
    finished: (_sid, name, task, result) => finished.push([name, task, result]),
  })
  return { jobs, finished }
}

/** A job that ends when `release` is called, returning whether its signal was aborted. */
function held(): { job: (context: { signal: AbortSignal }) => Promise<boolean>; release: () => void } {
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  return { job: async ({ signal }) => (await gate, signal.aborted), release }
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 10))

test('a cancel for another task leaves the job alone; its own task cancels it', async (t) => {
  const { jobs, finished } = runner()
  const a = held()
  jobs.start('s', 'report', a.job as never, {}, 4)
  await settle()
  jobs.cancel('s', 'report', 3)
  a.release()
  await settle()
  t.deepEqual(finished, [['report', 4, { ok: true, value: false }]])
  const b = held()
  jobs.start('s', 'report', b.job as never, {}, 6)
  await settle()
  jobs.cancel('s', 'report', 6)
  b.release()
  await settle()
  t.deepEqual(finished[1], ['report', 6, { ok: false, error: { code: 'LIVELOOM_ERR_ASYNC_CANCELLED', message: 'async job "report" was cancelled' } }])
})

test('a job replaced in its own worker is aborted and reports nothing', async (t) => {
  const { jobs, finished } = runner()
  const [a, b] = [held(), held()]
  jobs.start('s', 'report', a.job as never, {}, 1)
  jobs.start('s', 'report', b.job as never, {}, 2)
  a.release()
  b.release()
  await settle()
  t.deepEqual(finished, [['report', 2, { ok: true, value: false }]])
})
