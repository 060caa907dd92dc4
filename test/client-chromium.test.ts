/**
 * The client in a real browser (headless Chromium), over an in-page fake socket:
 * - patched-in `<script>` elements (HTML and SVG) do not run, and the DOM is exactly the
 *   server's tree;
 * - focus, selection and what the user typed survive a REPLACE of the focused input's parent and
 *   a SET_ATTR of its value, while unfocused fields show the server's value;
 * - form payloads (FormData with a `<select multiple>` and the submitter) and key filters.
 */
import test, { type ExecutionContext } from 'ava'
import type { Browser, Page } from 'playwright-core'
import type { WireNode } from '../src/protocol/ops.js'
import type { ClientFrame, ServerFrame } from '../src/protocol/frames.js'
import { bundleForPage, launchChromium } from './support/chromium.js'

interface PageApi {
  startWithFakeSocket(): { sent: ClientFrame[]; receive(frame: ServerFrame): void }
  buildNode(doc: Document, spec: WireNode): Node
  readNode(node: Node): WireNode
}
type PageGlobals = typeof globalThis & { __lv: PageApi; __server: ReturnType<PageApi['startWithFakeSocket']>; __ran?: number }

let bundle: Promise<string> | undefined

/** A page with `html` in a live container, the client started and joined at version 1. */
async function livePage(browser: Browser, html: string): Promise<Page> {
  const page = await browser.newPage()
  await page.setContent(`<!doctype html><html><head></head><body><div data-lv-root data-lv-token="t" data-lv-socket="/live">${html}</div></body></html>`)
  await page.addScriptTag({ content: await (bundle ??= bundleForPage('test/support/client-page-entry.ts', '__lv')) })
  await page.evaluate(() => {
    const g = globalThis as PageGlobals
    g.__server = g.__lv.startWithFakeSocket()
    g.__server.receive({ t: 'joined', ref: 1, v: 1, token: 't2' })
  })
  return page
}

/** Sends server frames to the page's client. */
async function receive(page: Page, ...frames: ServerFrame[]): Promise<void> {
  // Passed as plain JSON: playwright's serializable types recurse forever over ParamValue.
  await page.evaluate((list: unknown) => (list as ServerFrame[]).forEach((f) => (globalThis as PageGlobals).__server.receive(f)), frames as unknown)
}

/** The frames the page's client sent after its join. */
function sent(page: Page): Promise<ClientFrame[]> {
  return page.evaluate(() => (globalThis as PageGlobals).__server.sent.slice(1))
}

async function withBrowser(t: ExecutionContext, run: (browser: Browser) => Promise<void>): Promise<void> {
  const browser = await launchChromium(t)
  if (!browser) return void t.pass()
  try {
    await run(browser)
  } finally {
    await browser.close()
  }
}

test('patched-in scripts do not run, and the DOM is exactly the server’s tree', (t) =>
  withBrowser(t, async (browser) => {
    const page = await livePage(browser, '<p>a</p><div></div>')
    // The control: a script made by createElement runs when inserted, so the check below can fail.
    t.is(await page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__control = 1'
      document.body.appendChild(s).remove()
      return (globalThis as unknown as { __control?: number }).__control
    }), 1)
    const script: WireNode = ['script', ['type', 'text/javascript', 'data-x', '1'], ['window.__ran = 1']]
    const svg: WireNode = ['svg', [], [['script', [], ['window.__ran = 2'], 1]], 1]
    await receive(
      page,
      { t: 'diff', v: 2, ops: [[4, [], 1, script]] },
      { t: 'diff', v: 3, ops: [[3, [0], script], [4, [2], 0, svg], [7, [2], 2, [['script', ['id', 'u'], ['window.__ran = 3']]]]] },
    )
    const want: WireNode[] = [script, script, ['div', [], [svg, ['script', ['id', 'u'], ['window.__ran = 3']]]]]
    const result = await page.evaluate(() => {
      const root = document.querySelector('[data-lv-root]')!
      const lv = (globalThis as PageGlobals).__lv
      return {
        ran: (globalThis as PageGlobals).__ran ?? null,
        tree: Array.from(root.childNodes, (n) => lv.readNode(n)),
        kinds: Array.from(root.querySelectorAll('script'), (s) => `${s.namespaceURI} ${s.constructor.name}`),
      }
    })
    t.deepEqual(result.tree, want)
    t.is(result.ran, null)
    const HTML = 'http://www.w3.org/1999/xhtml HTMLScriptElement'
    t.deepEqual(result.kinds, [HTML, HTML, 'http://www.w3.org/2000/svg SVGScriptElement', HTML])
    // A full render builds scripts the same way.
    await receive(page, { t: 'render', v: 9, nodes: [script] })
    t.is(await page.evaluate(() => (globalThis as PageGlobals).__ran ?? null), null)
    t.deepEqual(await sent(page), [], 'every frame applied: no refresh')
  }))

