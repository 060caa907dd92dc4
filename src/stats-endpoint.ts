/**
 * A small HTTP endpoint with the process's own figures, for load harnesses (load-tests/): CPU
 * time, memory, event-loop delay and session counts. It listens only when asked
 * (`createServer({ statsPort })`, `liveloom serve --stats-port`), on the loopback interface only,
 * and serves nothing but:
 *
 * - `GET /stats`: `{ pid, uptimeMs, cpu: { userUs, systemUs }, memory: process.memoryUsage(),
 *   loop: { p50Ms, p99Ms, maxMs, meanMs, samples, utilization }, live: Live.stats() }`. The loop
 *   figures are since the last reset: the delay sampled every 10 ms by `monitorEventLoopDelay`,
 *   and the main thread's utilization (the share of time it was busy, 0–1).
 * - `POST /reset`: starts a new window for the loop figures and the source's timing figures (a
 *   harness calls it when its load starts).
 * - `POST /gc`: runs a full garbage collection when the process has `--expose-gc` (204), else 501;
 *   for memory per session without garbage in the figure.
 */

import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { LiveloomError } from './errors.js'

/** The figures `GET /stats` returns. */
export interface ProcessStats {
  pid: number
  uptimeMs: number
  /** CPU time of the whole process (every thread), in microseconds. */
  cpu: { userUs: number; systemUs: number }
  memory: NodeJS.MemoryUsage
  /** Event-loop delay of the main thread since the last reset, in milliseconds, and its utilization (0–1). */
  loop: { p50Ms: number; p99Ms: number; maxMs: number; meanMs: number; samples: number; utilization: number }
  /** What the server adds (`Live.stats()`). */
  live: object
}

/** A running stats endpoint. */
export interface StatsEndpoint {
  /** `http://127.0.0.1:port`. */
  url: string
  close(): Promise<void>
}

/** Where the endpoint's `live` figures come from (a {@link Live} fits). */
export interface StatsSource {
  stats(): object
  /** Called by `POST /reset`. */
  resetStats?(): void
}

/** Starts the endpoint on 127.0.0.1:`port` (0: a free port), reporting `source.stats()` with the process figures. */
export async function startStatsEndpoint(port: number, source: StatsSource): Promise<StatsEndpoint> {
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new LiveloomError('LIVELOOM_ERR_OPTIONS', `options.statsPort must be an integer from 0 to 65535, got ${String(port)}`, { details: { option: 'statsPort' } })
  }
  const resolutionMs = 10
  const delay = monitorEventLoopDelay({ resolution: resolutionMs })
  delay.enable()
  let busySince = performance.eventLoopUtilization()
  // Node's histogram records the time between two samples, which includes the sampling interval
  // itself (an idle loop reads ~10 ms); the delay is what is left over.
  const ms = (ns: number): number => Math.max(0, Math.round(ns / 1e3 - resolutionMs * 1e3) / 1e3)
  const gc = (globalThis as { gc?: () => void }).gc
  const server: Server = createServer((req, res) => {
    const route = `${req.method} ${req.url}`
    if (route === 'GET /stats') {
      const cpu = process.cpuUsage()
      const stats: ProcessStats = {
        pid: process.pid,
        uptimeMs: Math.round(process.uptime() * 1000),
        cpu: { userUs: cpu.user, systemUs: cpu.system },
        memory: process.memoryUsage(),
        loop: {
          p50Ms: ms(delay.percentile(50)),
          p99Ms: ms(delay.percentile(99)),
          maxMs: ms(delay.max),
          meanMs: ms(delay.mean),
          samples: delay.count,
          utilization: Math.round(performance.eventLoopUtilization(busySince).utilization * 1000) / 1000,
        },
        live: source.stats(),
      }
      res.setHeader('content-type', 'application/json')
      return void res.end(JSON.stringify(stats))
    }
    if (route === 'POST /reset') {
      delay.reset()
      busySince = performance.eventLoopUtilization()
      source.resetStats?.()
      res.statusCode = 204
      return void res.end()
    }
    if (route === 'POST /gc') {
      if (gc) gc()
      res.statusCode = gc ? 204 : 501
      return void res.end(gc ? undefined : 'start the server with node --expose-gc')
    }
    res.statusCode = 404
    res.end()
  })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
  } catch (cause) {
    delay.disable()
    throw new LiveloomError('LIVELOOM_ERR_LISTEN', `the stats endpoint could not listen on 127.0.0.1:${port}: ${(cause as Error).message}; pick another stats port`, { cause })
  }
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        delay.disable()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
