// Loads liveloom's Rust addon (native/addon, built by `npm run build:native`) and re-exports its
// functions. Types and documentation: ./index.d.ts.
//
// The addon is context-aware and keeps no state, so this module may be imported from the main
// thread and from any number of worker threads at once; each thread gets its own instance.

import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The command that builds the addon, named in the error thrown when it is missing. */
export const BUILD_COMMAND = 'npm run build:native'

/**
 * Environment variable naming the directory to load the addon from instead of this one.
 * A seam for tests and for deployments that keep binaries elsewhere.
 */
export const NATIVE_PATH_ENV = 'LIVELOOM_NATIVE_PATH'

// ESM cannot import a `.node` file; `require` can, and resolves relative to this module.
const require = createRequire(import.meta.url)

/** `liveloom.<platform-triple>.node`, as `napi build --platform` names it. */
function fileName(triple) {
  return `liveloom.${triple}.node`
}

/**
 * The platform triple `@napi-rs/cli` uses for this process. On Linux the libc (glibc or musl) is
 * part of it; when exactly one of the two builds is present that one is taken without asking,
 * because detecting the libc (`process.report.getReport()`) costs several milliseconds per thread.
 */
function triple(directory) {
  const { platform, arch } = process
  if (platform === 'darwin') return arch
  if (platform === 'win32') return `${arch}-msvc`
  if (platform !== 'linux') return `${platform}-${arch}`
  const [gnu, musl] = arch === 'arm' ? ['arm-gnueabihf', 'arm-musleabihf'] : [`${arch}-gnu`, `${arch}-musl`]
  const hasGnu = existsSync(join(directory, fileName(`linux-${gnu}`)))
  const hasMusl = existsSync(join(directory, fileName(`linux-${musl}`)))
  if (hasGnu !== hasMusl) return hasGnu ? `linux-${gnu}` : `linux-${musl}`
  // Both builds or neither (then the error names the file this libc needs): ask.
  return isMusl() ? `linux-${musl}` : `linux-${gnu}`
}

function isMusl() {
  const { header } = /** @type {{ header: { glibcVersionRuntime?: string } }} */ (process.report.getReport())
  return !header.glibcVersionRuntime
}

function codedError(code, message, options) {
  const error = new Error(message, options)
  error.code = code
  return error
}

function load() {
  const override = process.env[NATIVE_PATH_ENV]
  const directory = override ? resolve(override) : dirname(fileURLToPath(import.meta.url))
  const path = join(directory, fileName(triple(directory)))
  if (!existsSync(path)) {
    const chosen = override ? ` (the directory comes from ${NATIVE_PATH_ENV}=${override})` : ''
    throw codedError(
      'LIVELOOM_ERR_NATIVE_MISSING',
      `liveloom's native addon is not built: no file at ${path}${chosen}. ` +
        `Build it by running \`${BUILD_COMMAND}\` in the liveloom package; it needs a Rust toolchain ` +
        `(cargo, from https://rustup.rs). This is a setup problem, not a bug in your app.`,
    )
  }
  try {
    return { path, binding: require(path) }
  } catch (cause) {
    throw codedError(
      'LIVELOOM_ERR_NATIVE_LOAD',
      `liveloom's native addon at ${path} exists but could not be loaded (${cause?.message ?? cause}). ` +
        `It may have been built for another platform or Node version: rebuild it with \`${BUILD_COMMAND}\`.`,
      { cause },
    )
  }
}

const loaded = load()

/** Absolute path of the addon binary this module loaded. */
export const nativeBinaryPath = loaded.path

export const { parse, diff, dumpSnapshot, dumpHtml, toHtml, toJson, parseNodes, opcodes } = loaded.binding
