/**
 * The first half of a browser's join: GET the page and read what the client script would read
 * from the live container (`[data-lv-root]`): the signed token and the socket path.
 */

import { LiveloomError } from '../../src/errors.js'
import { Attr } from '../../src/protocol/frames.js'

/** What a session needs to open and join its live socket. */
export interface LivePage {
  /** `data-lv-token` of the container. */
  token: string
  /** The WebSocket URL (`ws://…` + `data-lv-socket`). */
  socketUrl: string
  /** The page's origin, sent as the socket's `Origin` header like a browser does (the gateway refuses foreign origins). */
  origin: string
}

/** GETs `base + path` and extracts the live container's token and socket path; fails after `timeoutMs`. */
export async function fetchLivePage(base: string, path: string, timeoutMs: number): Promise<LivePage> {
  let response: Response
  let html: string
  try {
    response = await fetch(base + path, { signal: AbortSignal.timeout(timeoutMs) })
    html = await response.text()
  } catch (cause) {
    const timedOut = (cause as Error).name === 'TimeoutError'
    throw new LiveloomError(
      timedOut ? 'LIVELOOM_ERR_LOAD_PAGE_TIMEOUT' : 'LIVELOOM_ERR_LOAD_PAGE',
      timedOut ? `GET ${path} took longer than ${timeoutMs / 1000} s; the server is overloaded` : `GET ${path} failed: ${(cause as Error).message}; is the server up?`,
      { fault: 'network', cause },
    )
  }
  if (response.status !== 200) {
    throw new LiveloomError('LIVELOOM_ERR_LOAD_PAGE', `GET ${path} answered ${response.status}; check the server's log and that the route exists`, { fault: 'network' })
  }
  // The container's opening tag only: attributes elsewhere in the page are not the client's.
  const root = /<[a-z]+\s[^>]*data-lv-root[^>]*>/i.exec(html)?.[0]
  const token = root && attribute(root, Attr.TOKEN)
  const socketPath = root && attribute(root, Attr.SOCKET)
  if (!token || !socketPath) {
    throw new LiveloomError('LIVELOOM_ERR_LOAD_PAGE', `GET ${path} has no [${Attr.ROOT}] container with ${Attr.TOKEN} and ${Attr.SOCKET}; is it a live view?`, { fault: 'app' })
  }
  const origin = new URL(base).origin
  return { token, socketUrl: origin.replace(/^http/, 'ws') + socketPath, origin }
}

/** The unescaped value of attribute `name` in an opening tag, if present. */
function attribute(tag: string, name: string): string | undefined {
  const raw = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1]
  return raw?.replace(/&(amp|quot|#39|lt|gt);/g, (_, entity: string) => ({ amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' })[entity]!)
}
