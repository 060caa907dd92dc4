/**
 * A view's state: its own enumerable fields. Kept as bytes (V8's structured-clone format) between
 * tasks, so the gateway can hold and move it without ever decoding it.
 */

import { deserialize, serialize } from 'node:v8'
import { LiveloomError } from '../errors.js'

/** The state object of a view: its own enumerable string-keyed fields. */
export function collectState(view: object): Record<string, unknown> {
  const state: Record<string, unknown> = {}
  for (const key of Object.keys(view)) state[key] = (view as Record<string, unknown>)[key]
  return state
}

// Prototypes whose instances structured clone keeps faithfully. Anything else with a prototype of
// its own (a class instance) would come back as a plain object without its methods.
const CLONEABLE_PROTOTYPES = new Set<object | null>([
  null,
  Object.prototype,
  Array.prototype,
  Date.prototype,
  RegExp.prototype,
  Map.prototype,
  Set.prototype,
  ArrayBuffer.prototype,
  DataView.prototype,
  Boolean.prototype,
  Number.prototype,
  String.prototype,
  Error.prototype,
  EvalError.prototype,
  RangeError.prototype,
  ReferenceError.prototype,
  SyntaxError.prototype,
  TypeError.prototype,
  URIError.prototype,
  ...[Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array].map(
    (ctor) => ctor.prototype,
  ),
])

/**
 * Checks that every field of `state` survives structured clone unchanged; throws
 * `LIVELOOM_ERR_STATE_NOT_CLONEABLE` naming the first offending field path (`items[2].owner`).
 * Walks iteratively, so deep state cannot overflow the stack, and visits shared objects once.
 */
export function assertCloneable(state: Record<string, unknown>, viewName: string): void {
  const seen = new Set<object>()
  // A stack pops last-in first, so children go on in reverse: the walk then meets fields in
  // order and names the first offender, not the last.
  const stack: Array<[unknown, string]> = Object.keys(state).reverse().map((key) => [state[key], key])
  while (stack.length > 0) {
    const [value, path] = stack.pop()!
    const kind = typeof value
    if (kind === 'function' || kind === 'symbol') fail(viewName, path, `a ${kind}`)
    if (kind !== 'object' || value === null) continue
    const object = value as object
    if (seen.has(object)) continue
    seen.add(object)
    const proto = Object.getPrototypeOf(object)
    if (!CLONEABLE_PROTOTYPES.has(proto)) {
      const name = typeof proto?.constructor === 'function' ? proto.constructor.name || 'anonymous class' : 'object'
      fail(viewName, path, `an instance of ${name}`)
    }
    const children: Array<[unknown, string]> = []
    if (object instanceof Map) {
      let i = 0
      for (const [k, v] of object) {
        children.push([k, `${path}.<key ${i}>`], [v, `${path}.get(${describeKey(k)})`])
        i++
      }
    } else if (object instanceof Set) {
      let i = 0
      for (const v of object) children.push([v, `${path}.<entry ${i++}>`])
    } else if (Array.isArray(object)) {
      for (let i = 0; i < object.length; i++) children.push([object[i], `${path}[${i}]`])
    } else if (proto === Object.prototype || proto === null) {
      for (const key of Object.keys(object)) children.push([(object as Record<string, unknown>)[key], `${path}.${key}`])
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!)
  }
}

function describeKey(key: unknown): string {
  return typeof key === 'string' ? JSON.stringify(key) : typeof key === 'object' && key !== null ? 'object' : String(key)
}

function fail(viewName: string, path: string, what: string): never {
  throw new LiveloomError(
    'LIVELOOM_ERR_STATE_NOT_CLONEABLE',
    `${viewName}.${path} holds ${what}, which cannot be kept as session state (state must survive structuredClone: plain objects, arrays, primitives, Date, Map, Set, typed arrays). Keep handles such as sockets or database clients outside the view, in a module, and keep only data in fields.`,
    { details: { view: viewName, field: path } },
  )
}

/** The state as bytes in an `ArrayBuffer` of its own (so it can be transferred). */
export function encodeState(state: Record<string, unknown>): ArrayBuffer {
  const bytes = serialize(state)
  return ownedArrayBuffer(bytes)
}

/** The state object from its bytes. */
export function decodeState(bytes: ArrayBuffer): Record<string, unknown> {
  return deserialize(new Uint8Array(bytes)) as Record<string, unknown>
}

/** An `ArrayBuffer` holding exactly `bytes`, copied only when `bytes` shares a larger buffer. */
export function ownedArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer
  }
  // Not bytes.slice(): on a Buffer (v8.serialize returns one) slice is a view of the same memory.
  return new Uint8Array(bytes).buffer
}

/** Fields written since a {@link fieldSnapshot}: new values as state bytes, and deleted names. */
export interface FieldChanges {
  /** `encodeState` bytes of an object holding the written fields. */
  values: ArrayBuffer
  deleted: string[]
}

/** Each own field's bytes, to tell later which fields were written. */
export function fieldSnapshot(view: object): Map<string, Buffer> {
  const out = new Map<string, Buffer>()
  for (const [key, value] of Object.entries(collectState(view))) {
    try {
      out.set(key, serialize(value))
    } catch {
      // Not data: it cannot be compared, so any value it has at the end counts as written.
    }
  }
  return out
}

/**
 * The fields of `view` that differ from `baseline` (by their bytes), checked to be cloneable.
 * Throws `LIVELOOM_ERR_STATE_NOT_CLONEABLE` naming a written field that is not data.
 */
export function fieldChanges(view: object, baseline: Map<string, Buffer>): FieldChanges {
  const now = collectState(view)
  const written: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(now)) {
    const before = baseline.get(key)
    let bytes: Buffer | undefined
    try {
      bytes = serialize(value)
    } catch {
      bytes = undefined
    }
    if (!before || !bytes || !before.equals(bytes)) written[key] = value
  }
  assertCloneable(written, view.constructor.name || 'View')
  return { values: encodeState(written), deleted: [...baseline.keys()].filter((key) => !(key in now)) }
}
