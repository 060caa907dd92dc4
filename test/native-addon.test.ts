// The Node side of the native addon (native/index.js over native/addon): argument validation,
// every accepted input shape, coded errors for bad bytes and snapshots, and the loader's errors.
// The engine's parsing and diffing themselves are tested in Rust (native/vdom).
import test from 'ava'
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import * as native from '../native/index.js'
import { diff, dumpHtml, dumpSnapshot, opcodes, parse, toHtml, toJson } from '../native/index.js'
import { Op } from '../src/protocol/ops.js'

const HTML_EXPECTED = 'a string or a Uint8Array of UTF-8 bytes'
const SNAPSHOT_EXPECTED =
  'an ArrayBuffer or a view over one (Uint8Array, Buffer, other TypedArray or DataView) holding a snapshot returned by parse() or diff()'
const SHARED = 'a view over a SharedArrayBuffer (copy it into an ArrayBuffer first)'
const DETACHED = 'a detached ArrayBuffer (it was transferred to another thread; pass the copy that thread returned)'
const INVALID_UTF8 = 'the HTML given to the engine is not valid UTF-8; pass a JavaScript string or UTF-8 bytes'

const PAGE =
  '<section id="app"><h1 class="title">Hello, wörld 🎉</h1>\n<ul><li id="a">one</li><li id="b">two &amp; three</li></ul>' +
  '<!-- note --><svg viewBox="0 0 1 1"><path d="M0 0"/></svg><table><tr><td>x</td></tr></table></section>'
const NEXT_PAGE =
  '<section id="app"><h1 class="title big">Hello, wörld 🎉</h1>\n<ul><li id="b">two &amp; three</li><li id="c">four</li></ul>' +
  '<!-- note --><svg viewBox="0 0 2 2"><path d="M1 1"/></svg><table><tr><td>y</td></tr></table></section>'

const bytesOf = (buffer: ArrayBuffer | ArrayBufferView) =>
  ArrayBuffer.isView(buffer)
    ? Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength)
    : Buffer.from(buffer)

/** `bytes` copied into a larger ArrayBuffer at `offset`, returned as a view over exactly them. */
function viewAt(bytes: Uint8Array, offset: number): Uint8Array {
  const backing = new Uint8Array(new ArrayBuffer(offset + bytes.byteLength + 5)).fill(0xee)
  backing.set(bytes, offset)
  return backing.subarray(offset, offset + bytes.byteLength)
}

function badArgument(what: string, expected: string, got: string) {
  return { instanceOf: TypeError, code: 'LIVELOOM_ERR_VDOM_BAD_ARGUMENT', message: `${what} must be ${expected}, got ${got}` }
}

// ---------------------------------------------------------------------------------------------
// The exported surface

test('exports exactly the documented functions', (t) => {
  t.deepEqual(Object.keys(native).sort(), [
    'BUILD_COMMAND', 'NATIVE_PATH_ENV', 'diff', 'dumpHtml', 'dumpSnapshot', 'nativeBinaryPath', 'opcodes', 'parse', 'parseNodes', 'toHtml', 'toJson',
  ])
  for (const fn of [parse, diff, dumpSnapshot, dumpHtml, toHtml, toJson, native.parseNodes, opcodes]) t.is(typeof fn, 'function');
  t.deepEqual([parse.name, diff.name, dumpSnapshot.name, dumpHtml.name, toHtml.name, toJson.name, native.parseNodes.name, opcodes.name], [
    'parse', 'diff', 'dumpSnapshot', 'dumpHtml', 'toHtml', 'toJson', 'parseNodes', 'opcodes',
  ])
  t.is(native.BUILD_COMMAND, 'npm run build:native')
  t.is(native.NATIVE_PATH_ENV, 'LIVELOOM_NATIVE_PATH')
  t.regex(basename(native.nativeBinaryPath), /^liveloom\.[a-z0-9]+-[a-z0-9_]+(-[a-z0-9]+)?\.node$/)
})

