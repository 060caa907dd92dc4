/**
 * The HTML document of an HTTP render: the live container (with its token and socket path) inside
 * a page that loads the client script.
 */

import { Attr, type HandlerLimits } from '../protocol/frames.js'
import type { PageParts } from '../options.js'

/** Escapes text for an HTML attribute value or text content. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The live container element around the view's HTML, with the view's handler limits if any. */
export function liveContainer(html: string, token: string, socketPath: string, limits: HandlerLimits = {}): string {
  const limitsAttr = Object.keys(limits).length === 0 ? '' : ` ${Attr.LIMITS}="${escapeHtml(JSON.stringify(limits))}"`
  return `<div ${Attr.ROOT} ${Attr.SOCKET}="${escapeHtml(socketPath)}" ${Attr.TOKEN}="${escapeHtml(token)}"${limitsAttr}>${html}</div>`
}

/** The script tag that loads the client: an ES module (deferred by nature), which imports its hooks module on demand. */
export function clientScriptTag(url: string): string {
  return `<script type="module" src="${escapeHtml(url)}"></script>`
}

/** The default document: minimal HTML5 around `page.body`. */
export function defaultDocument(page: PageParts): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${page.title}</title>${page.head}</head><body>${page.body}</body></html>`
}
