/**
 * Headless Chromium for browser tests: Debian's `chromium` driven by playwright-core. When the
 * binary is missing the test is skipped locally, but fails when `LIVELOOM_REQUIRE_BINARIES` is
 * set (CI sets it), so CI can never pass without running the browser tests.
 */
import { existsSync } from 'node:fs'
import type { ExecutionContext } from 'ava'
import { chromium, type Browser } from 'playwright-core'
import { build } from 'esbuild'

/** Where Debian installs Chromium. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
]

/** Launches Chromium, or returns undefined (after logging why) when it is missing and allowed to be. */
export async function launchChromium(t: ExecutionContext): Promise<Browser | undefined> {
  if (!existsSync(CHROMIUM_PATH)) {
    if (process.env.LIVELOOM_REQUIRE_BINARIES) {
      throw new Error(`${CHROMIUM_PATH} is missing and LIVELOOM_REQUIRE_BINARIES is set: install it (apt-get install chromium)`)
    }
    t.log(`SKIPPED: ${CHROMIUM_PATH} not installed (apt-get install chromium); CI runs this test`)
    return undefined
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true })
}

/** Bundles a client module into a script that defines `globalThis[globalName]`. */
export async function bundleForPage(entry: string, globalName: string): Promise<string> {
  const out = await build({ entryPoints: [entry], bundle: true, format: 'iife', globalName, write: false, target: 'es2022' })
  return out.outputFiles[0].text
}