test('opcodes() equals the protocol module\'s Op table, as a fresh plain object each call', (t) => {
  // The drift check between native/vdom/src/ops.rs and src/protocol/ops.ts.
  const expected = { ...Op }
  const first = opcodes()
  t.deepEqual(first, expected)
  t.is(Object.getPrototypeOf(first), Object.prototype)
  first.SET_TEXT = 99
  t.deepEqual(opcodes(), expected)
})

// ---------------------------------------------------------------------------------------------
// Argument validation: every wrong type is a TypeError naming the function, argument and expectation

const NOT_HTML: Array<[unknown, string]> = [
  [undefined, 'undefined'],
  [null, 'null'],
  [42, 'a number'],
  [true, 'a boolean'],
  [Symbol('html'), 'a symbol'],
  [10n, 'a bigint'],
  [() => '<p>', 'a function'],
  [{ html: '<p>' }, 'an object'],
  [new String('<p>'), 'an object'],
  [['<p>'], 'an array'],
  [new ArrayBuffer(4), 'an ArrayBuffer'],
  [new Int8Array(4), 'an Int8Array'],
  [new Uint8ClampedArray(4), 'a Uint8ClampedArray'],
  [new Uint16Array(2), 'a Uint16Array'],
  [new Float64Array(1), 'a Float64Array'],
  [new BigInt64Array(1), 'a BigInt64Array'],
  [new DataView(new ArrayBuffer(4)), 'a DataView'],
  [new Uint8Array(new SharedArrayBuffer(4)), SHARED],
]

const NOT_SNAPSHOT: Array<[unknown, string]> = [
  [undefined, 'undefined'],
  [null, 'null'],
  [7, 'a number'],
  [false, 'a boolean'],
  ['<p>hi</p>', 'a string'],
  [Symbol('snapshot'), 'a symbol'],
  [1n, 'a bigint'],
  [() => 0, 'a function'],
  [{ byteLength: 4 }, 'an object'],
  [[1, 2, 3], 'an array'],
  // Node-API 8 cannot tell a SharedArrayBuffer from any other object.
  [new SharedArrayBuffer(8), 'an object'],
  [new Uint8Array(new SharedArrayBuffer(8)), SHARED],
  [new Float32Array(new SharedArrayBuffer(8)), SHARED],
  [new DataView(new SharedArrayBuffer(8)), SHARED],
]

test('parse rejects every non-HTML argument with a coded TypeError', (t) => {
  for (const [value, got] of NOT_HTML) {
    t.throws(() => parse(value as string), badArgument('parse(html): html', HTML_EXPECTED, got))
  }
  t.throws(() => (parse as () => ArrayBuffer)(), badArgument('parse(html): html', HTML_EXPECTED, 'undefined'))
})

test('diff rejects a bad snapshot argument before looking at the html', (t) => {
  for (const [value, got] of NOT_SNAPSHOT) {
    t.throws(() => diff(value as ArrayBuffer, 42 as unknown as string), badArgument('diff(snapshot, html): snapshot', SNAPSHOT_EXPECTED, got))
  }
})

test('diff rejects a bad html argument', (t) => {
  const snapshot = parse(PAGE)
  for (const [value, got] of NOT_HTML) {
    t.throws(() => diff(snapshot, value as string), badArgument('diff(snapshot, html): html', HTML_EXPECTED, got))
  }
})

test('dumpSnapshot, toHtml and toJson reject bad snapshot arguments', (t) => {
  for (const [name, fn] of [['dumpSnapshot', dumpSnapshot], ['toHtml', toHtml], ['toJson', toJson]] as const) {
    for (const [value, got] of NOT_SNAPSHOT) {
      t.throws(() => fn(value as ArrayBuffer), badArgument(`${name}(snapshot): snapshot`, SNAPSHOT_EXPECTED, got))
    }
  }
})

