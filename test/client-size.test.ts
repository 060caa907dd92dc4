/**
 * The client's size budget: the bundle scripts/build-client.mjs makes (client/index.ts, minified
 * iife, es2020) must stay within 5 KB after gzip at level 9, since every live page loads it.
 */
import test from 'ava'
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'

/** Bytes, after gzip level 9. */
const BUDGET = 5120

test(`the client bundle is at most ${BUDGET} bytes min+gzip`, async (t) => {
  const out = await build({ entryPoints: ['client/index.ts'], bundle: true, minify: true, format: 'iife', target: 'es2020', write: false })
  const js = out.outputFiles[0].contents
  const gzipped = gzipSync(js, { level: 9 }).length
  t.log(`client: ${js.length} bytes minified, ${gzipped} bytes gzipped (budget ${BUDGET})`)
  t.true(gzipped <= BUDGET)
})
