/**
 * Async work's merge rule: when a job finishes, the fields it wrote are applied to the session's
 * state as it is then; fields it did not write keep the newer values other events gave them.
 */

import test from 'ava'
import { mountView } from '../src/testing/index.js'
import { fixtureView } from './support/live-client.js'

test('fields the job wrote win; fields it did not touch keep newer values from other events', async (t) => {
  const view = await mountView(fixtureView('report'))
  await view.push('generate')
  t.like(view.state, { report: 'working' })
  // Events keep being handled while the job runs.
  await view.push('click')
  await view.push('click')
  await view.awaitAsync('report')
  t.deepEqual(view.state, { report: 'done', note: 'clicked', clicks: 2, error: '' })
  t.regex(view.html, /<p id="report">done<\/p><p id="note">clicked<\/p><p id="clicks">2<\/p>/)
})

test('a field both wrote ends with the job value', async (t) => {
  const view = await mountView(fixtureView('report'))
  await view.push('generate', { overwriteNote: true })
  await view.push('click')
  await view.awaitAsync('report')
  t.like(view.state, { report: 'done', note: 'from the job', clicks: 1 })
})

test('a cancelled job is discarded: what it wrote never lands', async (t) => {
  const view = await mountView(fixtureView('report'))
  await view.push('generate', { overwriteNote: true })
  await view.push('stop')
  await view.awaitAsync('report')
  t.like(view.state, { report: 'working', note: '', error: '' })
})

test('a failure goes to handleAsyncError; without any handler it is a coded error', async (t) => {
  const view = await mountView(fixtureView('report'))
  await view.push('generate', { fail: true })
  await view.awaitAsync('report')
  t.like(view.state, { report: 'working', error: 'LIVELOOM_ERR_ASYNC_FAILED' })
  const bare = await mountView(fixtureView('report-unhandled'))
  await bare.push('generate')
  await t.throwsAsync(bare.awaitAsync('report'), { code: 'LIVELOOM_ERR_ASYNC_FAILED', message: /ReportUnhandled: async job "report" failed and the view has no handleAsyncError: async job "report" failed: no handler for this/ } as never)
})

test('starting a job whose name is running replaces it: only the newer one lands', async (t) => {
  const view = await mountView(fixtureView('report'))
  await view.push('generate', { overwriteNote: false })
  await view.push('generate', { overwriteNote: true })
  await view.awaitAsync('report')
  t.like(view.state, { report: 'done', note: 'from the job', error: '' })
  // The replaced job's outcome never arrives: nothing more is pending.
  await new Promise((resolve) => setTimeout(resolve, 60))
  t.like(view.state, { report: 'done' })
})
