/**
 * The browser client's files, served from content-hashed URLs with immutable caching (a deploy
 * changes the URLs, so browsers never run a stale client against a new server). The build
 * (scripts/build-client.mjs) writes the files with esbuild's content hashes in their names and
 * `client/dist/manifest.json` naming them: the core entry, which the page loads as a module, and
 * the modules it imports on demand (hooks).
 */

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'
import { LiveloomError } from '../errors.js'

/** Where `npm run build:client` writes the client and its manifest. */
export const CLIENT_DIR = fileURLToPath(new URL('../../client/dist/', import.meta.url))

/** One file of the client, ready to serve. */
export interface ClientFile {
  body: Buffer
  /** The same, gzipped once at startup. */
  gzipped: Buffer
}

/** The client, ready to serve. */
export interface ClientAsset {
  /** The entry's URL path, `<assetsPath>/liveloom-<hash>.js`: the page's module script. */
  url: string
  /** Every file of the build by its URL path, `<assetsPath>/<file name>` (the entry included). */
  files: Map<string, ClientFile>
}

/** What the build writes to `manifest.json`: file names relative to the directory. */
interface Manifest {
  entry: string
  files: string[]
}

/**
 * Reads the built client from `dir` (default: [[CLIENT_DIR]]): the manifest, then every file it
 * lists. Throws `LIVELOOM_ERR_CLIENT_MISSING` naming the build command when any is missing.
 */
export function loadClientAsset(assetsPath: string, dir = CLIENT_DIR): ClientAsset {
  const read = (name: string): Buffer => {
    const file = join(dir, name)
    try {
      return readFileSync(file)
    } catch (cause) {
      throw new LiveloomError('LIVELOOM_ERR_CLIENT_MISSING', `the browser client file ${file} is missing: run \`npm run build:client\``, {
        fault: 'internal',
        cause,
        details: { file },
      })
    }
  }
  const manifest = JSON.parse(read('manifest.json').toString('utf8')) as Manifest
  const files = new Map<string, ClientFile>()
  for (const name of manifest.files) {
    const body = read(name)
    files.set(`${assetsPath}/${name}`, { body, gzipped: gzipSync(body, { level: 9 }) })
  }
  return { url: `${assetsPath}/${manifest.entry}`, files }
}
