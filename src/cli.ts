#!/usr/bin/env node
/**
 * The `liveloom` command.
 *
 *   liveloom serve --views DIR [--templates DIR] [--port 3000] [--host 127.0.0.1] [--workers N]
 *                  [--reload-templates] [--config FILE] [--stats-port N]
 *
 * PORT, HOST and LIVELOOM_STATS_PORT from the environment are used when the flags are absent.
 * `--config` names a module whose default export is more server options (rate limits, session
 * bounds, a secret, a logger…); the flags win over it.
 */

import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createServer, type ServerOptions } from './server.js'
import { routesFromDir } from './routes-from-dir.js'
import { LiveloomError, hasLiveloomCode } from './errors.js'

const USAGE = `usage: liveloom serve --views DIR [--templates DIR] [--port 3000] [--host 127.0.0.1] [--workers N] [--reload-templates] [--config FILE] [--stats-port N]`

/** Runs the CLI with `argv` (without node and the script); resolves to the exit code or a running server's close. */
export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      views: { type: 'string' },
      templates: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      workers: { type: 'string' },
      'reload-templates': { type: 'boolean' },
      config: { type: 'string' },
      'stats-port': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return 0
  }
  if (positionals[0] !== 'serve' || positionals.length !== 1 || !values.views) {
    console.error(USAGE)
    return 2
  }
  const config = values.config === undefined ? {} : await loadConfig(resolve(values.config))
  const portText = values.port ?? process.env.PORT
  const workers = values.workers === undefined ? undefined : integer(values.workers, '--workers')
  const statsText = values['stats-port'] ?? process.env.LIVELOOM_STATS_PORT
  const running = await createServer({
    ...config,
    routes: routesFromDir(resolve(values.views)),
    port: portText ? integer(portText, '--port') : (config.port ?? 3000),
    host: values.host ?? (process.env.HOST || config.host || '127.0.0.1'),
    ...(values.templates === undefined ? {} : { templatesDir: resolve(values.templates) }),
    ...(values['reload-templates'] === undefined ? {} : { reloadTemplates: true }),
    ...(workers === undefined ? {} : { workers }),
    ...(statsText ? { statsPort: integer(statsText, '--stats-port') } : {}),
  })
  console.log(`liveloom listening on ${running.url}`)
  if (running.statsUrl) console.log(`liveloom stats on ${running.statsUrl}/stats`)
  const stop = (): void => {
    console.log('liveloom draining…')
    running.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
}

/** The server options a `--config` module exports by default (an object). */
async function loadConfig(file: string): Promise<Partial<ServerOptions>> {
  let module: { default?: unknown }
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown }
  } catch (cause) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `--config ${file} could not be loaded: ${(cause as Error).message}`, { cause, details: { option: 'config' } })
  }
  const options = module.default
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `--config ${file} must export default an object of server options`, { details: { option: 'config' } })
  }
  return options as Partial<ServerOptions>
}

function integer(text: string, flag: string): number {
  const value = Number(text)
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    console.error(`LIVELOOM_ERR_OPTIONS: ${flag} must be a whole number, got ${JSON.stringify(text)}`)
    process.exit(2)
  }
  return value
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code
  },
  (error) => {
    console.error(hasLiveloomCode(error) ? `${error.code}: ${error.message}` : error)
    process.exitCode = 1
  },
)
