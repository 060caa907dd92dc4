/**
 * What a render remembers so the next one can reuse list rows (issue 8, docs/incremental.md):
 * for every row of every list section, its output and the state paths its output depended on.
 * A later render of the same template whose written paths (src/view/write-tracking.ts) touch
 * none of a row's paths reuses the row's output instead of rendering it.
 *
 * A path is the dot-joined keys from the view's state (`items.6.price`). A row depends on every
 * name it looked up: where the name was found, and its absence from every context in between
 * (an item that gains the name would change the row). A name that is not plain state (a computed
 * getter, a lambda, what liveloom adds such as `flash`) makes the row volatile: never reused.
 */

/** One rendered list row. */
export interface RowRecord {
  html: string
  /** The state paths the row read. */
  reads: ReadonlySet<string>
  /** Read something that is not a state path: re-render every time. */
  volatile: boolean
}

/** The rows of one render, by section (see `sectionKey` in writer.ts). */
export type RenderRecord = Map<string, RowRecord[]>

/** What reads are collected into while a row (or the whole render) renders. */
interface Collector {
  reads: Set<string>
  volatile: boolean
}

/** Records reads and rows during one render, and answers whether a previous row can be reused. */
export class Recorder {
  /** The record this render builds. */
  readonly record: RenderRecord = new Map()
  /** Rows reused and rows rendered so far (for tests and benchmarks). */
  reused = 0
  rendered = 0
  private readonly stack: Collector[] = [{ reads: new Set(), volatile: false }]
  /** Every written path and every prefix of one: a read equal to one of these has something written at or under it. */
  private readonly touched = new Set<string>()

  constructor(
    /** The view's state fields: the only root names that are state paths. */
    readonly fields: ReadonlySet<string>,
    private readonly previous?: RenderRecord,
    private readonly written: ReadonlySet<string> = new Set(),
  ) {
    for (const path of written) {
      for (let end = path.indexOf('.'); end !== -1; end = path.indexOf('.', end + 1)) this.touched.add(path.slice(0, end))
      this.touched.add(path)
    }
  }

  // Sections rendered so far in this render, and those rendered more than once (rows of those
  // could belong to either rendering, so none is kept for the next render).
  private readonly sections = new Set<string>()
  private readonly repeated = new Set<string>()

  /** Registers a list section about to render, by its key; returns the key. */
  section(key: string): string {
    if (this.sections.has(key)) this.repeated.add(key)
    this.sections.add(key)
    return key
  }

  /** Ends the render; returns its record for the next one. */
  finish(): RenderRecord {
    for (const key of this.repeated) this.record.delete(key)
    return this.record
  }

  /** Notes that the current rows read `path` (undefined: something that is not a state path). */
  read(path: string | undefined): void {
    for (const collector of this.stack) {
      if (path === undefined) collector.volatile = true
      else collector.reads.add(path)
    }
  }

  /**
   * Row `index` of the list at `key`: the previous output when nothing it read was written,
   * else `render()`'s, recorded with what it read.
   */
  row(key: string, index: number, render: () => string): string {
    // A section rendered twice in this render reuses nothing: its first rendering may have
    // overwritten what the previous render recorded for the second.
    const before = this.repeated.has(key) ? undefined : this.previous?.get(key)?.[index]
    let row: RowRecord
    if (before !== undefined && !before.volatile && !this.conflicts(before.reads)) {
      row = before
      this.reused++
      // Enclosing rows depend on what the reused row depended on.
      for (const path of before.reads) this.read(path)
    } else {
      const collector: Collector = { reads: new Set(), volatile: false }
      this.stack.push(collector)
      let html: string
      try {
        html = render()
      } finally {
        this.stack.pop()
      }
      row = { html, reads: collector.reads, volatile: collector.volatile }
      this.rendered++
      for (const path of collector.reads) this.read(path)
      if (collector.volatile) this.read(undefined)
    }
    let rows = this.record.get(key)
    if (rows === undefined) this.record.set(key, (rows = []))
    rows[index] = row
    return row.html
  }

  /** Whether a written path is equal to, under or above one of `reads`. */
  private conflicts(reads: ReadonlySet<string>): boolean {
    for (const path of reads) {
      if (this.touched.has(path)) return true
      for (let end = path.indexOf('.'); end !== -1; end = path.indexOf('.', end + 1)) {
        if (this.written.has(path.slice(0, end))) return true
      }
    }
    return false
  }
}

/** The path of `key` inside the value at `path` ('' is the root). */
export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}
