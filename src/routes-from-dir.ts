/**
 * File-based routes for the CLI: every view module in a directory becomes a route.
 * `index.ts` → `/`, `counter.ts` → `/counter`, `items/index.ts` → `/items`,
 * `items/[id].ts` → `/items/:id`. Files and folders starting with `_` or `.` are skipped, so
 * helpers can live beside views.
 */

import { readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { LiveloomError } from './errors.js'

const VIEW_FILE = /\.(ts|mts|js|mjs)$/

/** The routes of the view modules under `dir` (absolute module paths). */
export function routesFromDir(dir: string): Record<string, string> {
  let files: string[]
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory')
    files = listFiles(dir)
  } catch (cause) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `--views ${dir} is not a readable directory of view modules`, { cause, details: { option: 'views' } })
  }
  const routes: Record<string, string> = {}
  // The router tries routes in order, so a `[param]` sorts after every name beside it:
  // `items/new.ts` must come before `items/[id].ts`, which would also match `/items/new`.
  const sortKey = (file: string): string => file.replaceAll('[', '\uffff')
  for (const file of files.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))) {
    const segments = relative(dir, file).replace(VIEW_FILE, '').split(sep)
    if (segments.at(-1) === 'index') segments.pop()
    const pattern = '/' + segments.map((s) => s.replace(/^\[(\w+)\]$/, ':$1')).join('/')
    if (routes[pattern] !== undefined) {
      throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `--views ${dir}: ${routes[pattern]} and ${file} are both the route ${pattern}; keep one`, { details: { option: 'views' } })
    }
    routes[pattern] = file
  }
  if (Object.keys(routes).length === 0) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `--views ${dir} holds no view modules (.ts, .mts, .js, .mjs)`, { details: { option: 'views' } })
  }
  return routes
}

function listFiles(dir: string): string[] {
  const out: string[] = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('_') || entry.name.startsWith('.')) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...listFiles(path))
    else if (VIEW_FILE.test(entry.name) && !/\.d\.m?ts$/.test(entry.name)) out.push(path)
  }
  return out
}
