/**
 * Streams in a real browser (headless Chromium), with exact DOM assertions:
 * - streamed text is text (tags stay characters) and stays one text node; HTML ops build inert
 *   scripts;
 * - `lv-autoscroll` follows text and collection inserts when at the bottom (within 4 px), and
 *   leaves a pane the user scrolled up alone;
 * - a render keeps streamed items, and the focus and typed value of a field inside one;
 * - the real build (scripts/build-client.mjs, ES modules with code splitting) fetches
 *   `streams-<hash>.js` only once the page has streams, relative to the core, and holds frames
 *   (in version order) until it is there.
 * client-streams.test.ts covers the rest under happy-dom.
 */
import type { Page } from 'playwright-core'
import { build } from 'esbuild'
import { basename } from 'node:path'
import { StreamOp, TextMode, type ServerFrame } from '../src/protocol/frames.js'
import { Op, type WireNode } from '../src/protocol/ops.js'
import { CLIENT_BUILD, filesOf } from '../scripts/build-client.mjs'
import { until } from './support/client-harness.js'
import { chromiumBrowser, inBrowser, livePage, receive, sent, tree, useChromium } from './support/client-chromium.js'

useChromium()

const { TEXT, HTML } = StreamOp

inBrowser('streamed text is text, one node after 1,000 appends; HTML ops build inert scripts', async (t) => {
  const page = await livePage('<div id="a" lv-stream="answer"></div><div id="h" lv-stream="html"></div>')
  const frames: ServerFrame[] = Array.from({ length: 1000 }, (_, i) => ({ t: 'diff', v: i + 2, stream: [[TEXT, 'answer', TextMode.APPEND, '<b>x</b>']] }))
  await receive(page, ...frames)
  const text = await page.evaluate(() => {
    const a = document.getElementById('a')!
    return { nodes: Array.from(a.childNodes, (n) => n.nodeName), bold: a.querySelector('b'), length: a.textContent!.length, start: a.textContent!.slice(0, 16) }
  })
  t.deepEqual(text, { nodes: ['#text'], bold: null, length: 8000, start: '<b>x</b><b>x</b>' })
  const script: WireNode = ['script', [], ['window.__ran = 1']]
  const svg: WireNode = ['svg', [], [['script', [], ['window.__ran = 2'], 1]], 1]
  await receive(page, { t: 'diff', v: 1002, stream: [[HTML, 'html', [['p', ['class', 'x'], ['hi']], script, svg]]] })
  t.deepEqual(await tree(page, '#h'), [['div', ['id', 'h', 'lv-stream', 'html'], [['p', ['class', 'x'], ['hi']], script, svg]]])
  t.is(await page.evaluate(() => (globalThis as { __ran?: number }).__ran ?? null), null)
  t.deepEqual(await sent(page), [], 'no refresh')
})

/** Scroll offsets of the element at `selector`: where it is, and its bottom. */
function scroll(page: Page, selector: string): Promise<{ top: number; max: number }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel)!
    return { top: el.scrollTop, max: el.scrollHeight - el.clientHeight }
  }, selector)
}

function scrollTo(page: Page, selector: string, fromBottom: number): Promise<void> {
  return page.evaluate(
    ([sel, by]) => {
      const el = document.querySelector(sel)!
      el.scrollTop = el.scrollHeight - el.clientHeight - by
    },
    [selector, fromBottom] as const,
  )
}

inBrowser('lv-autoscroll follows streamed text and collection inserts at the bottom (within 4 px), not when scrolled up', async (t) => {
  const pane = 'overflow-y:auto;margin:0;padding:0;line-height:20px;font-size:16px'
  const page = await livePage(
    `<div id="log" lv-autoscroll style="height:100px;${pane}"><div lv-stream="answer" style="white-space:pre-line"></div></div>` +
      `<ul id="feed" lv-stream="feed" lv-autoscroll style="height:60px;list-style:none;${pane}"></ul>`,
  )
  let v = 1
  const lines = (n: number): ServerFrame => ({ t: 'diff', v: ++v, stream: [[TEXT, 'answer', TextMode.APPEND, 'line\n'.repeat(n)]] })
  const items = (...ids: string[]): ServerFrame => ({
    t: 'diff',
    v: ++v,
    ops: [[Op.UPDATE_CHILDREN, [1], 2, ids.map((id): WireNode => ['li', ['id', id], [id]])]],
    items: { feed: {} },
  })
  await receive(page, lines(10), items('a', 'b', 'c', 'd', 'e'))
  t.deepEqual(await scroll(page, '#log'), { top: 100, max: 100 })
  t.deepEqual(await scroll(page, '#feed'), { top: 40, max: 40 })
  await scrollTo(page, '#log', 100)
  await scrollTo(page, '#feed', 40)
  await receive(page, lines(5), items('f'))
  t.deepEqual(await scroll(page, '#log'), { top: 0, max: 200 }, 'scrolled up: stays')
  t.deepEqual(await scroll(page, '#feed'), { top: 0, max: 60 })
  await scrollTo(page, '#log', 3)
  await scrollTo(page, '#feed', 3)
  await receive(page, lines(1), items('g'))
  t.deepEqual(await scroll(page, '#log'), { top: 220, max: 220 }, '3 px from the bottom counts as the bottom')
  t.deepEqual(await scroll(page, '#feed'), { top: 80, max: 80 })
  await scrollTo(page, '#log', 10)
  await receive(page, lines(1))
  t.deepEqual(await scroll(page, '#log'), { top: 210, max: 240 }, '10 px up: stays')
  t.deepEqual(await sent(page), [], 'no refresh')
})

