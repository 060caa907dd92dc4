/**
 * Signed, expiring session tokens (HMAC-SHA256): the HTTP render embeds one, the WebSocket join
 * presents it. Signed, not encrypted: the payload is readable by the browser, as in Phoenix, so
 * keep secrets out of the user session data.
 */

import { createHmac, timingSafeEqual } from 'node:crypto'
import { LiveloomError } from './errors.js'
import type { SessionData } from './view/live-view.js'

/** What a token carries. */
export interface TokenPayload {
  /** Session id. */
  sid: string
  /** The path (and query) the page was rendered for, to mount afresh if the session is gone. */
  url: string
  /** The user session data given to `mount`. */
  session: SessionData
  /** Expiry, ms since the epoch. */
  exp: number
}

/** Signs and verifies tokens with one key. */
export class TokenSigner {
  constructor(
    private readonly secret: Buffer,
    private readonly maxAgeMs: number,
  ) {}

  /** A token for `payload` (without `exp`; it is set from `maxAgeMs`). */
  sign(payload: Omit<TokenPayload, 'exp'>, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ ...payload, exp: now + this.maxAgeMs })).toString('base64url')
    return `${body}.${this.mac(body)}`
  }

  /**
   * The payload of `token`. Throws `LIVELOOM_ERR_TOKEN_INVALID` (malformed or forged) or
   * `LIVELOOM_ERR_TOKEN_EXPIRED`; both tell the client to reload the page.
   */
  verify(token: string, now = Date.now()): TokenPayload {
    const dot = token.indexOf('.')
    if (dot <= 0 || token.length > 16_384) throw invalid()
    const body = token.slice(0, dot)
    // Compare the mac's text, not its decoded bytes: base64 decoding skips stray characters and
    // spare bits, so many texts decode to the real mac and a token would have many valid forms.
    const given = Buffer.from(token.slice(dot + 1))
    const expected = Buffer.from(this.mac(body))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()
    let payload: TokenPayload
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    } catch {
      throw invalid()
    }
    if (typeof payload?.sid !== 'string' || typeof payload.url !== 'string' || typeof payload.exp !== 'number') throw invalid()
    if (payload.exp <= now) {
      throw new LiveloomError('LIVELOOM_ERR_TOKEN_EXPIRED', 'the session token has expired; reload the page', { fault: 'network' })
    }
    return payload
  }

  private mac(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url')
  }
}

function invalid(): LiveloomError {
  return new LiveloomError('LIVELOOM_ERR_TOKEN_INVALID', 'the session token is malformed or was not signed by this server; reload the page', { fault: 'network' })
}
