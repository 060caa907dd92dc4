/**
 * Page metadata as state: a view's `pageTitle` (string) and `pageMeta` (`{ name: content }`)
 * fields. When a task changes them, the browser gets `title` / `meta` effects: a side channel,
 * not a VDOM diff (the head is outside the live container).
 */

import { EffectKind, type Effect } from '../protocol/frames.js'

/** The metadata fields of a view, as they are now. */
export interface PageMetaState {
  title: unknown
  meta: Record<string, string>
}

/** Reads `pageTitle` and `pageMeta` (non-string meta values are ignored). */
export function readPageMeta(view: object): PageMetaState {
  const fields = view as { pageTitle?: unknown; pageMeta?: unknown }
  const meta: Record<string, string> = {}
  if (typeof fields.pageMeta === 'object' && fields.pageMeta !== null) {
    for (const [name, content] of Object.entries(fields.pageMeta)) if (typeof content === 'string') meta[name] = content
  }
  return { title: fields.pageTitle, meta }
}

/** The effects that turn `before` into `after` (all of `after` when `before` is undefined: a mount). */
export function pageMetaEffects(before: PageMetaState | undefined, after: PageMetaState): Effect[] {
  const effects: Effect[] = []
  if (typeof after.title === 'string' && after.title !== before?.title) effects.push([EffectKind.TITLE, after.title])
  const changed: Record<string, string | null> = {}
  for (const [name, content] of Object.entries(after.meta)) if (before?.meta[name] !== content) changed[name] = content
  for (const name of Object.keys(before?.meta ?? {})) if (!(name in after.meta)) changed[name] = null
  if (Object.keys(changed).length > 0) effects.push([EffectKind.META, changed])
  return effects
}
