/**
 * The Koa middleware: serves the client's files and renders live routes over HTTP; everything
 * else goes to `next()`.
 */

import type { Context, Middleware, Next } from 'koa'
import { hasLiveloomCode } from '../errors.js'
import type { Gateway } from './core.js'
import type { ClientAsset, ClientFile } from './client-asset.js'
import { clientScriptTag, defaultDocument, escapeHtml, liveContainer } from './page.js'
import { EffectKind, type Effect } from '../protocol/frames.js'

/** Builds the middleware of one `createLive`. */
export function liveMiddleware(gateway: Gateway, client: ClientAsset): Middleware {
  return async function liveloom(ctx: Context, next: Next): Promise<void> {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next()
    const file = client.files.get(ctx.path)
    if (file) return serveClient(ctx, file)
    const match = gateway.router.match(ctx.path)
    if (!match) return next()
    try {
      const userSession = await gateway.options.session(ctx)
      const query = Object.fromEntries(new URLSearchParams(ctx.querystring))
      const page = await gateway.mountPage(match, ctx.url, query, userSession)
      const titleEffect = page.effects.findLast((effect) => effect[0] === EffectKind.TITLE)
      const title = escapeHtml(titleEffect ? titleEffect[1] : gateway.options.title)
      const build = gateway.options.document ?? defaultDocument
      ctx.type = 'text/html; charset=utf-8'
      ctx.set('Cache-Control', 'no-store')
      ctx.body = build({
        title,
        head: metaTags(page.effects) + clientScriptTag(client.url),
        body: liveContainer(page.html, page.token, gateway.options.socketPath, page.session.limits),
      })
    } catch (error) {
      // Mount failures were logged with context by the gateway; anything else is logged here.
      if (!hasLiveloomCode(error)) gateway.logger.error({ err: error, url: ctx.url }, 'page render failed')
      const code = hasLiveloomCode(error) ? error.code : 'LIVELOOM_ERR_INTERNAL'
      ctx.status = 500
      ctx.type = 'text/plain; charset=utf-8'
      ctx.body = `${code}: this page could not be rendered; the server log has the details\n`
    }
  }
}

/** `<meta>` tags for the page metadata the mount set (`pageMeta`). */
function metaTags(effects: Effect[]): string {
  let tags = ''
  for (const effect of effects) {
    if (effect[0] !== EffectKind.META) continue
    for (const [name, content] of Object.entries(effect[1])) {
      if (content === null) continue
      const key = name.includes(':') ? 'property' : 'name'
      tags += `<meta ${key}="${escapeHtml(name)}" content="${escapeHtml(content)}">`
    }
  }
  return tags
}

function serveClient(ctx: Context, client: ClientFile): void {
  // A module script: browsers insist on a JavaScript MIME type.
  ctx.type = 'application/javascript; charset=utf-8'
  // The file name holds the content hash: it never changes meaning, so caches may keep it forever.
  ctx.set('Cache-Control', 'public, max-age=31536000, immutable')
  ctx.vary('Accept-Encoding')
  if (ctx.acceptsEncodings('gzip', 'identity') === 'gzip') {
    ctx.set('Content-Encoding', 'gzip')
    ctx.body = client.gzipped
  } else {
    ctx.body = client.body
  }
}
