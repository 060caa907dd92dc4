/**
 * The catalog example in a real browser against the real server: URL-driven pages with back and
 * forward, a live redirect, flash, a JS-command modal that survives patches, and the title.
 */

import test from 'ava'
import type { Page } from 'playwright-core'
import { fixtureView } from './support/live-client.js'
import { shows, useLiveBrowser } from './support/live-browser.js'

const EXAMPLES = new URL('../examples/', import.meta.url)

const live = useLiveBrowser(test, () => ({
  routes: { '/catalog': new URL('views/catalog.ts', EXAMPLES), '/products': fixtureView('products'), '/target': fixtureView('target') },
  templatesDir: new URL('templates', EXAMPLES).pathname,
}))
const open = (path: string): Promise<Page> => live.open(path)

test.serial('catalog: lv-patch links change the URL and page; back and forward re-run handleParams', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/catalog?page=1&q=')
  const before = await page.evaluate('history.length')
  await page.click('#next')
  await shows(page, '#page', '2')
  t.is(new URL(page.url()).search, '?page=2&q=')
  t.is(await page.evaluate('history.length'), (before as number) + 1)
  await page.click('#next')
  await shows(page, '#page', '3')
  await page.goBack()
  await shows(page, '#page', '2')
  t.is(new URL(page.url()).search, '?page=2&q=')
  await page.goForward()
  await shows(page, '#page', '3')
  t.is(await page.evaluate('window.__joins'), 1, 'no remount, no page load')
  await page.close()
})

test.serial('catalog: flash, a JS-command modal kept across patches, the title with the unread count', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/catalog')
  await page.click('#help-open')
  await page.waitForFunction(`document.querySelector('#help').style.display !== 'none'`)
  t.true(await page.evaluate(`document.querySelector('#help').classList.contains('open') && document.activeElement.id === 'help-close'`))
  await page.locator('#products tbody tr').first().locator('button').click()
  await page.waitForSelector('#flash-info')
  t.is(await page.locator('#flash-info').innerText(), 'Saved your favourites (1) ✕')
  // The patch that added the flash left the modal as the JS command made it.
  t.true(await page.evaluate(`document.querySelector('#help').style.display !== 'none'`))
  await page.click('#flash-info')
  await page.waitForFunction(`!document.querySelector('#flash-info')`)
  await page.click('#notify')
  await page.waitForFunction(`document.title === 'Catalog (1 unread)'`)
  await page.click('#read')
  await page.waitForFunction(`document.title === 'Catalog'`)
  await page.close()
})

test.serial('a live redirect mounts the next view over the same socket, with its flash', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/products')
  await page.evaluate(() => {
    const b = document.createElement('button')
    b.setAttribute('lv-click', 'leave')
    document.querySelector('[data-lv-root]')!.append(b)
    b.click()
    b.remove()
  })
  // The old view shows the flash too (it set it), so wait for the join of the new one. A second
  // join in the same document (the counter is reset by a page load) means no page load happened.
  await page.waitForFunction('window.__joins === 2')
  t.is(await page.evaluate('location.pathname'), '/target')
  t.is(await page.locator('h1').innerText(), 'target')
  t.is(await page.locator('#flash').innerText(), 'See you')
  await page.close()
})
