/**
 * The rendering context: mustache.js's context stack with the spec's rule for dotted names.
 * mustache.js resolves `{{a.b}}` by trying the whole path in each context from the innermost out,
 * so when the innermost `a` has no `b` it falls back to an outer `a.b`. The spec resolves only
 * the first name through the stack and the rest inside what it found ("Dotted Names - Context
 * Precedence"). Otherwise it is mustache.js's behaviour, with one saving: a value is remembered in
 * the context it was found in as well as in the one that asked, so a getter of the top-level view
 * runs once per render even when a loop reads it for every item. A function value is called with
 * the current view as `this`, as in mustache.js.
 */

import Mustache from 'mustache'
import { childPath, type Recorder } from './render-record.js'

/** A mustache.js `Context` that resolves dotted names as the mustache spec does. */
export class LiveContext extends Mustache.Context {
  // Set by mustache.js's constructor: lookups already made in this context, seeded with '.'.
  declare cache: Record<string, unknown>
  declare parent: LiveContext | undefined
  /**
   * While a render records (render-record.ts): the state path of this context's view ('' for
   * the root; undefined when it is not state), and where reads go.
   */
  path: string | undefined = ''
  recorder: Recorder | undefined
  // The reads of each cached lookup, recorded again on every cache hit.
  readsOf: Record<string, Array<string | undefined>> | undefined

  /** A child context rendering `view`, e.g. for a section; `path` is its state path when recording. */
  override push(view: unknown, path?: string): LiveContext {
    const child = new LiveContext(view, this)
    child.recorder = this.recorder
    child.path = path
    return child
  }

  /** The value of `name` (`a`, `a.b.c` or `.`) in this context stack. */
  override lookup(name: string): unknown {
    const { cache, recorder } = this
    let value: unknown
    if (Object.prototype.hasOwnProperty.call(cache, name)) {
      value = cache[name]
      // Without reads of its own, the entry is '.' or a first key resolve() found in this very
      // context's view (for a dotted name asked here).
      if (recorder) for (const path of this.readsOf?.[name] ?? [name === '.' ? this.path : foundPath(this, name)]) recorder.read(path)
    } else {
      const reads = recorder ? [] : undefined
      value = resolve(this, name, reads)
      cache[name] = value
      if (recorder) {
        ;(this.readsOf ??= Object.create(null) as Record<string, Array<string | undefined>>)[name] = reads!
        for (const path of reads!) recorder.read(path)
      }
    }
    if (typeof value !== 'function') return value
    // A lambda's output depends on anything: never reused.
    recorder?.read(undefined)
    return (value as () => unknown).call(this.view)
  }
}

/**
 * Resolves `name` from `context` outward. With `reads`, also lists the state paths the result
 * depends on: the name's absence from each context passed, and where it was found (undefined
 * for what is not state: a context without a path, or a root name that is no state field).
 */
function resolve(context: LiveContext, name: string, reads?: Array<string | undefined>): unknown {
  const dot = name.indexOf('.')
  const first = dot > 0 ? name.slice(0, dot) : name
  let value: unknown
  let found = false
  // While recording: the state path `first` resolved to.
  let firstPath: string | undefined
  for (let c: LiveContext | undefined = context; c !== undefined; c = c.parent) {
    // A context's cache holds what resolving from that context gave, found or not: no need to go on.
    const { cache } = c
    if (Object.prototype.hasOwnProperty.call(cache, first)) {
      value = cache[first]
      found = true
      if (reads) {
        // What resolving `first` from there read (its value may come from further out).
        const via = c.readsOf?.[first] ?? [foundPath(c, first)]
        reads.push(...via.slice(0, -1))
        firstPath = via[via.length - 1]
      }
      break
    }
    if (hasProperty(c.view, first)) {
      value = (c.view as Record<string, unknown>)[first]
      // Remembered where it was found, so a getter of an outer view runs once, not once per loop item.
      cache[first] = value
      found = true
      if (reads) {
        firstPath = foundPath(c, first)
        // With what that context's own lookup of it reads, for later walks and cache hits.
        if (c !== context) (c.readsOf ??= Object.create(null) as Record<string, Array<string | undefined>>)[first] = [firstPath]
      }
      break
    }
    reads?.push(c.path === undefined ? undefined : childPath(c.path, first))
  }
  // Absent everywhere: the reads are its absences (the root's is that of a state field: a new
  // field is a write).
  if (!found) return undefined
  if (reads) reads.push(firstPath === undefined || dot < 0 ? firstPath : childPath(firstPath, name.slice(dot + 1)))
  if (dot > 0) {
    for (const key of name.slice(dot + 1).split('.')) {
      // Primitives count, as in mustache.js: {{name.length}} is a string's length.
      value = value == null ? undefined : (value as Record<string, unknown>)[key]
    }
  }
  return value
}

/** The state path of `first` found in `context`'s own view; undefined when that is not state. */
function foundPath(context: LiveContext, first: string): string | undefined {
  if (context.path === undefined) return undefined
  // At the root, only state fields are state: computed getters and what liveloom adds are not.
  if (context.parent === undefined && !context.recorder!.fields.has(first)) return undefined
  return childPath(context.path, first)
}

// mustache.js's hasProperty: `in`, so inherited properties and getters count without running them.
function hasProperty(view: unknown, name: string): boolean {
  return view !== null && typeof view === 'object' && name in view
}
