/**
 * Hooks against the real server: a hook's pushEvent resolves with what the handler returned, and
 * a view's pushEvent reaches the hook's handleEvent.
 */

import test, { type ExecutionContext } from 'ava'
import type { Browser } from 'playwright-core'
import type { LiveServer } from '../src/index.js'
import { launchChromium } from './support/chromium.js'
import { fixtureView, startServer } from './support/live-client.js'

let browser: Browser | undefined
let server: LiveServer

// The hooks script the page defines before the client runs (the `document` option).
const HOOKS = `<script>
window.__log = []
window.LiveloomHooks = {
  Probe: {
    async mounted() {
      window.__log.push('mounted')
      this.handleEvent('pong', (payload) => window.__log.push('pong ' + JSON.stringify(payload)))
      const reply = await this.pushEvent('square', { n: 7 })
      window.__log.push('reply ' + JSON.stringify(reply))
      try { await this.pushEvent('nope', {}) } catch (error) { window.__log.push('error ' + error.code) }
    },
  },
}
</script>`

test.before(async (t) => {
  browser = await launchChromium(t as unknown as ExecutionContext)
  server = await startServer({
    routes: { '/': fixtureView('hooked') },
    document: (page) => `<!DOCTYPE html><html><head><title>${page.title}</title>${HOOKS}${page.head}</head><body>${page.body}</body></html>`,
  })
})

test.after.always(async () => {
  await browser?.close()
  await server?.close()
})

test('a hook pushes events and gets replies; a view push event reaches handleEvent', async (t) => {
  if (!browser) return t.pass()
  const page = await browser.newPage()
  await page.goto(server.url + '/')
  await page.waitForFunction('window.__log.length === 3')
  t.deepEqual(await page.evaluate('window.__log'), ['mounted', 'reply {"squared":49}', 'error LIVELOOM_ERR_EVENT_UNKNOWN'])
  t.is(await page.locator('#asked').innerText(), '1')
  await page.click('#ping')
  await page.waitForFunction('window.__log.length === 4')
  t.is(await page.evaluate('window.__log[3]'), 'pong {"asked":1}')
  await page.close()
})
