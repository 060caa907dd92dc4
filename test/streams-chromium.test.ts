/**
 * Streams in a real browser against the real server: the assistant example's streamed answer
 * (spinner class, cancel, error kept), and collection streams with exact DOM.
 */

import test from 'ava'
import type { Page } from 'playwright-core'
import { fixtureView } from './support/live-client.js'
import { useLiveBrowser } from './support/live-browser.js'

const EXAMPLES = new URL('../examples/', import.meta.url)

const live = useLiveBrowser(test, () => ({
  routes: { '/assistant': new URL('views/assistant.ts', EXAMPLES), '/streaming': fixtureView('streaming') },
  templatesDir: new URL('templates', EXAMPLES).pathname,
}))
const open = (path: string): Promise<Page> => live.open(path)

async function ask(page: Page, question: string): Promise<void> {
  await page.fill('#question', question)
  await page.press('#question', 'Enter')
}

test.serial('assistant: the answer streams with a spinner class, then the finished message replaces it in place', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/assistant')
  await ask(page, 'hello there')
  await page.waitForSelector('[lv-stream="answer-2"].lv-stream-active')
  const streamed = await page.waitForFunction(`(() => {
    const el = document.querySelector('#messages-2 [lv-stream]')
    return el && el.classList.contains('lv-stream-active') && el.textContent.length > 0 ? el.textContent : false
  })()`)
  t.true(String(await streamed.jsonValue()).length > 0)
  // Done: the server's final message replaced the streaming one with the same text.
  await page.waitForFunction(`!document.querySelector('#messages-2 [lv-stream]') && document.querySelector('#status').textContent === 'ready'`)
  const text = await page.locator('#messages-2').innerText()
  t.is(text.split(' ').length, 40)
  t.deepEqual(await page.locator('#messages li').evaluateAll((lis) => lis.map((li) => li.id)), ['messages-1', 'messages-2'])
  t.is(await page.locator('#question').inputValue(), '')
  await page.close()
})

test.serial('assistant: cancel stops the stream and keeps the partial answer; an error is shown on the target', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/assistant')
  await ask(page, 'a long question')
  await page.waitForFunction(`(document.querySelector('#messages-2 [lv-stream]')?.textContent ?? '').length > 0`)
  await page.click('#cancel')
  await page.waitForFunction(`document.querySelector('#status').textContent === 'ready'`)
  const target = page.locator('#messages-2 [lv-stream]')
  t.is(await target.getAttribute('data-lv-error'), 'cancelled')
  t.true(await target.evaluate((el) => el.classList.contains('lv-stream-error') && !el.classList.contains('lv-stream-active')))
  const partial = await target.innerText()
  t.true(partial.split(' ').length < 40)
  await ask(page, 'please fail')
  await page.waitForFunction(`document.querySelector('#messages-4 [lv-stream]')?.getAttribute('data-lv-error') === 'the model is overloaded'`)
  t.is((await page.locator('#messages-4 [lv-stream]').innerText()).split(' ').length, 12)
  await page.close()
})

/**
 * Sends an event through the page's own client: a button with `lv-click` and `lv-value-*` is
 * added, clicked (the client sends synchronously) and removed in one go, so no frame ever sees
 * it in the DOM.
 */
async function push(page: Page, name: string, params: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ([n, p]) => {
      const b = document.createElement('button')
      b.setAttribute('lv-click', n as string)
      for (const [k, v] of Object.entries(p as Record<string, unknown>)) b.setAttribute(`lv-value-${k}`, String(v))
      document.querySelector('#async')!.append(b)
      b.click()
      b.remove()
    },
    [name, params] as const,
  )
}

test.serial('collection streams: inserts at end and start, replace in place, delete, reset, prune', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/streaming')
  const ids = (): Promise<string[]> => page.locator('#rows li').evaluateAll((lis) => lis.map((li) => `${li.id}:${li.textContent}`))
  const waitCount = (n: number) => page.waitForFunction(`document.querySelectorAll('#rows li').length === ${n}`)
  await push(page, 'addOne', { label: 'a' })
  await waitCount(1)
  await push(page, 'addOne', { label: 'b' })
  await waitCount(2)
  await push(page, 'addOne', { label: 'first', at: 0 })
  await waitCount(3)
  t.deepEqual(await ids(), ['rows-3:first', 'rows-1:a', 'rows-2:b'])
  await push(page, 'update', { id: 1, label: 'A' })
  await page.waitForFunction(`document.querySelector('#rows-1').textContent === 'A'`)
  t.deepEqual(await ids(), ['rows-3:first', 'rows-1:A', 'rows-2:b'])
  await push(page, 'remove', { id: 3 })
  await waitCount(2)
  t.deepEqual(await ids(), ['rows-1:A', 'rows-2:b'])
  for (const label of ['c', 'd', 'e']) await push(page, 'addOne', { label })
  await waitCount(5)
  await push(page, 'prune', { limit: 3 })
  await waitCount(3)
  t.deepEqual(await ids(), ['rows-4:c', 'rows-5:d', 'rows-6:e'])
  await push(page, 'resetTo', { label: 'only' })
  await waitCount(1)
  t.deepEqual(await ids(), ['rows-7:only'])
  await page.close()
})