test('dumpHtml rejects bad html, options, options.context and options.scripting', (t) => {
  for (const [value, got] of NOT_HTML) {
    t.throws(() => dumpHtml(value as string), badArgument('dumpHtml(html, options): html', HTML_EXPECTED, got))
  }
  const options = 'dumpHtml(html, options): options'
  for (const [value, got] of [[5, 'a number'], ['div', 'a string'], [true, 'a boolean'], [['div'], 'an array']] as const) {
    t.throws(() => dumpHtml('<p>', value as never), badArgument(options, 'an object or undefined', got))
  }
  const context = 'a string such as "div" or "svg path", or undefined for a whole document'
  for (const [value, got] of [[1, 'a number'], [null, 'null'], [{}, 'an object'], [false, 'a boolean']] as const) {
    t.throws(() => dumpHtml('<p>', { context: value as never }), badArgument(`${options}.context`, context, got))
  }
  for (const [value, got] of [['yes', 'a string'], [1, 'a number'], [null, 'null']] as const) {
    t.throws(() => dumpHtml('<p>', { scripting: value as never }), badArgument(`${options}.scripting`, 'a boolean or undefined', got))
  }
})

test('an exception thrown by an options getter propagates unchanged', (t) => {
  const boom = new Error('getter failed')
  const options = {
    get context(): string {
      throw boom
    },
  }
  t.is(t.throws(() => dumpHtml('<p>', options)), boom)
})

test('dumpHtml reads its options before the html bytes, so a getter that detaches them is harmless', (t) => {
  const html = new TextEncoder().encode('<p>gone</p>')
  const options = {
    get context(): string {
      structuredClone(html.buffer, { transfer: [html.buffer] })
      return 'div'
    },
  }
  // The getter detached the bytes: the addon sees an empty Uint8Array, exactly as JavaScript does.
  t.is(dumpHtml(html, options), dumpHtml('', { context: 'div' }))
  t.is(html.byteLength, 0)
})

// ---------------------------------------------------------------------------------------------
// Accepted inputs

test('html as a string, Uint8Array, Buffer or Buffer slice gives identical snapshots', (t) => {
  const expected = bytesOf(parse(PAGE))
  t.true(expected.byteLength > 0)
  const utf8 = new TextEncoder().encode(PAGE)
  const padded = Buffer.from(`garbage before${PAGE}garbage after`)
  const slice = padded.subarray('garbage before'.length, padded.length - 'garbage after'.length)
  t.not(slice.byteOffset, 0)
  const pooled = Buffer.from(PAGE); // small Buffers share Node's pool; usually at a non-zero offset
  for (const html of [utf8, Buffer.from(utf8), slice, pooled, viewAt(utf8, 13)]) {
    t.deepEqual(bytesOf(parse(html)), expected)
  }
})

test('empty html is accepted in every form', (t) => {
  const expected = bytesOf(parse(''))
  for (const html of [new Uint8Array(0), Buffer.alloc(0), new Uint8Array(new ArrayBuffer(8), 8, 0)]) {
    t.deepEqual(bytesOf(parse(html)), expected)
  }
})

test('strings of every script read exactly like their UTF-8 bytes', (t) => {
  const samples = [
    'plain ascii <b>bold</b>',
    'Latin-1: café, naïve, ÿ',
    '中文字符和日本語のテキスト',
    'emoji 🎉👩‍👩‍👧 and math 𝔸𝔹',
    `${'x'.repeat(5000)}é${'y'.repeat(5000)}🎉`,
    '🎉'.repeat(3000), // every unit is half of a 4-byte character
    '中'.repeat(3000), // every unit becomes 3 bytes, the worst case
    'lone \ud800 high, lone \udfff low, reversed \udc00\ud800 pair',
  ]
  for (const html of samples) {
    // Buffer.from encodes lone surrogates as U+FFFD, as Node-API does.
    t.deepEqual(bytesOf(parse(html)), bytesOf(parse(Buffer.from(html))), html.slice(0, 40))
  }
})

test('a lone surrogate in a string becomes U+FFFD, as in a browser', (t) => {
  t.deepEqual(bytesOf(parse('<p>\ud800</p>')), bytesOf(parse('<p>\ufffd</p>')))
  t.is(toHtml(parse('a\udc00b')), 'a\ufffdb')
})