inBrowser('a render keeps streamed items, and the focus and typed value of a field inside one', async (t) => {
  const page = await livePage('<h1>old</h1><ul lv-stream="todos"><li id="t1"><input id="edit" value="a"></li></ul>')
  await page.click('#edit')
  await page.keyboard.type('bc')
  await receive(page, { t: 'render', v: 5, nodes: [['h1', [], ['new']], ['ul', ['lv-stream', 'todos', 'class', 'r']]] })
  t.deepEqual(await tree(page), [
    ['h1', [], ['new']],
    ['ul', ['lv-stream', 'todos', 'class', 'r'], [['li', ['id', 't1'], [['input', ['id', 'edit', 'value', 'a']]]]]],
  ])
  t.deepEqual(await page.evaluate(() => [document.activeElement?.id, (document.activeElement as HTMLInputElement).value]), ['edit', 'abc'])
})

inBrowser('the built client fetches streams-<hash>.js on demand, next to itself, and holds frames in order until it is there', async (t) => {
  const out = await build({ ...CLIENT_BUILD, outdir: 'client/dist', write: false, logLevel: 'silent' })
  const files = new Map(out.outputFiles.map((f) => [basename(f.path), f.text]))
  const { entry } = filesOf(out.metafile)
  const streamsFile = [...files.keys()].find((name) => name.startsWith('streams-'))!
  const page = await chromiumBrowser()!.newPage()
  const fetched: string[] = []
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route('http://app.test/**', async (route) => {
    const path = new URL(route.request().url()).pathname
    if (path === '/') {
      return route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><div data-lv-root data-lv-token="t" data-lv-socket="/live"><p>0</p></div><script type="module" src="/_liveloom/${entry}"></script>`,
      })
    }
    const name = path.replace('/_liveloom/', '')
    fetched.push(name)
    if (name === streamsFile) await released
    return files.has(name) ? route.fulfill({ contentType: 'text/javascript', body: files.get(name) }) : route.abort()
  })
  // The page's WebSocket: records what the client sends; the test delivers frames through __ws.
  await page.addInitScript(() => {
    const g = globalThis as unknown as { __sent: unknown[]; __ws: unknown; WebSocket: unknown }
    g.__sent = []
    g.WebSocket = class {
      onopen?: () => void
      constructor() {
        g.__ws = this
        queueMicrotask(() => this.onopen!())
      }
      send(data: string): void {
        g.__sent.push(JSON.parse(data))
      }
    }
  })
  await page.goto('http://app.test/')
  await page.waitForFunction(() => (globalThis as unknown as { __sent: unknown[] }).__sent.length === 1)
  const deliver = (...frames: ServerFrame[]) =>
    page.evaluate((list) => {
      const ws = (globalThis as unknown as { __ws: { onmessage(e: { data: string }): void } }).__ws
      for (const f of list as ServerFrame[]) ws.onmessage({ data: JSON.stringify(f) })
    }, frames as unknown)
  const html = () => page.evaluate(() => document.querySelector('[data-lv-root]')!.innerHTML)
  await deliver({ t: 'joined', ref: 1, v: 1, token: 't2' }, { t: 'diff', v: 2, ops: [[Op.SET_TEXT, [0, 0], 'a']] })
  t.is(await html(), '<p>a</p>')
  t.deepEqual(fetched, [entry], 'no streams on the page: the streams file is not fetched')
  await deliver(
    { t: 'diff', v: 3, ops: [[Op.INSERT, [], 1, ['div', ['lv-stream', 's']]]] },
    { t: 'diff', v: 4, stream: [[TEXT, 's', TextMode.APPEND, 'hello']] },
    { t: 'diff', v: 5, ops: [[Op.SET_TEXT, [0, 0], 'b']] },
  )
  await until(() => fetched.includes(streamsFile))
  t.is(await html(), '<p>a</p><div lv-stream="s"></div>', 'frames 4 and 5 wait for the streams file')
  release()
  await page.waitForFunction(() => document.querySelector('[data-lv-root] p')!.textContent === 'b')
  t.is(await html(), '<p>b</p><div lv-stream="s">hello</div>')
  t.deepEqual(fetched, [entry, streamsFile])
  t.deepEqual(await page.evaluate(() => (globalThis as unknown as { __sent: { t: string }[] }).__sent.map((f) => f.t)), ['join'], 'no refresh')
})
