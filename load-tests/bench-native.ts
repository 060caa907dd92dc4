/**
 * `npm run bench:native`: the native engine through its Node-API surface (what a worker pays per
 * event: UTF-8 copy in, parse, diff, JSON ops and a snapshot ArrayBuffer out). Prints median and
 * p99 µs and MB/s per case, then one JSON line. A benchmark, not a test: it asserts nothing about
 * time (the machines are shared and noisy), only that each case produced the expected ops.
 *
 * Options: `--seconds N` per case (default 1.5), `--json-only`.
 */
import { parseArgs } from 'node:util'
import * as native from '../native/index.js'
import { makeItems, renderList, withInserted, withPrice } from './fixtures/list-page.js'

interface Case {
  name: string
  /** Bytes of HTML processed per iteration. */
  bytes: number
  run: () => unknown
  check: () => void
}

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '1.5' }, 'json-only': { type: 'boolean', default: false } },
})
const seconds = Number(values.seconds)
if (!(seconds > 0 && seconds <= 60)) throw new RangeError(`--seconds must be in (0, 60], got ${values.seconds}`)

function diffCase(name: string, before: string, after: string, expect: (ops: unknown[]) => boolean): Case {
  const snapshot = native.parse(before)
  return {
    name,
    bytes: Buffer.byteLength(after),
    run: () => native.diff(snapshot, after),
    check: () => {
      const ops = JSON.parse(native.diff(snapshot, after).ops) as unknown[]
      if (!expect(ops)) throw new Error(`${name}: unexpected ops ${JSON.stringify(ops).slice(0, 300)}`)
    },
  }
}

const items100 = makeItems(100)
const page100 = renderList(items100)
const items1000 = makeItems(1000)
const opsOf = (ops: unknown[], code: number) => ops.filter((o) => (o as number[])[0] === code).length

// A ~300 KB page: twelve 100-row lists one after another.
const big = Array.from({ length: 12 }, (_, i) => renderList(makeItems(100), i)).join('')

const cases: Case[] = [
  diffCase('list100 one price changed', page100, renderList(withPrice(items100, 57, '$9.99')), (ops) => ops.length === 1),
  diffCase('list100 row inserted mid', page100, renderList(withInserted(items100, 50)), (ops) => ops.length === 2 && opsOf(ops, 4) === 2),
  diffCase('list100 reversed', page100, renderList(items100.slice().reverse()), (ops) => ops.length === opsOf(ops, 6) && ops.length > 0),
  diffCase('list1000 one price changed', renderList(items1000), renderList(withPrice(items1000, 777, '$9.99')), (ops) => ops.length === 1),
  diffCase('list100 no change', page100, page100, (ops) => ops.length === 0),
  {
    name: 'parse 300KB page',
    bytes: Buffer.byteLength(big),
    run: () => native.parse(big),
    check: () => {
      if (!(native.parse(big).byteLength > 0)) throw new Error('empty snapshot')
    },
  },
]

interface Result {
  name: string
  bytes: number
  iterations: number
  median_us: number
  p99_us: number
  mb_per_s: number
}

function measure(c: Case): Result {
  c.check()
  for (let i = 0; i < 200; i++) c.run() // warm up the JIT and the allocator
  const samples: number[] = []
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9))
  while (samples.length < 200_000) {
    const t0 = process.hrtime.bigint()
    c.run()
    const t1 = process.hrtime.bigint()
    samples.push(Number(t1 - t0) / 1000)
    if (t1 > deadline && samples.length >= 50) break
  }
  samples.sort((a, b) => a - b)
  const median = samples[Math.floor(samples.length / 2)]
  const p99 = samples[Math.min(samples.length - 1, Math.floor(samples.length * 0.99))]
  const round = (x: number) => Math.round(x * 10) / 10
  return {
    name: c.name,
    bytes: c.bytes,
    iterations: samples.length,
    median_us: round(median),
    p99_us: round(p99),
    mb_per_s: round(c.bytes / median),
  }
}

const results = cases.map(measure)
if (!values['json-only']) {
  const pad = (s: string | number, n: number) => String(s).padStart(n)
  console.log(`${'case'.padEnd(30)}${pad('bytes', 9)}${pad('median µs', 12)}${pad('p99 µs', 10)}${pad('MB/s', 9)}`)
  for (const r of results) {
    console.log(`${r.name.padEnd(30)}${pad(r.bytes, 9)}${pad(r.median_us, 12)}${pad(r.p99_us, 10)}${pad(r.mb_per_s, 9)}`)
  }
}
console.log(
  JSON.stringify({
    bench: 'native',
    cases: results.map(({ name, bytes, median_us, p99_us }) => ({ name, bytes, median_us, p99_us })),
  }),
)
