/**
 * The browser client script, served from a content-hashed URL with immutable caching (a deploy
 * changes the URL, so browsers never run a stale client against a new server).
 */

import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { LiveloomError } from '../errors.js'

/** Where `npm run build:client` writes the bundle. */
export const CLIENT_BUNDLE = fileURLToPath(new URL('../../client/dist/liveloom.js', import.meta.url))

/** The client script, ready to serve. */
export interface ClientAsset {
  /** Its URL path, `<assetsPath>/liveloom.<hash>.js`. */
  url: string
  body: Buffer
  /** The same, gzipped once at startup. */
  gzipped: Buffer
}

/** Reads the built client. Throws `LIVELOOM_ERR_CLIENT_MISSING` naming the build command. */
export function loadClientAsset(assetsPath: string, file = CLIENT_BUNDLE): ClientAsset {
  let body: Buffer
  try {
    body = readFileSync(file)
  } catch (cause) {
    throw new LiveloomError('LIVELOOM_ERR_CLIENT_MISSING', `the browser client bundle ${file} is missing: run \`npm run build:client\``, {
      fault: 'internal',
      cause,
      details: { file },
    })
  }
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16)
  return { url: `${assetsPath}/liveloom.${hash}.js`, body, gzipped: gzipSync(body, { level: 9 }) }
}
