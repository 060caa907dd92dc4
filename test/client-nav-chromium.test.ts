/**
 * Live navigation in a real browser (headless Chromium; client/nav.ts), on pages loaded from
 * http://app.test (routed, never fetched) so that history works:
 * - `lv-patch` links (own value, empty value meaning `href`, `lv-replace`) push or replace one
 *   history entry and send the exact `params` frame; `lv-navigate` links send `navigate`;
 * - foreign-origin, `//host`, `/\host` and relative links and modifier clicks are left to the
 *   browser (not prevented, nothing sent);
 * - the `joined` answering a `navigate` renders the new view, resets the version base, and its
 *   token is the one a reconnect presents; an error answering it (`LIVELOOM_ERR_NOT_LIVE`) loads
 *   the URL with `location.replace`: history has one entry for it, not two;
 * - `patch` effects change history only, `redirect` effects send `navigate`; foreign URLs are
 *   refused with LIVELOOM_ERR_NAVIGATION;
 * - back/forward send `params`, then `navigate` when the server answers LIVELOOM_ERR_NAVIGATION;
 *   a hash-only change sends nothing.
 */
import type { Page } from 'playwright-core'
import type { PageGlobals } from './support/client-chromium.js'
import { inBrowser, livePage, receive, sent, sentCount, tree, useChromium } from './support/client-chromium.js'

useChromium()

const START = 'http://app.test/items?page=1'

/** Where the page is (path and query) and its history length. */
const where = (page: Page): Promise<[string, number]> => page.evaluate(() => [location.pathname + location.search, history.length] as [string, number])

/** Lets the lazy module load and pending tasks run. */
const settle = (page: Page, ms = 30): Promise<unknown> => page.evaluate((n) => new Promise((resolve) => setTimeout(resolve, n)), ms)

/** Console errors of the page, as their first word. */
function errors(page: Page): string[] {
  const list: string[] = []
  page.on('console', (m) => m.type() === 'error' && list.push(m.text().split(' ')[0]))
  return list
}

inBrowser('lv-patch links push (or replace) one entry and send params; an empty value means href', async (t) => {
  const page = await livePage(
    '<a id="p" lv-patch="/items?page=2">2</a><a id="h" href="/items?page=3" lv-patch>3</a><a id="r" lv-patch="/items?page=4#top" lv-replace><span id="inner">4</span></a>',
    { url: START },
  )
  await settle(page)
  const [, length] = await where(page)
  await page.click('#p')
  t.deepEqual(await sentCount(page, 1), [{ t: 'params', ref: 2, url: '/items?page=2' }])
  t.deepEqual(await where(page), ['/items?page=2', length + 1])
  await page.click('#h')
  t.deepEqual((await sentCount(page, 2)).slice(1), [{ t: 'params', ref: 3, url: '/items?page=3' }])
  t.deepEqual(await where(page), ['/items?page=3', length + 2])
  // A click on a child of the link; the hash stays in the address, not in the frame.
  await page.click('#inner')
  t.deepEqual((await sentCount(page, 3)).slice(2), [{ t: 'params', ref: 4, url: '/items?page=4' }])
  t.deepEqual(await where(page), ['/items?page=4', length + 2], 'replaced')
  t.is(page.url(), 'http://app.test/items?page=4#top')
})

