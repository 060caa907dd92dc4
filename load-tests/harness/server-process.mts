/**
 * Starts the server under test as a child process of its own (never inside the harness), on
 * 127.0.0.1 and free ports, and implements {@link ServerHandle} for it: readiness, samples (from
 * liveloom's stats endpoint, or /proc for any other server), GC and stop. A server is never left
 * running: exit and signal handlers kill whatever is still up.
 */

import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { LiveloomError } from '../../src/errors.js'
import type { ServerHandle, ServerSample } from './types.mts'

/** The project root: relative paths in server commands are relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** liveloom's own CLI on the fixture app, with `--expose-gc` so the stats endpoint's `POST /gc` works. */
const DEFAULT_ARGS = ['--expose-gc', 'bin/liveloom.mjs', 'serve', '--views', 'load-tests/app/views', '--config', 'load-tests/app/liveloom.config.mjs']

/** The default command as text (what `--server` replaces), for help and reports. */
export const DEFAULT_SERVER_COMMAND = `node ${DEFAULT_ARGS.join(' ')}`

const READY_TIMEOUT_MS = 60_000
const STOP_GRACE_MS = 10_000
const OUTPUT_LINES = 50

/** Servers still running, killed by the exit and signal handlers. */
const running = new Set<ChildProcess>()

/**
 * Starts `command` (run by `/bin/sh -c 'exec <command>'` in the project root, so its pid is the
 * server's), or liveloom's fixture app when absent, with `PORT`, `HOST=127.0.0.1`,
 * `LIVELOOM_STATS_PORT`, `NODE_ENV=production` and `LOG_LEVEL=warn` (unless already set) in its
 * environment. Resolves once `GET /` gets any HTTP answer; rejects with `LIVELOOM_ERR_LOAD_SERVER`
 * (quoting the server's last output) when it exits or does not answer within 60 s.
 */
export async function startServerProcess(command?: string): Promise<ServerHandle> {
  installCleanup()
  const port = await freePort()
  let statsPort = await freePort()
  while (statsPort === port) statsPort = await freePort()
  const env = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LIVELOOM_STATS_PORT: String(statsPort),
    NODE_ENV: 'production',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  }
  // A process group of its own, so stop() also reaches whatever the command starts (npm → node).
  const options: SpawnOptions = { cwd: PROJECT_ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] }
  const child: ChildProcess = command === undefined ? spawn(process.execPath, DEFAULT_ARGS, options) : spawn('/bin/sh', ['-c', `exec ${command}`], options)
  const shown = command ?? DEFAULT_SERVER_COMMAND
  running.add(child)
  const output = new OutputTail(OUTPUT_LINES)
  let ready = false
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      for (const line of output.add(chunk)) if (ready) process.stderr.write(`  server ${child.pid}: ${line}\n`)
    })
  }
  let exitCode: number | string | undefined
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? signal ?? 'unknown'
      running.delete(child)
      // Leftovers of the command's group (children of a wrapper) go with it.
      killGroup(child, 'SIGKILL')
      resolve()
    })
  })
  child.once('error', () => undefined) // a spawn failure also ends in 'exit' (or never started: see below)
  if (child.pid === undefined) {
    running.delete(child)
    throw new LiveloomError('LIVELOOM_ERR_LOAD_SERVER', `could not start the server command: ${shown}; check that it exists`, { fault: 'app' })
  }
  const pid = child.pid
  const url = `http://127.0.0.1:${port}`
  const statsUrl = `http://127.0.0.1:${statsPort}`

  let stopping: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (exitCode !== undefined) return
      killGroup(child, 'SIGTERM')
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_GRACE_MS)
      await exited
      clearTimeout(timer)
    })()
    return stopping
  }

  const deadline = performance.now() + READY_TIMEOUT_MS
  while (!(await answers(`${url}/`))) {
    if (exitCode !== undefined || performance.now() > deadline) {
      const why = exitCode !== undefined ? `exited (${exitCode})` : `did not answer GET ${url}/ within ${READY_TIMEOUT_MS / 1000} s`
      await stop()
      throw new LiveloomError('LIVELOOM_ERR_LOAD_SERVER', `the server ${why}: ${shown}\n${output.text() || '(no output)'}\nCheck the command; it must listen on $HOST:$PORT.`, {
        fault: 'app',
        details: { command: shown },
      })
    }
    await sleep(100)
  }
  ready = true
  // liveloom starts its stats endpoint just after the HTTP server: give it a moment to answer.
  let hasStats = false
  for (let i = 0; i < 20 && !hasStats && exitCode === undefined; i++) {
    hasStats = await answers(`${statsUrl}/stats`, true)
    if (!hasStats) await sleep(100)
  }

  return {
    url,
    pid,
    hasStats,
    async sample() {
      try {
        return hasStats ? await sampleStats(statsUrl) : await sampleProc(pid)
      } catch (cause) {
        const state = exitCode === undefined ? 'still running' : `exited (${exitCode})`
        throw new LiveloomError('LIVELOOM_ERR_LOAD_SERVER', `could not sample the server (${state}): ${(cause as Error).message}\n${output.text() || '(no output)'}`, { fault: 'app', cause })
      }
    },
    async resetLoop() {
      if (hasStats) await post(`${statsUrl}/reset`)
    },
    async gc() {
      return hasStats && (await post(`${statsUrl}/gc`)) === 204
    },
    stop,
  }
}

