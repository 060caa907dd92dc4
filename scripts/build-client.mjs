/**
 * Builds the browser client with esbuild, minified, as ES modules with code splitting:
 * client/dist/liveloom-<hash>.js (the core, every live page loads it) and the files it imports
 * only when a page needs them (hooks-<hash>.js, streams-<hash>.js, js-<hash>.js). The hashes are esbuild's content hashes, so the
 * gateway serves every file with immutable caching. client/dist/manifest.json names the entry
 * and every file: `{ "entry": "liveloom-<hash>.js", "files": [...] }`; the gateway reads it
 * (src/gateway/client-asset.ts). No sourcemaps: the files are served to every page.
 *
 * `npm run build:client`; `npm install` and `npm run test:ava` run it. test/client-size.test.ts
 * holds the core and the lazy files to their budgets.
 */
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { readFile } from 'node:fs/promises'
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = (path) => fileURLToPath(new URL(`../${path}`, import.meta.url))

/** The `as const` tables of the protocol modules (and client/names.ts) whose members the build inlines. */
const TABLES = ['Attr', 'FrameType', 'EffectKind', 'BuiltinEvent', 'Close', 'Op', 'UpdateMode', 'Namespace', 'StreamOp', 'TextMode', 'StreamClass', 'ClientName', 'JsOp']

/**
 * An esbuild plugin that replaces `Attr.CLICK`, `Op.INSERT`, `ClientName.ERROR`, ... in the
 * client and the protocol modules with their values (`"lv-click"`, `4`, `"lv:error"`). A size trick: esbuild keeps a used object whole,
 * so every page would download every attribute name, frame type and close code of the protocol
 * (most of them the server's business) under a minified name. The sources keep using the one
 * definition; the values are read from it at build time. Types (`typeof Op.INSERT`) stay as
 * they are.
 */
export function inlineProtocol() {
  return {
    name: 'inline-protocol',
    setup(b) {
      let tables
      b.onStart(async () => {
        const out = await build({ stdin: { contents: `export * from './frames.ts'; export * from './ops.ts'; export * from '../../client/names.ts'`, resolveDir: root('src/protocol'), loader: 'ts' }, bundle: true, format: 'esm', write: false })
        tables = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`)
      })
      const member = new RegExp(`(?<!typeof )\\b(${TABLES.join('|')})\\.([A-Z_]+)\\b`, 'g')
      b.onLoad({ filter: /[\\/](client|src[\\/]protocol)[\\/][\w-]+\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8')
        const contents = source.replace(member, (whole, table, key) => (Object.hasOwn(tables[table], key) ? JSON.stringify(tables[table][key]) : whole))
        return { contents, loader: 'ts' }
      })
    },
  }
}

/** The esbuild options of the client (test/client-size.test.ts builds with them in memory). */
export const CLIENT_BUILD = {
  entryPoints: [{ in: root('client/index.ts'), out: 'liveloom' }],
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  entryNames: '[name]-[hash]',
  chunkNames: '[name]-[hash]',
  metafile: true,
  // Object.hasOwn, class fields: browsers from 2022 on.
  target: 'es2022',
  sourcemap: false,
  logLevel: 'warning',
  plugins: [inlineProtocol()],
}

/**
 * From esbuild's metafile: the entry's file name, and every output file's name with the file
 * names it imports statically (`imports`) and on demand (`dynamic`).
 */
export function filesOf(metafile) {
  const files = {}
  let entry
  for (const [path, output] of Object.entries(metafile.outputs)) {
    const kind = (k) => output.imports.filter((i) => i.kind === k).map((i) => basename(i.path))
    files[basename(path)] = { imports: kind('import-statement'), dynamic: kind('dynamic-import') }
    if (output.entryPoint?.endsWith('client/index.ts')) entry = basename(path)
  }
  return { entry, files }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outdir = root('client/dist')
  // Old hashed files would pile up: the manifest is the truth, so start from nothing.
  rmSync(outdir, { recursive: true, force: true })
  const { metafile } = await build({ ...CLIENT_BUILD, outdir })
  const { entry, files } = filesOf(metafile)
  const names = Object.keys(files).sort()
  writeFileSync(join(outdir, 'manifest.json'), JSON.stringify({ entry, files: names }, null, 2) + '\n')
  for (const file of names) {
    const js = readFileSync(join(outdir, file))
    console.log(`client/dist/${file}${file === entry ? ' (entry)' : ''}: ${js.length} bytes, ${gzipSync(js, { level: 9 }).length} gzipped`)
  }
}