inBrowser('lv-navigate: navigate frame; the joined reply renders the new view, resets the version and its token rejoins; NOT_LIVE loads the page', async (t) => {
  const page = await livePage('<a id="n" lv-navigate="/orders?id=7">orders</a><p id="old">old</p>', { url: START })
  await settle(page)
  const [, length] = await where(page)
  await page.click('#n')
  t.deepEqual(await sentCount(page, 1), [{ t: 'navigate', ref: 2, url: '/orders?id=7' }])
  t.deepEqual(await where(page), ['/orders?id=7', length + 1])
  // A new session: its versions start at its own `v`, lower than the old view's.
  await receive(page, { t: 'diff', v: 2, ops: [] }, { t: 'joined', ref: 2, v: 0, token: 't3', nodes: [['p', ['id', 'new'], ['orders']], ['a', ['id', 'x', 'lv-navigate', '/static#top'], ['static']]] })
  await receive(page, { t: 'diff', v: 1, ops: [[1, [0], 'class', 'on']] })
  t.deepEqual(await tree(page), [['p', ['id', 'new', 'class', 'on'], ['orders']], ['a', ['id', 'x', 'lv-navigate', '/static#top'], ['static']]])
  t.is((await sent(page)).length, 1, 'no refresh: the version base is the new view’s')
  await page.evaluate(() => (globalThis as PageGlobals).__server.drop())
  t.deepEqual((await sentCount(page, 2)).slice(1), [{ t: 'join', ref: 3, pv: 1, token: 't3', url: '/orders?id=7', v: 1 }])
  await receive(page, { t: 'joined', ref: 3, v: 1, token: 't4' })
  const [, beforeClick] = await where(page)
  await page.click('#x')
  t.deepEqual((await sentCount(page, 3)).slice(2), [{ t: 'navigate', ref: 4, url: '/static' }])
  t.deepEqual(await where(page), ['/static', beforeClick + 1])
  // The page load replaces the entry the click pushed (/static#top): one entry, not two. (Only
  // the hash tells: browsers turn a load of the very URL of the entry into a replace anyway.)
  await receive(page, { t: 'error', ref: 4, v: 2, code: 'LIVELOOM_ERR_NOT_LIVE', message: 'no live route' })
  await page.waitForURL('http://app.test/static', { timeout: 5000 })
  await page.waitForFunction(() => document.body?.textContent === 'other', undefined, { timeout: 5000 })
  t.deepEqual(await where(page), ['/static', beforeClick + 1])
})

inBrowser('foreign, protocol-relative, backslash and relative links and modifier clicks are the browser’s', async (t) => {
  const page = await livePage(
    [
      '<a id="f" lv-navigate="https://other.test/x">f</a>',
      '<a id="pr" lv-patch="//other.test/x">pr</a>',
      '<a id="bs" lv-patch="/\\other.test/x">bs</a>',
      '<a id="hf" href="https://other.test/y" lv-patch>hf</a>',
      '<a id="rel" lv-patch="items?page=2">rel</a>',
      '<a id="ok" lv-patch="/items?page=2">ok</a>',
    ].join(''),
    {
      url: START,
      // After the client's listener: records whether it prevented the default, then stops the load.
      before: `window.addEventListener('click', (e) => { __log.push([e.target.id, e.defaultPrevented]); e.preventDefault() })`,
    },
  )
  await settle(page)
  const before = await where(page)
  for (const id of ['f', 'pr', 'bs', 'hf', 'rel']) await page.click('#' + id)
  await page.click('#ok', { modifiers: ['Control'] })
  await page.click('#ok', { modifiers: ['Shift'] })
  await page.click('#ok', { modifiers: ['Meta'] })
  await settle(page)
  t.deepEqual(await page.evaluate(() => (globalThis as PageGlobals).__log), [
    ['f', false],
    ['pr', false],
    ['bs', false],
    ['hf', false],
    ['rel', false],
    ['ok', false],
    ['ok', false],
    ['ok', false],
  ])
  t.deepEqual(await sent(page), [])
  t.deepEqual(await where(page), before)
  await page.click('#ok')
  t.deepEqual(await sentCount(page, 1), [{ t: 'params', ref: 2, url: '/items?page=2' }])
})

