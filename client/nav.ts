/**
 * Live navigation in the browser (docs/navigation.md), part of the side channel module
 * (client/js.ts), which the core loads when the page has `lv-patch` / `lv-navigate` links or a
 * frame has effects:
 * - a click on `<a lv-patch="/path?q">` (an empty value: the link's `href`) pushes a history entry
 *   (`lv-replace`: replaces it) and sends `params`; `lv-navigate` does the same and sends
 *   `navigate`. Only same-origin paths; other links, modifier clicks and clicks while
 *   disconnected keep the browser's behaviour;
 * - `patch` effects push (or replace) the entry only: the server already ran handleParams;
 *   `redirect` effects push it and send `navigate`. A URL of another origin is never followed
 *   (LIVELOOM_ERR_NAVIGATION on the console);
 * - back/forward (`popstate`) to another path or query sends `params`;
 * - a `params` refused with LIVELOOM_ERR_NAVIGATION (the URL of another view) becomes a
 *   `navigate`; a `navigate` answered by any error (LIVELOOM_ERR_NOT_LIVE: no live route; a
 *   failed mount) loads the page normally with `location.replace`, so history keeps the one
 *   entry pushed for it. The `joined` answering a `navigate` is the core's: it renders the new
 *   view and keeps its token and version base.
 */
import { Attr, EffectKind, FrameType } from '../src/protocol/frames.js'
import type { Env } from './env.js'
import { ClientName } from './names.js'

type NavFrame = typeof FrameType.PARAMS | typeof FrameType.NAVIGATE

/** What navigation needs from the core. */
export interface NavHost {
  container: Element
  /** Sends a frame; returns its ref. */
  send(t: NavFrame, fields: { url: string }): number
  /** The browser services (`location`). */
  env: Pick<Env, 'location'>
}

/** Carries out a `patch` or `redirect` effect. */
export type Navigate = (kind: string, url: string, replace?: boolean) => void

/** Starts live navigation in `host.container`. */
export function navigation({ container, send, env }: NavHost): Navigate {
  const { location } = env
  const win = container.ownerDocument.defaultView as Window & typeof globalThis
  const here = (): string => location.pathname + location.search
  /** The URL the view has (path and query). */
  let current = here()
  /** The last frame sent: its ref, type and URL, to follow up its error. */
  let pending: [number, NavFrame, string] | undefined
  const track = (t: NavFrame, url: string): void => void (pending = [send(t, { url }), t, url])
  /** `value` as a URL when it is a path of this origin (`/…`, never `//host` or `/\host`). */
  const local = (value: string | null): URL | undefined => {
    const url = value?.[0] === '/' && value[1] !== '/' ? new URL(value, location.href) : undefined
    return url?.origin === location.origin ? url : undefined
  }
  /** Pushes (or replaces) the history entry for `url`, then sends `t` for it when given. */
  const go = (url: URL, replace: unknown, t?: NavFrame): void => {
    win.history[replace ? 'replaceState' : 'pushState'](null, '', url.href)
    current = here()
    if (t) track(t, current)
  }
  container.addEventListener('click', (event) => {
    const e = event as MouseEvent
    const a = (e.target as Element).closest?.(`[${Attr.PATCH}],[${Attr.NAVIGATE}]`)
    if (!a || !container.contains(a) || e.defaultPrevented || e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return
    // Disconnected: the browser loads the page, which is live again.
    if (container.classList.contains(ClientName.DISCONNECTED)) return
    const patch = a.hasAttribute(Attr.PATCH)
    const url = local(a.getAttribute(patch ? Attr.PATCH : Attr.NAVIGATE) || a.getAttribute('href'))
    if (!url) return
    e.preventDefault()
    go(url, a.hasAttribute(Attr.REPLACE), patch ? FrameType.PARAMS : FrameType.NAVIGATE)
  })
  win.addEventListener('popstate', () => {
    // A change of the hash only is no change of the view's URL.
    if (here() === current) return
    current = here()
    track(FrameType.PARAMS, current)
  })
  container.addEventListener(ClientName.ERROR, (event) => {
    const { code, ref } = (event as CustomEvent<{ code: string; ref?: number }>).detail
    if (!pending || ref !== pending[0]) return
    const [, t, url] = pending
    pending = undefined
    // The history entry for `url` is already there (pushed before the `navigate`, or reached by
    // back/forward): the page load replaces it rather than adding a second one. Any error counts
    // (no live route, a failed mount...): a page load is the safe fallback, as Phoenix reloads
    // when a live redirect fails.
    if (t === FrameType.NAVIGATE) location.replace(url)
    else if (code === 'LIVELOOM_ERR_NAVIGATION') track(FrameType.NAVIGATE, url)
  })
  return (kind, value, replace) => {
    const url = local(value)
    if (!url) return console.error('LIVELOOM_ERR_NAVIGATION', value)
    go(url, replace, kind === EffectKind.REDIRECT ? FrameType.NAVIGATE : undefined)
  }
}
