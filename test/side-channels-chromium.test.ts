/**
 * Async work and effect order in a real browser against the real server (two workers): events
 * answered while a job runs and the merge rule, cancel, replace, failures handled and unhandled,
 * the catalog example's report with progress and cancel, and a frame's effects applied in order
 * after its patch. Jobs are held open by the test through test/support/async-gate.ts, so "while
 * it runs" is certain, not a matter of timing.
 */

import test from 'ava'
import type { Page } from 'playwright-core'
import { ITEMS } from '../examples/data/items.js'
import { GateControl } from './support/async-gate.js'
import { fixtureView } from './support/live-client.js'
import { shows, useLiveBrowser } from './support/live-browser.js'

const EXAMPLES = new URL('../examples/', import.meta.url)

const live = useLiveBrowser(test, () => ({
  routes: {
    '/gate': fixtureView('async-gate'),
    '/bare': fixtureView('report-unhandled'),
    '/inbox': fixtureView('side-channels'),
    '/catalog': new URL('views/catalog.ts', EXAMPLES),
  },
  templatesDir: new URL('templates', EXAMPLES).pathname,
}))
const gate = new GateControl()
test.after.always(() => gate.close())

/** The texts of the `li` items of `#outcomes`. */
const outcomes = (page: Page): Promise<string[]> => page.locator('#outcomes li').allInnerTexts()
const text = (page: Page, selector: string): Promise<string> => page.locator(selector).innerText()

test.serial('events are answered while a job runs; the job’s fields win, the events’ other fields stay', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await live.open('/gate?run=merge')
  await page.click('#start')
  await shows(page, '#status', 'working merge:1')
  await gate.see('started merge:1')
  await page.click('#click')
  await shows(page, '#clicks', '1')
  await page.click('#click')
  await shows(page, '#clicks', '2')
  t.is(await text(page, '#status'), 'working merge:1', 'the job is still held')
  gate.release('merge:1')
  await shows(page, '#status', 'done merge:1')
  t.is(await text(page, '#clicks'), '2')
  t.is(await text(page, '#note'), 'clicked')
  t.deepEqual(await outcomes(page), ['ok merge:1'])
  t.deepEqual(await page.evaluate('window.__errors'), [])
  await page.close()
})

test.serial('cancel: the signal reaches the job, what it wrote is discarded, handleAsync hears the cancel', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await live.open('/gate?run=cancel')
  await page.click('#start')
  await gate.see('started cancel:1')
  await page.click('#stop')
  await shows(page, '#status', 'cancelled')
  gate.release('cancel:1')
  await gate.see('released cancel:1 aborted=true')
  // The job still wrote `done cancel:1` after its signal aborted; its outcome is the cancel.
  await shows(page, '#outcomes', 'LIVELOOM_ERR_ASYNC_CANCELLED')
  t.is(await text(page, '#status'), 'cancelled')
  t.is(await text(page, '#error'), '', 'a cancel is not a failure')
  t.deepEqual(await page.evaluate('window.__errors'), [])
  await page.close()
})

test.serial('starting a job of the same name replaces the running one: only the newer lands', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await live.open('/gate?run=replace')
  await page.click('#start')
  await gate.see('started replace:1')
  await page.click('#start')
  await shows(page, '#status', 'working replace:2')
  await gate.see('started replace:2')
  gate.release('replace:1')
  await gate.see('released replace:1 aborted=true')
  // A round trip after the replaced job ended: its outcome, had it been sent, came first.
  await page.click('#click')
  await shows(page, '#clicks', '1')
  t.deepEqual(await outcomes(page), [])
  t.is(await text(page, '#status'), 'working replace:2')
  gate.release('replace:2')
  await shows(page, '#status', 'done replace:2')
  await gate.see('released replace:2 aborted=false')
  t.deepEqual(await outcomes(page), ['ok replace:2'])
  await page.close()
})

test.serial('a failing job goes to handleAsyncError; without a handler the page gets a coded error and stays live', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await live.open('/gate?run=fail')
  await page.click('#fail')
  await gate.see('started fail:1')
  await page.click('#click')
  await shows(page, '#clicks', '1')
  gate.release('fail:1')
  await shows(page, '#status', 'failed')
  t.is(await text(page, '#error'), 'LIVELOOM_ERR_ASYNC_FAILED')
  t.deepEqual(await outcomes(page), ['LIVELOOM_ERR_ASYNC_FAILED'])
  t.is(await text(page, '#clicks'), '1', 'the events’ state is kept')
  t.deepEqual(await page.evaluate('window.__errors'), [])
  await page.close()

  const bare = await live.open('/bare')
  await bare.evaluate(() => {
    const b = document.createElement('button')
    b.id = 'go'
    b.setAttribute('lv-click', 'generate')
    document.querySelector('[data-lv-root]')!.append(b)
  })
  await bare.click('#go')
  await bare.waitForFunction('window.__errors.length === 1')
  t.deepEqual(await bare.evaluate('window.__errors'), ['LIVELOOM_ERR_ASYNC_FAILED'])
  t.is(await bare.evaluate('window.__joins'), 1, 'no reconnect, no reload')
  await bare.close()
})

test.serial('catalog: the report shows progress, cancels back to its button, and completes when left alone', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await live.open('/catalog')
  await page.click('#generate')
  // The job streams its progress into the span the render left alone (lv-update="ignore").
  await page.waitForFunction(() => /^[1-9]0%$/.test(document.querySelector('#reporting [lv-stream="progress"]')?.textContent ?? ''))
  await page.click('#cancel-report')
  await page.waitForSelector('#generate')
  t.is(await page.locator('#cancel-report').count(), 0)
  t.is(await text(page, '#report'), '')
  await page.click('#generate')
  const expected = `${ITEMS.length} products match “”`
  await shows(page, '#report', expected)
  t.is(await page.locator('#cancel-report').count(), 0)
  t.deepEqual(await page.evaluate('window.__errors'), [])
  await page.close()
})

test.serial('a frame’s effects run after its patch, in the order the handler asked, page metadata last', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await live.open('/inbox')
  // A string: tsx would wrap the arrow functions in a helper the page does not have.
  await page.evaluate(`
    window.__log = []
    const seen = (name) => () => {
      const unread = document.querySelector('#unread')
      window.__log.push([name, unread.textContent, unread.className, document.title])
    }
    addEventListener('liveloom:first', seen('first'))
    addEventListener('liveloom:second', seen('second'))
  `)
  // A button the server's tree lacks, gone again before the reply patches the container.
  await page.evaluate(() => {
    const b = document.createElement('button')
    b.setAttribute('lv-click', 'announce')
    document.querySelector('[data-lv-root]')!.append(b)
    b.click()
    b.remove()
  })
  await page.waitForFunction(`document.title === 'Inbox (1)'`)
  t.deepEqual(await page.evaluate('window.__log'), [
    ['first', '1', '', 'Inbox (0)'],
    ['second', '1', 'seen', 'Inbox (0)'],
  ])
  await page.close()
})
