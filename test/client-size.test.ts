/**
 * The client's size budgets, after gzip at level 9, of the build scripts/build-client.mjs makes
 * (its own esbuild options, built in memory):
 * - the core: the entry and every file it imports statically, since every live page loads them;
 * - the hooks module, fetched only by pages with `lv-hook` elements or `window.LiveloomHooks`;
 * - the streams module, fetched only by pages with `lv-stream` elements or stream frames;
 * - the side channel module (js, with live navigation and flash auto-dismiss), fetched only when
 *   a frame carries effects, a JS command chain runs, or the page has `lv-patch` / `lv-navigate`
 *   links or `lv-auto-dismiss` elements.
 *   3 KB each: a fraction of the core, and a page that uses hooks ships its own hook code too.
 */
import test from 'ava'
import { build } from 'esbuild'
import { basename } from 'node:path'
import { gzipSync } from 'node:zlib'
import { CLIENT_BUILD, filesOf } from '../scripts/build-client.mjs'

/** Bytes, after gzip level 9. */
const BUDGETS = { core: 5120, hooks: 3072, streams: 3072, js: 3072 }

test(`the core is at most ${BUDGETS.core} bytes min+gzip, the hooks, streams and js modules at most ${BUDGETS.hooks}, ${BUDGETS.streams} and ${BUDGETS.js}`, async (t) => {
  const out = await build({ ...CLIENT_BUILD, outdir: 'client/dist', write: false, logLevel: 'silent' })
  const bytes = new Map(out.outputFiles.map((f) => [basename(f.path), f.contents]))
  const { entry, files } = filesOf(out.metafile)
  const gzipped = (names: Iterable<string>): number => [...names].reduce((sum, name) => sum + gzipSync(bytes.get(name)!, { level: 9 }).length, 0)
  // The core: the entry and, transitively, its static imports.
  const core = new Set([entry])
  for (const name of core) for (const dep of files[name].imports) core.add(dep)
  const lazy = (prefix: string): string => {
    const names = [...bytes.keys()].filter((name) => name.startsWith(prefix + '-'))
    t.is(names.length, 1, `one ${prefix} file`)
    t.deepEqual(files[names[0]].imports, [], `the ${prefix} module imports nothing of the core`)
    return names[0]
  }
  const hooks = lazy('hooks')
  const streams = lazy('streams')
  const js = lazy('js')
  t.deepEqual(files[entry].dynamic.sort(), [hooks, streams, js].sort(), 'the core imports the hooks, streams and js modules on demand only')
  t.deepEqual([...core], [entry], 'no chunk shared with the lazy modules: the core is one file')
  t.is(bytes.size, 4, 'no other files')
  const sizes = { core: gzipped(core), hooks: gzipped([hooks]), streams: gzipped([streams]), js: gzipped([js]) }
  for (const [part, name] of [['core', entry], ['hooks', hooks], ['streams', streams], ['js', js]] as const) {
    t.log(`${part} ${name}: ${bytes.get(name)!.length} bytes minified, ${sizes[part]} gzipped (budget ${BUDGETS[part]})`)
  }
  t.true(sizes.core <= BUDGETS.core)
  t.true(sizes.hooks <= BUDGETS.hooks)
  t.true(sizes.streams <= BUDGETS.streams)
  t.true(sizes.js <= BUDGETS.js)
})

test('the build inlines the protocol tables: no attribute table, the values in place', async (t) => {
  const out = await build({ ...CLIENT_BUILD, outdir: 'client/dist', write: false, logLevel: 'silent' })
  const text = (prefix: string): string => out.outputFiles.find((f) => basename(f.path).startsWith(prefix + '-'))!.text
  const core = text('liveloom')
  t.false(core.includes('SUBMIT'), 'no table keys left')
  t.false(core.includes('DISCONNECTED'), 'ClientName inlined')
  t.true(core.includes('"lv-submit"'))
  const streams = text('streams')
  t.false(/ACTIVE|REPLACE|STREAM_ERROR/.test(streams), 'StreamClass, TextMode and ClientName inlined')
  t.true(streams.includes('"lv-stream-active"'))
  const js = text('js')
  t.false(/\b(TOGGLE_CLASS|SUBMIT|TITLE)\b/.test(js), 'JsOp and EffectKind inlined')
  t.true(js.includes('"toggle_class"'))
  t.false(/\bCLEAR_FLASH\b/.test(js), 'BuiltinEvent inlined')
  t.true(js.includes('"lv:clear-flash"'))
})