test('snapshots are accepted as ArrayBuffer, Uint8Array, Buffer slices, other typed arrays and DataView', (t) => {
  const snapshot = parse(PAGE)
  const expected = diff(snapshot, NEXT_PAGE)
  const bytes = new Uint8Array(snapshot)
  const inPool = Buffer.concat([Buffer.from('xx'), bytes]).subarray(2)
  t.not(inPool.byteOffset, 0)
  const inputs: ArrayBufferView[] = [
    bytes,
    viewAt(bytes, 3),
    Buffer.from(bytes),
    inPool,
    new Int8Array(viewAt(bytes, 5).buffer, 5, bytes.byteLength),
    new DataView(viewAt(bytes, 9).buffer, 9, bytes.byteLength),
  ]
  if (bytes.byteLength % 4 === 0) inputs.push(new Uint32Array(viewAt(bytes, 8).buffer, 8, bytes.byteLength / 4))
  for (const input of inputs) {
    const result = diff(input, NEXT_PAGE)
    t.is(result.ops, expected.ops)
    t.is(result.count, expected.count)
    t.deepEqual(bytesOf(result.snapshot), bytesOf(expected.snapshot))
    t.is(dumpSnapshot(input), dumpSnapshot(snapshot))
    t.is(toHtml(input), toHtml(snapshot))
    t.is(toJson(input), toJson(snapshot))
  }
})

test('diff returns { ops, count, snapshot } with a fresh snapshot equal to parsing the new html', (t) => {
  const old = parse(PAGE)
  const before = bytesOf(old)
  const result = diff(old, NEXT_PAGE)
  t.deepEqual(Object.keys(result), ['ops', 'count', 'snapshot'])
  t.is(typeof result.ops, 'string')
  t.is(JSON.parse(result.ops).length, result.count)
  t.true(result.count > 0)
  t.true(result.snapshot instanceof ArrayBuffer)
  t.deepEqual(bytesOf(result.snapshot), bytesOf(parse(NEXT_PAGE)))
  t.deepEqual(bytesOf(old), before); // the old snapshot is not touched
  const same = diff(result.snapshot, NEXT_PAGE)
  t.is(same.ops, '[]')
  t.is(same.count, 0)
})

test('every call returns a new ArrayBuffer that owns its bytes', (t) => {
  const first = parse(PAGE)
  const second = parse(PAGE)
  t.not(first, second)
  new Uint8Array(first).fill(0)
  t.deepEqual(bytesOf(second), bytesOf(parse(PAGE)))
})

test('results come back intact: ops, HTML and JSON with non-ASCII text', (t) => {
  const result = diff(parse('<p>é</p>'), '<p>🎉</p>')
  t.is(result.ops, '[[0,[0,0],"🎉"]]')
  t.is(result.count, 1)
  const snapshot = parse('<p class=x>é<br></p><!--c-->')
  t.is(toHtml(snapshot), '<p class="x">é<br></p><!--c-->')
  t.is(toJson(snapshot), '[["p",["class","x"],["é",["br"]]],["!","c"]]')
  t.is(dumpSnapshot(snapshot), '| <p>\n|   class="x"\n|   "é"\n|   <br>\n| <!-- c -->\n')
})

test('dumpHtml passes context and scripting through, defaulting to a whole document with scripting on', (t) => {
  const html = '<p>x<noscript><b>y</b></noscript>'
  const scripted = '| <html>\n|   <head>\n|   <body>\n|     <p>\n|       "x"\n|       <noscript>\n|         "<b>y</b>"\n'
  t.is(dumpHtml(html), scripted)
  for (const options of [undefined, null, {}, { context: undefined, scripting: undefined }, { scripting: true }]) {
    t.is(dumpHtml(html, options as never), scripted)
  }
  const unscripted = '| <p>\n|   "x"\n|   <noscript>\n|     <b>\n|       "y"\n'
  t.is(dumpHtml(html, { context: 'div', scripting: false }), unscripted)
  t.is(dumpHtml(new TextEncoder().encode(html), { context: 'div', scripting: false }), unscripted)
  t.is(dumpHtml('<rect/>', { context: 'svg g' }), '| <svg rect>\n')
  t.throws(() => dumpHtml('x', { context: '' }), {
    instanceOf: Error,
    code: 'LIVELOOM_ERR_VDOM_BAD_CONTEXT',
    message: 'cannot parse a fragment in the context of <>; use a container element such as div or body',
  })
})

