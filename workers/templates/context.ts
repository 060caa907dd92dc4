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

/** A mustache.js `Context` that resolves dotted names as the mustache spec does. */
export class LiveContext extends Mustache.Context {
  // Set by mustache.js's constructor: lookups already made in this context, seeded with '.'.
  declare cache: Record<string, unknown>

  /** A child context rendering `view`, e.g. for a section. */
  override push(view: unknown): LiveContext {
    return new LiveContext(view, this)
  }

  /** The value of `name` (`a`, `a.b.c` or `.`) in this context stack. */
  override lookup(name: string): unknown {
    const { cache } = this
    let value: unknown
    if (Object.prototype.hasOwnProperty.call(cache, name)) {
      value = cache[name]
    } else {
      value = resolve(this, name)
      cache[name] = value
    }
    return typeof value === 'function' ? (value as () => unknown).call(this.view) : value
  }
}

function resolve(context: Mustache.Context, name: string): unknown {
  const dot = name.indexOf('.')
  const first = dot > 0 ? name.slice(0, dot) : name
  let value: unknown
  for (let c: Mustache.Context | undefined = context; ; c = c.parent) {
    if (c === undefined) return undefined
    // A context's cache holds what resolving from that context gave, found or not: no need to go on.
    const { cache } = c as LiveContext
    if (Object.prototype.hasOwnProperty.call(cache, first)) {
      value = cache[first]
      break
    }
    if (hasProperty(c.view, first)) {
      value = (c.view as Record<string, unknown>)[first]
      // Remembered where it was found, so a getter of an outer view runs once, not once per loop item.
      cache[first] = value
      break
    }
  }
  if (dot > 0) {
    for (const key of name.slice(dot + 1).split('.')) {
      // Primitives count, as in mustache.js: {{name.length}} is a string's length.
      value = value == null ? undefined : (value as Record<string, unknown>)[key]
    }
  }
  return value
}

// mustache.js's hasProperty: `in`, so inherited properties and getters count without running them.
function hasProperty(view: unknown, name: string): boolean {
  return view !== null && typeof view === 'object' && name in view
}
