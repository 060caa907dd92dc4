/**
 * The whole product in a real browser: Debian's Chromium against a real server over loopback.
 * Clicks, typing, forms, key filters, a throwing handler, reconnect-and-resume, and the
 * differential check that the patched DOM equals a fresh render of the same state.
 */

import test from 'ava'
import type { Socket } from 'node:net'
import type { Browser, Page } from 'playwright-core'
import { fixtureView, recordingLogger, startServer } from './support/live-client.js'
import { shows, useLiveBrowser } from './support/live-browser.js'

const EXAMPLES = new URL('../examples/', import.meta.url)

const live = useLiveBrowser(test, () => ({
  routes: {
    '/counter': new URL('views/counter.ts', EXAMPLES),
    '/items': new URL('views/items.ts', EXAMPLES),
    '/form': fixtureView('form'),
    '/diff': fixtureView('differential'),
  },
  templatesDir: new URL('templates', EXAMPLES).pathname,
  sessions: { resumeWindowMs: 60_000 },
}))
const open = (path: string, base?: string): Promise<Page> => live.open(path, base)
const browser = (): Browser | undefined => live.browser()

// Upgraded sockets, so a test can cut them like a network failure would.
const sockets = new Set<Socket>()
test.serial.before(() => {
  live.server().server.on('upgrade', (_req, socket: Socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
})

const text = (page: Page, selector: string): Promise<string> => page.locator(selector).innerText()

test.serial('counter: clicks patch the count and the computed value; the title effect applies', async (t) => {
  if (!browser()) return t.pass()
  const page = await open('/counter')
  t.is(await page.title(), 'Counter · liveloom')
  for (let i = 0; i < 3; i++) await page.click('#inc')
  await shows(page, '#count', '3')
  t.is(await text(page, '#doubled'), '6')
  await page.click('#dec')
  await shows(page, '#count', '2')
  t.is(await text(page, '#doubled'), '4')
  await page.close()
})

test.serial('items: typing filters as you type, keeps the input value and focus; select and delete work', async (t) => {
  if (!browser()) return t.pass()
  const page = await open('/items')
  t.is(await text(page, '#summary'), '200 items')
  await page.focus('#search')
  await page.keyboard.type('amber', { delay: 15 })
  await shows(page, '#summary', '20 items')
  t.is(await page.inputValue('#search'), 'amber')
  t.true(await page.evaluate(`document.activeElement === document.querySelector('#search')`))
  t.deepEqual(await page.evaluate(`[document.querySelector('#search').selectionStart, document.querySelector('#search').selectionEnd]`), [5, 5])
  await page.selectOption('#status', 'pending')
  await page.waitForFunction(`document.querySelector('#summary').textContent !== '20 items'`)
  const pending = await page.locator('#rows tr').count()
  t.is(await text(page, '#summary'), `${pending} items`)
  t.true(await page.locator('#rows td.status-pending').count() === pending)
  const firstId = await page.locator('#rows tr td').first().innerText()
  await page.locator('#rows tr button').first().click()
  await shows(page, '#summary', `${pending - 1} items`)
  t.false((await page.locator('#rows tr td:first-child').allInnerTexts()).includes(firstId))
  await page.close()
})

test.serial('form: submit sends the fields; key filters pick the handler; data-* params arrive', async (t) => {
  if (!browser()) return t.pass()
  const page = await open('/form')
  await page.fill('#title', 'Hello')
  await page.uncheck('input[value="blue"]')
  await page.click('#save')
  await page.waitForFunction(`document.querySelector('#saved').textContent !== ''`)
  // A checkbox group is an array even with one box checked.
  t.deepEqual(JSON.parse(await text(page, '#saved')), { formId: 'f1', title: 'Hello', tags: ['red'] })
  await page.focus('#keys')
  await page.keyboard.type('ab')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Escape')
  await page.keyboard.press('x')
  await page.click('#click')
  await page.waitForFunction(`document.querySelectorAll('#log span').length === 4`)
  t.deepEqual(await page.locator('#log span').allInnerTexts(), ['enter:ab', 'escape:Escape', 'keyup:x', 'click:42'])
  await page.close()
})

test.serial('a handler that throws: the page reports the code, keeps its state and stays usable', async (t) => {
  if (!browser()) return t.pass()
  const page = await open('/form')
  await page.click('#click')
  await shows(page, '#clicks', '1')
  await page.click('#boom')
  await page.waitForFunction('window.__errors.length === 1')
  t.deepEqual(await page.evaluate('window.__errors'), ['LIVELOOM_ERR_HANDLER_THREW'])
  await page.click('#click')
  await shows(page, '#clicks', '2')
  t.is(await text(page, '#clicks'), '2')
  await page.close()
})

test.serial('reconnect after a dropped connection resumes the same session without remounting', async (t) => {
  if (!browser()) return t.pass()
  const page = await open('/counter')
  for (let i = 0; i < 2; i++) await page.click('#inc')
  await shows(page, '#count', '2')
  for (const socket of sockets) socket.destroy()
  await page.waitForFunction('window.__joins === 2')
  t.is(await text(page, '#count'), '2')
  await page.click('#inc')
  await shows(page, '#count', '3')
  t.is(await text(page, '#doubled'), '6')
  await page.close()
})

test.serial('reconnect after the session is gone remounts and rebuilds the page', async (t) => {
  if (!browser()) return t.pass()
  const local = await startServer({ routes: { '/': fixtureView('counter') }, sessions: { resumeWindowMs: 1 }, logger: recordingLogger() })
  const cut = new Set<Socket>()
  local.server.on('upgrade', (_req, socket: Socket) => cut.add(socket))
  try {
    const page = await open('/?start=5', local.url)
    for (const socket of cut) socket.destroy()
    await page.waitForFunction('window.__joins === 2')
    // Remounted from the signed URL: the start param applies again, state restarts.
    t.is(await text(page, '#count'), '5')
    t.is(await page.locator('[data-lv-root] > p').count(), 2)
    await page.close()
  } finally {
    await local.close()
  }
})

/** A canonical dump of a subtree: node types, names, namespaces, sorted attributes, data. */
const DUMP = `(root) => {
  const dump = (node) => {
    if (node.nodeType === 3) return '#text:' + JSON.stringify(node.data)
    if (node.nodeType === 8) return '#comment:' + JSON.stringify(node.data)
    const attrs = [...node.attributes].map((a) => (a.namespaceURI ? a.namespaceURI + '|' : '') + a.name + '=' + JSON.stringify(a.value)).sort()
    const children = node.localName === 'template' ? node.content.childNodes : node.childNodes
    return [node.namespaceURI + '|' + node.localName, attrs, [...children].map(dump)]
  }
  return JSON.stringify([...root.childNodes].map(dump))
}`

test.serial("differential: after every patch the live DOM equals the browser's parse of a fresh render", async (t) => {
  if (!browser()) return t.pass()
  let compared = 0
  for (const seed of [1, 7, 42, 1234]) {
    const page = await open(`/diff?seed=${seed}`)
    for (let step = 1; step <= 30; step++) {
      await page.click('#advance')
      await shows(page, '#step', String(step))
      const [live, fresh] = (await page.evaluate(
        `(async () => {
          const dump = ${DUMP}
          const html = await (await fetch('/diff?seed=${seed}&steps=${step}')).text()
          const doc = new DOMParser().parseFromString(html, 'text/html')
          return [dump(document.querySelector('[data-lv-root]')), dump(doc.querySelector('[data-lv-root]'))]
        })()`,
      )) as [string, string]
      t.is(live, fresh, `seed ${seed}, step ${step}`)
      compared++
    }
    await page.close()
  }
  t.is(compared, 120)
})