// ---------------------------------------------------------------------------------------------
// Coded errors for bad bytes and bad snapshots (never a crash)

const INVALID_UTF8_INPUTS = [
  [0xff],
  [0x3c, 0x70, 0x3e, 0xc3], // truncated 2-byte sequence
  [0xe2, 0x82], // truncated 3-byte sequence
  [0xc0, 0xaf], // overlong encoding
  [0xed, 0xa0, 0x80], // UTF-16 surrogate encoded as UTF-8
  [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
]

test('html bytes that are not UTF-8 throw LIVELOOM_ERR_VDOM_INVALID_UTF8', (t) => {
  const snapshot = parse(PAGE)
  const invalid = { instanceOf: Error, code: 'LIVELOOM_ERR_VDOM_INVALID_UTF8', message: INVALID_UTF8 }
  for (const bytes of INVALID_UTF8_INPUTS) {
    const html = Uint8Array.from(bytes)
    t.false(t.throws(() => parse(html), invalid) instanceof TypeError)
    t.throws(() => diff(snapshot, html), invalid)
    t.throws(() => dumpHtml(html), invalid)
    t.throws(() => parse(viewAt(html, 3)), invalid)
  }
})

function isBadSnapshot(error: unknown): boolean {
  const { code, message } = error as { code?: string; message?: string }
  return code === 'LIVELOOM_ERR_VDOM_BAD_SNAPSHOT' && /^the VDOM snapshot cannot be read \(.+\); it was corrupted or made by another engine version: re-render the view from scratch$/.test(message ?? '')
}

const READERS: Array<[string, (snapshot: Uint8Array) => unknown]> = [
  ['diff', (snapshot) => diff(snapshot, NEXT_PAGE)],
  ['dumpSnapshot', dumpSnapshot],
  ['toHtml', toHtml],
  ['toJson', toJson],
]

test('obviously corrupted snapshots throw LIVELOOM_ERR_VDOM_BAD_SNAPSHOT', (t) => {
  const real = new Uint8Array(parse(PAGE))
  const corrupt = [
    new Uint8Array(0),
    new TextEncoder().encode('<p>this is html, not a snapshot</p>'),
    real.subarray(0, 3),
    Uint8Array.from(real, (byte, i) => (i < 4 ? byte ^ 0xff : byte)), // wrong magic
  ]
  for (const snapshot of corrupt) {
    for (const [name, read] of READERS) {
      const error = t.throws(() => read(snapshot), { instanceOf: Error, code: 'LIVELOOM_ERR_VDOM_BAD_SNAPSHOT' }, name)
      t.true(isBadSnapshot(error), `${name}: ${error?.message}`)
    }
  }
})

test('every truncation or byte flip of a snapshot either reads or throws BAD_SNAPSHOT, never anything else', (t) => {
  const real = new Uint8Array(parse(PAGE))
  const outcomes = { ok: 0, bad: 0 }
  const check = (snapshot: Uint8Array, label: string) => {
    for (const [name, read] of READERS) {
      try {
        read(snapshot)
        outcomes.ok++
      } catch (error) {
        if (!isBadSnapshot(error)) t.fail(`${name} on ${label}: ${(error as Error).stack}`)
        outcomes.bad++
      }
    }
  }
  for (let length = 0; length < real.byteLength; length++) check(real.slice(0, length), `the first ${length} bytes`);
  for (let i = 0; i < real.byteLength; i++) {
    for (const mask of [0x01, 0x80, 0xff]) {
      const flipped = real.slice()
      flipped[i] ^= mask
      check(flipped, `byte ${i} ^ ${mask}`)
    }
  }
  t.true(outcomes.bad >= 4 * 5, `only ${outcomes.bad} corrupted inputs were refused`)
  t.is(outcomes.ok + outcomes.bad, READERS.length * real.byteLength * 4)
})

test('a snapshot transferred away (detached) is refused with a TypeError that says so', (t) => {
  const snapshot = parse(PAGE)
  const view = new Uint8Array(snapshot)
  structuredClone(snapshot, { transfer: [snapshot] })
  t.is(snapshot.byteLength, 0)
  t.throws(() => diff(snapshot, PAGE), badArgument('diff(snapshot, html): snapshot', SNAPSHOT_EXPECTED, DETACHED))
  t.throws(() => dumpSnapshot(view), badArgument('dumpSnapshot(snapshot): snapshot', SNAPSHOT_EXPECTED, DETACHED))
})

// ---------------------------------------------------------------------------------------------
// The loader

const execFileAsync = promisify(execFile)
const loaderUrl = pathToFileURL(fileURLToPath(new URL('../native/index.js', import.meta.url))).href

/** Imports the loader in a fresh `node` with `env` added and reports what happened. */
async function importInChild(env: Record<string, string>, cwd?: string) {
  const script = `import(${JSON.stringify(loaderUrl)}).then(
    (m) => console.log(JSON.stringify({ loaded: m.nativeBinaryPath, insert: m.opcodes().INSERT })),
    (e) => console.log(JSON.stringify({ code: e.code, message: e.message, cause: e.cause?.message })))`
  const { stdout } = await execFileAsync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    cwd,
  })
  return JSON.parse(stdout) as { loaded?: string; insert?: number; code?: string; message?: string; cause?: string }
}