/** Keeps the last `limit` complete lines of a process's output. */
class OutputTail {
  private readonly lines: string[] = []
  private partial = ''

  constructor(private readonly limit: number) {}

  /** Adds a chunk; returns the lines it completed. */
  add(chunk: string): string[] {
    const parts = (this.partial + chunk).split('\n')
    this.partial = parts.pop()!
    for (const line of parts) {
      this.lines.push(line)
      if (this.lines.length > this.limit) this.lines.shift()
    }
    return parts
  }

  text(): string {
    return [...this.lines, ...(this.partial ? [this.partial] : [])].join('\n')
  }
}

/** The figures of liveloom's stats endpoint (src/stats-endpoint.ts). */
interface StatsBody {
  cpu: { userUs: number; systemUs: number }
  memory: { rss: number; heapUsed: number; arrayBuffers: number; external: number }
  loop: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number }
  live: { attached: number; parked: number; parkedBytes: number; sockets: number }
}

async function sampleStats(statsUrl: string): Promise<ServerSample> {
  const response = await fetch(`${statsUrl}/stats`, { signal: AbortSignal.timeout(10_000) })
  if (response.status !== 200) throw new Error(`GET /stats answered ${response.status}`)
  const body = (await response.json()) as StatsBody
  return {
    at: performance.now(),
    cpuUs: body.cpu.userUs + body.cpu.systemUs,
    rss: body.memory.rss,
    heapUsed: body.memory.heapUsed,
    arrayBuffers: body.memory.arrayBuffers,
    external: body.memory.external,
    loop: { p50Ms: body.loop.p50Ms, p99Ms: body.loop.p99Ms, maxMs: body.loop.maxMs, meanMs: body.loop.meanMs },
    live: body.live,
  }
}

let ticksPerSecond: number | undefined

/**
 * CPU and RSS of `pid` and its descendants from /proc: a server command may be a wrapper (npm,
 * a shell) around the real process. CPU counts utime + stime plus the times of reaped children
 * (cutime + cstime); RSS sums VmRSS (shared pages counted once per process).
 */
async function sampleProc(pid: number): Promise<ServerSample> {
  ticksPerSecond ??= clockTicks()
  const parents = new Map<number, number[]>()
  const times = new Map<number, number>()
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    const stat = readOrEmpty(`/proc/${name}/stat`)
    // The command name (field 2) may hold spaces and parentheses; the fields after the last ')' do not.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (fields.length < 15) continue
    const id = Number(name)
    const ppid = Number(fields[1])
    parents.set(ppid, [...(parents.get(ppid) ?? []), id])
    times.set(id, Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]))
  }
  if (!times.has(pid)) throw new Error(`process ${pid} is gone`)
  let ticks = 0
  let rss = 0
  for (const queue = [pid]; queue.length > 0; ) {
    const id = queue.pop()!
    ticks += times.get(id) ?? 0
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readOrEmpty(`/proc/${id}/status`))?.[1]
    rss += kb === undefined ? 0 : Number(kb) * 1024
    queue.push(...(parents.get(id) ?? []))
  }
  return { at: performance.now(), cpuUs: Math.round((ticks * 1e6) / ticksPerSecond), rss }
}

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on Linux when it cannot say). */
function clockTicks(): number {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())
    return Number.isInteger(value) && value > 0 ? value : 100
  } catch {
    return 100
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return '' // the process ended between listing and reading
  }
}

/** Whether `url` gives an HTTP answer (any status; `ok` only: a 2xx). */
async function answers(url: string, ok = false): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await response.arrayBuffer()
    return !ok || response.ok
  } catch {
    return false
  }
}

async function post(url: string): Promise<number> {
  const response = await fetch(url, { method: 'POST', signal: AbortSignal.timeout(30_000) })
  await response.arrayBuffer()
  return response.status
}

/** A TCP port free on 127.0.0.1 right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal)
  } catch {
    // ESRCH: the group is already gone.
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

let cleanupInstalled = false

/** Kills every server still running when the harness exits, throws or is interrupted. */
function installCleanup(): void {
  if (cleanupInstalled) return
  cleanupInstalled = true
  const killAll = (): void => {
    for (const child of running) killGroup(child, 'SIGKILL')
  }
  process.once('exit', killAll)
  for (const [signal, number] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]] as const) {
    process.once(signal, () => {
      killAll()
      process.exit(128 + number)
    })
  }
}