inBrowser('patch effects change history only; redirect effects push and send navigate; foreign URLs are refused', async (t) => {
  const page = await livePage('<p>items</p>', { url: START })
  const logs = errors(page)
  const [, length] = await where(page)
  await receive(page, { t: 'diff', v: 2, effects: [['patch', '/items?page=9', false]] })
  await page.waitForFunction(() => location.search === '?page=9', undefined, { timeout: 2000 })
  t.deepEqual(await where(page), ['/items?page=9', length + 1])
  await receive(page, { t: 'diff', v: 3, effects: [['patch', '/items?page=10', true]] })
  t.deepEqual(await where(page), ['/items?page=10', length + 1])
  t.deepEqual(await sent(page), [], 'a patch sends nothing: the server ran handleParams')
  await receive(page, { t: 'diff', v: 4, effects: [['redirect', '/orders?id=1', false]] })
  t.deepEqual(await where(page), ['/orders?id=1', length + 2])
  t.deepEqual(await sent(page), [{ t: 'navigate', ref: 2, url: '/orders?id=1' }])
  await receive(page, { t: 'joined', ref: 2, v: 0, token: 't3', nodes: [['p', [], ['orders']]] })
  await receive(page, { t: 'diff', v: 1, effects: [['redirect', '/items#list', true]] })
  t.deepEqual(await where(page), ['/items', length + 2], 'a replacing redirect')
  t.deepEqual((await sent(page)).slice(1), [{ t: 'navigate', ref: 3, url: '/items' }])
  await receive(page, {
    t: 'diff',
    v: 2,
    effects: [
      ['redirect', 'https://evil.test/', false],
      ['patch', '//evil.test/x', false],
      ['redirect', 'javascript:alert(1)', false],
    ],
  })
  await settle(page)
  t.deepEqual(await where(page), ['/items', length + 2])
  t.is((await sent(page)).length, 2)
  t.deepEqual(logs, ['LIVELOOM_ERR_NAVIGATION', 'LIVELOOM_ERR_NAVIGATION', 'LIVELOOM_ERR_NAVIGATION'])
  // Any error answering the navigate (here a failed mount) loads the URL over its entry (/items#list).
  await receive(page, { t: 'error', ref: 3, v: 3, code: 'LIVELOOM_ERR_MOUNT_THREW', message: 'mount failed' })
  await page.waitForURL('http://app.test/items', { timeout: 5000 })
  await page.waitForFunction(() => document.body?.textContent === 'other', undefined, { timeout: 5000 })
  t.deepEqual(await where(page), ['/items', length + 2])
  t.deepEqual(logs, ['LIVELOOM_ERR_NAVIGATION', 'LIVELOOM_ERR_NAVIGATION', 'LIVELOOM_ERR_NAVIGATION', 'LIVELOOM_ERR_MOUNT_THREW'])
})

inBrowser('back/forward send params, then navigate after LIVELOOM_ERR_NAVIGATION; a hash-only change sends nothing', async (t) => {
  const page = await livePage('<a id="p" lv-patch="/items?page=2">2</a><a id="n" lv-navigate="/orders">o</a>', { url: START })
  await settle(page)
  await page.click('#p')
  await receive(page, { t: 'reply', ref: 2, v: 2 })
  await page.click('#n')
  t.deepEqual(await sentCount(page, 2), [
    { t: 'params', ref: 2, url: '/items?page=2' },
    { t: 'navigate', ref: 3, url: '/orders' },
  ])
  await receive(page, { t: 'joined', ref: 3, v: 0, token: 't3', nodes: [['p', [], ['orders']]] })
  await page.evaluate(() => history.back())
  t.deepEqual((await sentCount(page, 3)).slice(2), [{ t: 'params', ref: 4, url: '/items?page=2' }])
  t.deepEqual((await where(page))[0], '/items?page=2')
  // Another view's URL: the server refuses the params; the client mounts that view.
  await receive(page, { t: 'error', ref: 4, v: 1, code: 'LIVELOOM_ERR_NAVIGATION', message: 'another view' })
  t.deepEqual((await sentCount(page, 4)).slice(3), [{ t: 'navigate', ref: 5, url: '/items?page=2' }])
  await receive(page, { t: 'joined', ref: 5, v: 0, token: 't4', nodes: [['p', [], ['items 2']]] })
  await page.evaluate(() => history.back())
  t.deepEqual((await sentCount(page, 5)).slice(4), [{ t: 'params', ref: 6, url: '/items?page=1' }])
  await receive(page, { t: 'reply', ref: 6, v: 1 })
  await page.evaluate(() => (location.hash = 'top'))
  await settle(page)
  await page.evaluate(() => history.back())
  await settle(page)
  t.is((await sent(page)).length, 5, 'hash changes only')
  t.is(page.url(), START)
})
