/**
 * Helpers of the client's Chromium tests (client-chromium.test.ts, client-streams-chromium.test.ts):
 * one headless Chromium per test file, live pages running the client (test/support/client-page-entry.ts
 * bundled into the page) over an in-page fake socket, and readers of what the client did.
 */
import test, { type ExecutionContext } from 'ava'
import type { Browser, Page } from 'playwright-core'
import type { WireNode } from '../../src/protocol/ops.js'
import type { ClientFrame, EventParams, ServerFrame } from '../../src/protocol/frames.js'
import type { FakeServer } from './client-page-entry.js'
import { bundleForPage, launchChromium } from './chromium.js'

interface PageApi {
  startWithFakeSocket(): FakeServer
  buildNode(doc: Document, spec: WireNode): Node
  readNode(node: Node): WireNode
}

/** The page's globals: the bundled entry, its fake server, and what tests' page scripts write. */
export type PageGlobals = typeof globalThis & { __lv: PageApi; __server: FakeServer; __ran?: number; __log: unknown[] }

let bundle: Promise<string> | undefined
let browser: Browser | undefined

/** Launches Chromium before the file's tests and closes it after them (see launchChromium for a missing binary); call once per test file. */
export function useChromium(): void {
  test.before(async (t) => {
    browser = await launchChromium(t as unknown as ExecutionContext)
  })
  test.after.always(async () => {
    await browser?.close()
  })
}

/** The browser [[useChromium]] launched (undefined when skipped). */
export function chromiumBrowser(): Browser | undefined {
  return browser
}

/** Where a live page's container starts, and what runs in the page before the client starts. */
export interface PageSetup {
  /** Extra attributes of the container, e.g. `data-lv-limits='...'`. */
  root?: string
  /**
   * Script run in the page before the client starts (hooks are defined here). A string: tsx
   * wraps the test file's named functions in a helper the page does not have.
   */
  before?: string
  /**
   * Load the page from this http URL (routed in the test, never fetched) instead of about:blank:
   * for history and same-origin URLs. Every other URL of its origin gets an empty page.
   */
  url?: string
}

/** A page with `html` in a live container, the client started and joined at version 1 (the join is ref 1). */
export async function livePage(html: string, setup: PageSetup = {}): Promise<Page> {
  const page = await browser!.newPage()
  const content = `<!doctype html><html><head></head><body><div data-lv-root data-lv-token="t" data-lv-socket="/live"${setup.root ? ' ' + setup.root : ''}>${html}</div></body></html>`
  if (setup.url) {
    const start = setup.url
    await page.route(new URL('/', start).href + '**', (route) => route.fulfill({ contentType: 'text/html', body: route.request().url() === start ? content : '<!doctype html><p>other</p>' }))
    await page.goto(start)
  } else await page.setContent(content)
  await page.addScriptTag({ content: await (bundle ??= bundleForPage('test/support/client-page-entry.ts', '__lv')) })
  await page.evaluate(() => ((globalThis as PageGlobals).__log = []))
  if (setup.before) await page.evaluate(setup.before)
  await page.evaluate(() => {
    const g = globalThis as PageGlobals
    g.__server = g.__lv.startWithFakeSocket()
  })
  // The fake socket opens in a microtask: the join is out by now.
  await receive(page, { t: 'joined', ref: 1, v: 1, token: 't2' })
  return page
}

/** Sends server frames to the page's client. */
export async function receive(page: Page, ...frames: ServerFrame[]): Promise<void> {
  // Passed as plain JSON: playwright's serializable types recurse forever over ParamValue.
  await page.evaluate((list: unknown) => (list as ServerFrame[]).forEach((f) => (globalThis as PageGlobals).__server.receive(f)), frames as unknown)
}

/** The frames the page's client sent after its first join. */
export function sent(page: Page): Promise<ClientFrame[]> {
  return page.evaluate(() => (globalThis as PageGlobals).__server.sent.slice(1))
}

/** Waits (at most 5 s) until the client has sent `count` frames after its first join. */
export async function sentCount(page: Page, count: number): Promise<ClientFrame[]> {
  await page.waitForFunction((n) => (globalThis as PageGlobals).__server.sent.length - 1 >= n, count, { timeout: 5000 })
  return sent(page)
}

/** The page's `__log`, where hooks and listeners write. */
export function log(page: Page): Promise<unknown[]> {
  return page.evaluate(() => (globalThis as PageGlobals).__log)
}

/** Waits (at most 5 s) until `__log` has `count` entries, and returns it. */
export async function logged(page: Page, count: number): Promise<unknown[]> {
  await page.waitForFunction((n) => (globalThis as PageGlobals).__log.length >= n, count, { timeout: 5000 })
  return log(page)
}

/** The DOM of the element at `selector` (or the container's children) in the node format. */
export function tree(page: Page, selector?: string): Promise<WireNode[]> {
  return page.evaluate((sel) => {
    const lv = (globalThis as PageGlobals).__lv
    const root = document.querySelector('[data-lv-root]')!
    return sel ? [lv.readNode(document.querySelector(sel)!)] : Array.from(root.childNodes, (n) => lv.readNode(n))
  }, selector)
}

/** The exact `event` frame expected. */
export const ev = (ref: number, name: string, params: Record<string, unknown>): ClientFrame => ({ t: 'event', ref, name, params: params as EventParams })

/** Runs `run` on a fresh page, when Chromium is there (see launchChromium). */
export function inBrowser(title: string, run: (t: ExecutionContext) => Promise<void>): void {
  test(title, async (t) => {
    if (!browser) return t.pass()
    await run(t)
  })
}