test('a missing binary throws LIVELOOM_ERR_NATIVE_MISSING naming the path and the build command', async (t) => {
  const parent = mkdtempSync(join(tmpdir(), 'liveloom-native-'))
  t.teardown(() => rmSync(parent, { recursive: true, force: true }))
  const directory = join(parent, 'does-not-exist')
  const result = await importInChild({ LIVELOOM_NATIVE_PATH: directory })
  const file = join(directory, basename(native.nativeBinaryPath))
  t.deepEqual(result, {
    code: 'LIVELOOM_ERR_NATIVE_MISSING',
    message:
      `liveloom's native addon is not built: no file at ${file} (the directory comes from LIVELOOM_NATIVE_PATH=${directory}). ` +
      'Build it by running `npm run build:native` in the liveloom package; it needs a Rust toolchain ' +
      '(cargo, from https://rustup.rs). This is a setup problem, not a bug in your app.',
  })
})

test('a binary that cannot be loaded throws LIVELOOM_ERR_NATIVE_LOAD with the cause', async (t) => {
  const directory = mkdtempSync(join(tmpdir(), 'liveloom-native-'))
  t.teardown(() => rmSync(directory, { recursive: true, force: true }))
  const file = join(directory, basename(native.nativeBinaryPath))
  writeFileSync(file, 'not a shared object')
  const result = await importInChild({ LIVELOOM_NATIVE_PATH: directory })
  t.is(result.code, 'LIVELOOM_ERR_NATIVE_LOAD')
  t.is(
    result.message,
    `liveloom's native addon at ${file} exists but could not be loaded (${result.cause}). ` +
      'It may have been built for another platform or Node version: rebuild it with `npm run build:native`.',
  )
  t.truthy(result.cause)
})

test('LIVELOOM_NATIVE_PATH may be relative to the working directory', async (t) => {
  const cwd = dirname(dirname(native.nativeBinaryPath))
  const result = await importInChild({ LIVELOOM_NATIVE_PATH: relative(cwd, dirname(native.nativeBinaryPath)) }, cwd)
  t.deepEqual(result, { loaded: native.nativeBinaryPath, insert: 4 })
})

test('parseNodes keeps the children of lv-stream and lv-update containers that snapshots leave out', (t) => {
  const html = '<ul lv-stream="m"><li id="a">A</li></ul><div lv-update="ignore"><b>x</b></div><p>t</p>'
  t.is(native.parseNodes(html), '[["ul",["lv-stream","m"],[["li",["id","a"],["A"]]]],["div",["lv-update","ignore"],[["b",[],["x"]]]],["p",[],["t"]]]')
  t.is(toJson(parse(html)), '[["ul",["lv-stream","m"]],["div",["lv-update","ignore"]],["p",[],["t"]]]')
  t.throws(() => native.parseNodes(5 as never), { code: 'LIVELOOM_ERR_VDOM_BAD_ARGUMENT' } as never)
})
