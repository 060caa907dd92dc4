/**
 * Builds the browser client: bundles client/index.ts with esbuild, minified, into
 * client/dist/liveloom.js (no sourcemap: it is served to every page). `npm run build:client`;
 * `npm install` and `npm run test:ava` run it. test/client-size.test.ts holds it to its budget.
 */
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const outfile = fileURLToPath(new URL('../client/dist/liveloom.js', import.meta.url))
await build({
  entryPoints: [fileURLToPath(new URL('../client/index.ts', import.meta.url))],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  sourcemap: false,
  logLevel: 'warning',
})
const js = readFileSync(outfile)
console.log(`client/dist/liveloom.js: ${js.length} bytes, ${gzipSync(js, { level: 9 }).length} gzipped`)