test('focus, selection and typed text survive a REPLACE of the parent and a SET_ATTR value', (t) =>
  withBrowser(t, async (browser) => {
    const page = await livePage(browser, '<p><label>Q</label><input id="q" name="q" value=""></p><input id="b" value="two">')
    await page.click('#b')
    await page.keyboard.type('-mine')
    await page.click('#q')
    await page.keyboard.type('hello world')
    await page.keyboard.press('Home')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight')
    const state = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement
        const b = document.getElementById('b') as HTMLInputElement
        return { id: el.id, value: el.value, attr: el.getAttribute('value'), sel: [el.selectionStart, el.selectionEnd, el.selectionDirection], b: b.value }
      })
    t.deepEqual(await state(), { id: 'q', value: 'hello world', attr: '', sel: [2, 5, 'forward'], b: 'two-mine' })
    const marked = await page.evaluate(() => ((document.getElementById('q') as HTMLInputElement & { mark?: number }).mark = 1))
    t.is(marked, 1)
    await receive(page, { t: 'diff', v: 2, ops: [[3, [0], ['p', ['class', 'new'], [['label', [], ['Q']], ['input', ['id', 'q', 'name', 'q', 'value', 'srv']]]]]] })
    t.deepEqual(await state(), { id: 'q', value: 'hello world', attr: 'srv', sel: [2, 5, 'forward'], b: 'two-mine' })
    t.is(await page.evaluate(() => (document.activeElement as HTMLInputElement & { mark?: number }).mark ?? null), null, 'a new element')
    // Typing goes on where it was: the selection is replaced.
    await page.keyboard.type('!')
    t.is((await state()).value, 'he! world')
    await receive(page, { t: 'diff', v: 3, ops: [[1, [0, 1], 'value', 'server'], [1, [1], 'value', 'server-b']] })
    t.deepEqual(await state(), { id: 'q', value: 'he! world', attr: 'server', sel: [3, 3, 'forward'], b: 'server-b' })
    t.deepEqual(await sent(page), [], 'every frame applied: no refresh')
  }))

test('submit sends the form as FormData gives it; key filters match event.key', (t) =>
  withBrowser(t, async (browser) => {
    const page = await livePage(
      browser,
      '<form lv-submit="save" data-form-id="f1" action="/nowhere">' +
        '<input name="tag" value="a"><input name="tag" value="b">' +
        '<select name="opts" multiple><option selected>x</option><option>y</option><option selected>z</option></select>' +
        '<select name="one"><option>p</option><option selected>q</option></select>' +
        '<button name="go" value="now">Go</button><button name="other" value="no">Other</button></form>' +
        '<input id="k" lv-keydown.enter="enter" lv-keyup.escape="esc" lv-keydown.arrowup="up" value="v">',
    )
    await page.evaluate(() => ((globalThis as { __stay?: number }).__stay = 1))
    await page.click('button[name=go]')
    await page.focus('#k')
    for (const key of ['a', 'Enter', 'Escape', 'ArrowUp']) await page.keyboard.press(key)
    t.deepEqual(await sent(page), [
      { t: 'event', ref: 2, name: 'save', params: { formId: 'f1', tag: ['a', 'b'], opts: ['x', 'z'], one: 'q', go: 'now' } },
      // 'a' matched no filter but was typed (at the caret, before the 'v').
      { t: 'event', ref: 3, name: 'enter', params: { value: 'av', key: 'Enter' } },
      { t: 'event', ref: 4, name: 'esc', params: { value: 'av', key: 'Escape' } },
      { t: 'event', ref: 5, name: 'up', params: { value: 'av', key: 'ArrowUp' } },
    ])
    t.is(await page.evaluate(() => (globalThis as { __stay?: number }).__stay), 1, 'the submit did not navigate')
  }))
