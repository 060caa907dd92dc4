#!/usr/bin/env node
// The `liveloom` command. liveloom and its users' views are TypeScript loaded at run time by
// tsx; Node 20 does not pass loader hooks to worker threads, so the CLI runs in a child Node with
// `--import tsx` on its command line, which every worker thread inherits.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const tsx = import.meta.resolve('tsx')
const cli = new URL('../src/cli.ts', import.meta.url)
const child = spawn(process.execPath, ['--import', tsx, fileURLToPath(cli), ...process.argv.slice(2)], { stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
