import test, { type ExecutionContext } from 'ava'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LiveloomError } from '../src/errors.js'
import { Router } from '../src/gateway/routes.js'
import { resolveOptions } from '../src/options.js'
import { routesFromDir } from '../src/routes-from-dir.js'

const ROOT = { pattern: '/', view: 'file:///v/root.ts' }
const ITEMS = { pattern: '/items', view: 'file:///v/items.ts' }
const ITEM = { pattern: '/items/:id', view: 'file:///v/item.ts' }
const TAG = { pattern: '/items/:id/tags/:tag', view: 'file:///v/tag.ts' }
const DOTTED = { pattern: '/a.b', view: 'file:///v/dotted.ts' }
const router = new Router([ROOT, ITEMS, ITEM, TAG, DOTTED])

test('static routes match exactly, with a trailing slash tolerated', (t) => {
  t.deepEqual(router.match('/'), { route: ROOT, params: {} })
  t.deepEqual(router.match('/items'), { route: ITEMS, params: {} })
  t.deepEqual(router.match('/items/'), { route: ITEMS, params: {} })
  t.deepEqual(router.match('/a.b'), { route: DOTTED, params: {} })
  t.is(router.match('/axb'), undefined, 'a dot in a pattern is no wildcard')
  t.is(router.match('/Items'), undefined)
  t.is(router.match('/items//'), undefined)
  t.is(router.match('/itemsx'), undefined)
  t.is(router.match(''), undefined)
  t.is(router.match('/nowhere'), undefined)
})

test('params are decoded, one segment each', (t) => {
  t.deepEqual(router.match('/items/42'), { route: ITEM, params: { id: '42' } })
  t.deepEqual(router.match('/items/42/'), { route: ITEM, params: { id: '42' } })
  t.deepEqual(router.match('/items/a%2Fb'), { route: ITEM, params: { id: 'a/b' } })
  t.deepEqual(router.match('/items/caf%C3%A9%20au%20lait'), { route: ITEM, params: { id: 'café au lait' } })
  t.deepEqual(router.match('/items/7/tags/new%3F'), { route: TAG, params: { id: '7', tag: 'new?' } })
  t.is(router.match('/items/7/tags'), undefined)
  t.is(router.match('/items/a/b'), undefined)
})

test('a param that is not valid percent-encoding does not match', (t) => {
  t.is(router.match('/items/%E0%A4%A'), undefined)
  t.is(router.match('/items/%zz'), undefined)
  t.is(router.match('/items/%C3'), undefined)
  const withFallback = new Router([ITEM, { pattern: '/:any/:thing', view: 'file:///v/any.ts' }])
  t.is(withFallback.match('/items/%zz'), undefined, 'the same bad param fails every param route')
  t.deepEqual(withFallback.match('/items/ok'), { route: ITEM, params: { id: 'ok' } })
})

test('routes are tried in the order given', (t) => {
  const NEW = { pattern: '/items/new', view: 'file:///v/new.ts' }
  t.deepEqual(new Router([NEW, ITEM]).match('/items/new'), { route: NEW, params: {} })
  t.deepEqual(new Router([ITEM, NEW]).match('/items/new'), { route: ITEM, params: { id: 'new' } })
})

/** A temporary directory holding `files` (relative paths), removed when the test ends. */
function viewsDir(t: ExecutionContext, files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'liveloom-routes-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), '')
  }
  return dir
}

test('routesFromDir turns view modules into routes and skips the rest', (t) => {
  const dir = viewsDir(t, [
    'index.ts', 'counter.ts', 'items/index.ts', 'items/[id].ts', '_helper.ts', '.hidden.ts', 'notes.mustache', 'x.d.ts',
    'types.d.mts', 'legacy.mjs', 'plain.js', 'typed.mts', '_lib/util.ts', '.cache/page.ts', 'README.md',
  ])
  t.deepEqual(Object.entries(routesFromDir(dir)), [
    ['/counter', join(dir, 'counter.ts')],
    ['/', join(dir, 'index.ts')],
    ['/items', join(dir, 'items/index.ts')],
    ['/items/:id', join(dir, 'items/[id].ts')],
    ['/legacy', join(dir, 'legacy.mjs')],
    ['/plain', join(dir, 'plain.js')],
    ['/typed', join(dir, 'typed.mts')],
  ])
})

test('routesFromDir puts static routes before the param routes beside them', (t) => {
  const dir = viewsDir(t, ['items/[id].ts', 'items/new.ts', 'items/[id]/edit.ts', 'items/all/edit.ts', '[org].ts', 'about.ts'])
  const routes = routesFromDir(dir)
  t.deepEqual(Object.keys(routes), ['/about', '/items/all/edit', '/items/new', '/items/:id', '/items/:id/edit', '/:org'])
  const router = new Router(resolveOptions({ routes }).routes)
  t.is(router.match('/items/new')?.route.view, pathToFileURL(join(dir, 'items/new.ts')).href)
  t.deepEqual(router.match('/items/7')?.params, { id: '7' })
  t.is(router.match('/about')?.route.view, pathToFileURL(join(dir, 'about.ts')).href)
  t.deepEqual(router.match('/acme')?.params, { org: 'acme' })
})

test('routesFromDir refuses two modules for one route', (t) => {
  const dir = viewsDir(t, ['items.ts', 'items/index.ts'])
  t.throws(() => routesFromDir(dir), {
    code: 'LIVELOOM_ERR_OPTIONS',
    message: `--views ${dir}: ${join(dir, 'items.ts')} and ${join(dir, 'items/index.ts')} are both the route /items; keep one`,
  })
})

test('routesFromDir on a missing directory, a file or an empty directory is LIVELOOM_ERR_OPTIONS', (t) => {
  const dir = viewsDir(t, ['_only-helpers.ts', 'view.mustache'])
  const missing = join(dir, 'missing')
  const error = t.throws<LiveloomError>(() => routesFromDir(missing), { code: 'LIVELOOM_ERR_OPTIONS', message: `--views ${missing} is not a readable directory of view modules` })
  t.deepEqual(error?.details, { option: 'views' })
  const file = join(dir, 'view.mustache')
  t.throws(() => routesFromDir(file), { code: 'LIVELOOM_ERR_OPTIONS', message: `--views ${file} is not a readable directory of view modules` })
  t.throws(() => routesFromDir(dir), { code: 'LIVELOOM_ERR_OPTIONS', message: `--views ${dir} holds no view modules (.ts, .mts, .js, .mjs)` })
  const empty = viewsDir(t, [])
  t.throws(() => routesFromDir(empty), { code: 'LIVELOOM_ERR_OPTIONS', message: `--views ${empty} holds no view modules (.ts, .mts, .js, .mjs)` })
})
