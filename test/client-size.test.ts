/**
 * The client's size budgets, after gzip at level 9, of the build scripts/build-client.mjs makes
 * (its own esbuild options, built in memory):
 * - the core: the entry and every file it imports statically, since every live page loads them;
 * - the hooks module, fetched only by pages with `lv-hook` elements or `window.LiveloomHooks`.
 *   3 KB: it is a fraction of the core, and a page that uses hooks ships its own hook code too.
 */
import test from 'ava'
import { build } from 'esbuild'
import { basename } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CLIENT_BUILD, filesOf } from '../scripts/build-client.mjs'

/** Bytes, after gzip level 9. */
const CORE_BUDGET = 5120
const HOOKS_BUDGET = 3072

test(`the core is at most ${CORE_BUDGET} bytes min+gzip, the hooks module at most ${HOOKS_BUDGET}`, async (t) => {
  const out = await build({ ...CLIENT_BUILD, outdir: 'client/dist', write: false, logLevel: 'silent' })
  const bytes = new Map(out.outputFiles.map((f) => [basename(f.path), f.contents]))
  const { entry, files } = filesOf(out.metafile)
  const gzipped = (names: Iterable<string>): number => [...names].reduce((sum, name) => sum + gzipSync(bytes.get(name)!, { level: 9 }).length, 0)
  // The core: the entry and, transitively, its static imports.
  const core = new Set([entry])
  for (const name of core) for (const dep of files[name].imports) core.add(dep)
  const hooks = [...bytes.keys()].filter((name) => name.startsWith('hooks-'))
  t.is(hooks.length, 1)
  t.deepEqual(files[entry].dynamic, hooks, 'the core imports the hooks module on demand only')
  t.deepEqual([...core], [entry], 'no chunk shared with the hooks module: the core is one file')
  const coreSize = gzipped(core)
  const hooksSize = gzipped(hooks)
  t.log(`core ${entry}: ${bytes.get(entry)!.length} bytes minified, ${coreSize} gzipped (budget ${CORE_BUDGET})`)
  t.log(`hooks ${hooks[0]}: ${bytes.get(hooks[0])!.length} bytes minified, ${hooksSize} gzipped (budget ${HOOKS_BUDGET})`)
  t.true(coreSize <= CORE_BUDGET)
  t.true(hooksSize <= HOOKS_BUDGET)
})

test('the build inlines the protocol tables: no attribute table, the values in place', async (t) => {
  const out = await build({ ...CLIENT_BUILD, outdir: 'client/dist', write: false, logLevel: 'silent' })
  const core = out.outputFiles.find((f) => basename(f.path).startsWith('liveloom-'))!.text
  t.false(core.includes('SUBMIT'), 'no table keys left')
  t.true(core.includes('"lv-submit"'))
})
