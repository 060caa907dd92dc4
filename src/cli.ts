#!/usr/bin/env node
/**
 * The `liveloom` command.
 *
 *   liveloom serve --views DIR [--templates DIR] [--port 3000] [--host 127.0.0.1] [--workers N] [--reload-templates]
 *
 * PORT and HOST from the environment are used when the flags are absent.
 */

import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { createServer } from './server.js'
import { routesFromDir } from './routes-from-dir.js'
import { hasLiveloomCode } from './errors.js'

const USAGE = `usage: liveloom serve --views DIR [--templates DIR] [--port 3000] [--host 127.0.0.1] [--workers N] [--reload-templates]`

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
  const port = integer(values.port ?? (process.env.PORT || '3000'), '--port')
  const workers = values.workers === undefined ? undefined : integer(values.workers, '--workers')
  const running = await createServer({
    routes: routesFromDir(resolve(values.views)),
    templatesDir: values.templates === undefined ? undefined : resolve(values.templates),
    reloadTemplates: values['reload-templates'] ?? false,
    port,
    host: values.host ?? (process.env.HOST || '127.0.0.1'),
    workers,
  })
  console.log(`liveloom listening on ${running.url}`)
  const stop = (): void => {
    console.log('liveloom draining…')
    running.close().then(() => process.exit(0), () => process.exit(1))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return -1
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
