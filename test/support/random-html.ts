/**
 * Random HTML for property tests: a seeded generator of template-like markup (nested elements,
 * keyed and unkeyed children, whitespace, entities, comments, tables, lists, selects, SVG) and of
 * edits to it (reorder, insert, delete, retext, re-attribute). Deterministic per seed so a failure
 * names a reproducible case.
 */

/** xorshift32: tiny, seedable, good enough for test data. */
export class Rng {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9
  }
  /** A float in [0, 1). */
  next(): number {
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    return this.state / 2 ** 32
  }
  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.next() * n)
  }
  /** One element of `list`. */
  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)]
  }
  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }
}

/** A node of the generator's model. */
export type Gen =
  | { t: 'text'; s: string }
  | { t: 'comment'; s: string }
  | { t: 'el'; name: string; attrs: [string, string][]; kids: Gen[] }

const TEXTS = ['', ' ', '\n  ', 'a', 'Hello', 'x &amp; y', '&lt;b&gt;', 'caf&eacute;', '5 &gt; 3', '\t', 'é€😀', 'a  b']
const ATTR_VALUES = ['', 'x', 'a b', 'q&quot;q', '1', 'on']

/** Container tags and the children they accept, so most output is sane template markup. */
const FLOW = ['div', 'span', 'p', 'b', 'i', 'em', 'section', 'ul', 'ol', 'table', 'select', 'button', 'label', 'a', 'svg', 'pre', 'h2']
const CHILDREN: Record<string, string[]> = {
  ul: ['li'],
  ol: ['li'],
  table: ['tr', 'tbody'],
  tbody: ['tr'],
  tr: ['td', 'th'],
  select: ['option'],
  svg: ['circle', 'g', 'path'],
  g: ['circle', 'path'],
}
const VOID = new Set(['br', 'img', 'input', 'hr'])

/** Generates a random forest of `size` top-level nodes. */
export function randomForest(rng: Rng, size: number, keys = { next: 0 }): Gen[] {
  return Array.from({ length: size }, () => randomNode(rng, 'div', 0, keys))
}

function randomNode(rng: Rng, parent: string, depth: number, keys: { next: number }): Gen {
  const allowed = CHILDREN[parent]
  const textOk = !allowed || parent === 'select'
  const r = rng.next()
  if (textOk && r < 0.3) return { t: 'text', s: rng.pick(TEXTS) || 'z' }
  if (r < 0.36) return { t: 'comment', s: rng.pick(['', 'c', ' note ', 'a-b']) }
  const name = allowed ? rng.pick(allowed) : rng.chance(0.1) ? rng.pick([...VOID]) : rng.pick(FLOW)
  const attrs: [string, string][] = []
  if (rng.chance(0.5)) {
    const keyAttr = rng.pick(['id', 'data-key', 'lv-key'])
    const key = rng.chance(0.08) ? 'dup' : `k${++keys.next}`
    attrs.push([keyAttr, key])
  }
  if (rng.chance(0.4)) attrs.push(['class', rng.pick(ATTR_VALUES)])
  if (rng.chance(0.2)) attrs.push(['data-n', String(rng.below(100))])
  const kids: Gen[] = []
  if (!VOID.has(name) && depth < 4) {
    const n = rng.below(name === 'option' ? 2 : 5)
    for (let i = 0; i < n; i++) {
      if (name === 'option') kids.push({ t: 'text', s: rng.pick(TEXTS) || 'o' })
      else kids.push(randomNode(rng, name, depth + 1, keys))
    }
  }
  return { t: 'el', name, attrs, kids }
}

/** A copy of `forest` with random edits at every level. */
export function mutate(rng: Rng, forest: Gen[], keys = { next: 1000 }, parent = 'div', depth = 0): Gen[] {
  const out = forest.map((n) => structuredClone(n))
  const edits = rng.below(4)
  for (let e = 0; e < edits; e++) {
    const k = rng.below(6)
    if (k === 0 && out.length) out.splice(rng.below(out.length), 1)
    else if (k === 1) out.splice(rng.below(out.length + 1), 0, randomNode(rng, parent, depth, keys))
    else if (k === 2 && out.length > 1) {
      const [a, b] = [rng.below(out.length), rng.below(out.length)]
      ;[out[a], out[b]] = [out[b], out[a]]
    } else if (k === 3) out.reverse()
  }
  for (const n of out) {
    if (n.t !== 'el') {
      if (rng.chance(0.15)) n.s = rng.pick(TEXTS) || 'w'
      continue
    }
    if (rng.chance(0.1)) n.attrs.push(['title', rng.pick(ATTR_VALUES)])
    if (rng.chance(0.1) && n.attrs.length) n.attrs.splice(rng.below(n.attrs.length), 1)
    if (rng.chance(0.6) && !VOID.has(n.name)) n.kids = mutate(rng, n.kids, keys, n.name, depth + 1)
  }
  return out
}

/** Serializes the model as a template would print it (attribute values quoted and escaped). */
export function toHtml(forest: Gen[]): string {
  return forest.map(nodeHtml).join('')
}

function nodeHtml(n: Gen): string {
  if (n.t === 'text') return n.s
  if (n.t === 'comment') return `<!--${n.s}-->`
  const attrs = n.attrs.map(([k, v]) => ` ${k}="${v}"`).join('')
  if (VOID.has(n.name)) return `<${n.name}${attrs}>`
  return `<${n.name}${attrs}>${n.kids.map(nodeHtml).join('')}</${n.name}>`
}
