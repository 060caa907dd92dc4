/**
 * Write tracking (issue 8, docs/incremental.md): while a handler runs, the view's state fields
 * hand out proxies that record the path of every write (`items.6.price`), so the render after it
 * can reuse what did not change. Measured against comparing state before and after
 * (`npm run bench:changes`): no slower than today's path, and the paths are exact.
 *
 * Why the view itself is not a proxy: methods reading `#private` fields and the task record's
 * WeakMap need the real `this`. Each state field becomes an accessor on the view instead, and
 * only the values inside are proxied. `stop()` puts plain data properties back, so rendering and
 * encoding see plain values (and pay no proxy cost).
 *
 * Conservative where it cannot see writes: a `Map`, `Set`, `Date`, typed array or any other
 * object with methods that mutate it is marked written as soon as it is reached; a field the
 * handler adds or deletes is written. Over-marking costs a re-render, never correctness.
 */

/** Every tracking proxy's target, so the `structuredClone` shim below can clone the real object. */
const targets = new WeakMap<object, object>()
let shimmed = false

/**
 * `structuredClone(this.items)` in a handler would throw on a proxy (DataCloneError). The shim
 * clones a tracking proxy's target instead; any other value goes to the original unchanged. It
 * is installed once, in the thread that tracks (workers, or a test process using
 * `liveloom/testing`). A proxy nested inside a new object (`structuredClone({ a: this.items })`)
 * still throws: copy the parts with a spread instead.
 */
function shimStructuredClone(): void {
  if (shimmed) return
  shimmed = true
  const original = globalThis.structuredClone
  globalThis.structuredClone = function structuredClone<T>(value: T, options?: StructuredSerializeOptions): T {
    const target = typeof value === 'object' && value !== null ? targets.get(value) : undefined
    return original(target === undefined ? value : (target as T), options)
  }
}

/** A running write tracker. */
export interface WriteTracker {
  /** Stops tracking: the fields are plain data again. Returns the written paths (dot-joined keys). */
  stop(): Set<string>
}

/** Starts tracking writes to `view`'s own enumerable fields. Call `stop()` before reading the state as data. */
export function trackWrites(view: object): WriteTracker {
  shimStructuredClone()
  const target = view as Record<string, unknown>
  const written = new Set<string>()
  const raw = new Map<string, unknown>()
  const toProxy = new WeakMap<object, object>()
  const toRaw = new WeakMap<object, object>()

  const unwrap = (value: unknown): unknown => plain(value, toRaw, new Set())
  const wrap = (value: unknown, path: string): unknown => {
    if (typeof value !== 'object' || value === null) return value
    const known = toProxy.get(value)
    if (known) return known
    if (!isPlainContainer(value)) {
      // Its methods may change it where no trap sees: count it as written.
      written.add(path)
      return value
    }
    const proxy = new Proxy(value, {
      get: (obj, key) => {
        const child = Reflect.get(obj, key, obj)
        return typeof key === 'string' ? wrap(child, `${path}.${key}`) : child
      },
      set: (obj, key, child) => {
        written.add(typeof key === 'string' ? `${path}.${key}` : path)
        return Reflect.set(obj, key, unwrap(child), obj)
      },
      deleteProperty: (obj, key) => {
        written.add(typeof key === 'string' ? `${path}.${key}` : path)
        return Reflect.deleteProperty(obj, key)
      },
      defineProperty: (obj, key, descriptor) => {
        written.add(typeof key === 'string' ? `${path}.${key}` : path)
        return Reflect.defineProperty(obj, key, 'value' in descriptor ? { ...descriptor, value: unwrap(descriptor.value) } : descriptor)
      },
      setPrototypeOf: (obj, prototype) => {
        written.add(path)
        return Reflect.setPrototypeOf(obj, prototype)
      },
    })
    toProxy.set(value, proxy)
    toRaw.set(proxy, value)
    targets.set(proxy, value)
    return proxy
  }

  const fields = Object.keys(target)
  for (const key of fields) {
    raw.set(key, target[key])
    Object.defineProperty(target, key, {
      get: () => wrap(raw.get(key), key),
      set: (value: unknown) => {
        written.add(key)
        raw.set(key, unwrap(value))
      },
      enumerable: true,
      configurable: true,
    })
  }

  return {
    stop() {
      const now = new Set(Object.keys(target))
      for (const key of fields) {
        const descriptor = Object.getOwnPropertyDescriptor(target, key)
        // Deleted, or redefined by the handler: written either way.
        if (!descriptor || !descriptor.get) {
          written.add(key)
          if (descriptor && 'value' in descriptor) target[key] = unwrap(descriptor.value)
          continue
        }
        Object.defineProperty(target, key, { value: raw.get(key), writable: true, enumerable: true, configurable: true })
      }
      for (const key of now) {
        if (raw.has(key)) continue
        // Added by the handler (possibly holding proxies it read).
        written.add(key)
        target[key] = unwrap(target[key])
      }
      return written
    },
  }
}

/** Arrays and plain objects: what the proxies trap completely. */
function isPlainContainer(value: object): boolean {
  if (Array.isArray(value)) return true
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * `value` with every tracking proxy in it replaced by its target, in place (the handler's own new
 * objects may hold proxies it read: `this.picked = { item: this.items[3] }`).
 */
function plain(value: unknown, toRaw: WeakMap<object, object>, seen: Set<object>): unknown {
  if (typeof value !== 'object' || value === null) return value
  const target = toRaw.get(value)
  // A proxy's target never holds proxies: every write through a proxy stores plain values.
  if (target) return target
  if (seen.has(value)) return value
  seen.add(value)
  if (value instanceof Map) {
    const entries = [...value].map(([key, entry]) => [plain(key, toRaw, seen), plain(entry, toRaw, seen)] as const)
    // Rebuilt in order: deleting and re-adding one entry would move it to the end.
    value.clear()
    for (const [key, entry] of entries) value.set(key, entry)
  } else if (value instanceof Set) {
    const entries = [...value].map((entry) => plain(entry, toRaw, seen))
    value.clear()
    for (const entry of entries) value.add(entry)
  } else if (isPlainContainer(value)) {
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      const entry = record[key]
      const plainEntry = plain(entry, toRaw, seen)
      if (plainEntry !== entry) record[key] = plainEntry
    }
  }
  return value
}
