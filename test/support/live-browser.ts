/**
 * Browser tests against a real server: registers ava hooks that launch Chromium and start a
 * liveloom server, and opens pages that wait until the client has joined.
 */

import type { ExecutionContext, TestFn } from 'ava'
import type { Browser, Page } from 'playwright-core'
import type { LiveServer, ServerOptions } from '../../src/index.js'
import { launchChromium } from './chromium.js'
import { startServer } from './live-client.js'

/** What a browser test file gets. */
export interface LiveBrowser {
  /** Chromium, or undefined when it is missing and allowed to be (tests then pass trivially). */
  browser(): Browser | undefined
  /** The server the hooks started. */
  server(): LiveServer
  /**
   * Opens `path` on `base` (default the server), counting joins in `window.__joins` and error
   * codes in `window.__errors`, and waits for the first join.
   */
  open(path: string, base?: string): Promise<Page>
}

/** Registers `test.before` / `test.after.always` hooks for a browser and a server with `options`. */
export function useLiveBrowser(test: TestFn, options: () => Partial<ServerOptions>): LiveBrowser {
  let browser: Browser | undefined
  let server: LiveServer
  test.serial.before(async (t) => {
    browser = await launchChromium(t as unknown as ExecutionContext)
    server = await startServer(options())
  })
  test.after.always(async () => {
    await browser?.close()
    await server?.close()
  })
  return {
    browser: () => browser,
    server: () => server,
    async open(path, base) {
      const page = await browser!.newPage()
      await page.addInitScript(() => {
        const w = window as unknown as { __joins: number; __errors: string[] }
        w.__joins = 0
        w.__errors = []
        document.addEventListener('lv:joined', () => w.__joins++, true)
        document.addEventListener('lv:error', (e) => w.__errors.push((e as CustomEvent).detail.code), true)
      })
      await page.goto((base ?? server.url) + path)
      await page.waitForFunction('window.__joins === 1')
      return page
    },
  }
}

/** Waits until the element at `selector` shows exactly `value` (the patch has been applied). */
export async function shows(page: Page, selector: string, value: string): Promise<void> {
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent === want, [selector, value] as const)
}
