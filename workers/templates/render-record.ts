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
  /** The state paths the row read (repeats allowed: arrays are cheaper than sets here). */
  reads: string[]
  /** Those of `reads` outside the row's own item (`currency` for a row of `items.6`). */
  outer: string[]
  /** Read something that is not a state path: re-render every time. */
  volatile: boolean
}

/** The rows of one render, by section (see `sectionKey` in writer.ts). */
export type RenderRecord = Map<string, RowRecord[]>

/** A list section as it renders: its rows last time (when they may be reused) and this time. */
export interface SectionRows {
  previous: RowRecord[] | undefined
  rows: RowRecord[]
  /** The list's state path. */
  path: string
  /** Rows whose own item has a written path at or under it; `true`: every row (the list itself was written). */
  touched: Set<string> | true
}

/**
 * Records reads and rows during one render, and answers whether a previous row can be reused.
 * Hot: called per row and per lookup, so no closures (tsx wraps each in a naming helper) and
 * no sets.
 */
export class Recorder {
  /** The record this render builds. */
  readonly record: RenderRecord = new Map()
  /** Rows reused and rows rendered so far (for tests and benchmarks). */
  reused = 0
  rendered = 0
  // The rows being rendered, innermost last (none at the top: nothing outside rows is reused).
  private readonly stack: RowRecord[] = []
  private readonly writtenPaths: readonly string[]
  // Sections rendered more than once in this render: rows of those could belong to either
  // rendering, so none is reused now or kept for the next render.
  private readonly repeated = new Set<string>()

  constructor(
    /** The view's state fields: the only root names that are state paths. */
    readonly fields: ReadonlySet<string>,
    private readonly previous?: RenderRecord,
    written: ReadonlySet<string> = new Set(),
  ) {
    this.writtenPaths = [...written]
  }

  /** Starts the list section at state `path`, by its key. */
  section(key: string, path: string): SectionRows {
    let rows = this.record.get(key)
    if (rows !== undefined) this.repeated.add(key)
    else this.record.set(key, (rows = []))
    const previous = this.repeated.has(key) ? undefined : this.previous?.get(key)
    // Which rows' own items were written: `items.6.price` touches row 6 of `items`; `items`
    // itself (or anything above it) touches every row.
    let touched: Set<string> | true = new Set()
    const prefix = path === '' ? '' : `${path}.`
    for (const written of this.writtenPaths) {
      if (within(path, written)) {
        touched = true
        break
      }
      if (written.startsWith(prefix)) {
        const end = written.indexOf('.', prefix.length)
        touched.add(written.slice(prefix.length, end === -1 ? undefined : end))
      }
    }
    return { previous, rows, path, touched }
  }

  /**
   * Whether row `index` of `section` as it was last time can stand as it is: it read only state,
   * its own item was not written, nor anything else it read. If so it counts as read again by
   * enclosing rows.
   */
  reuse(section: SectionRows, index: number): boolean {
    const row = section.previous?.[index]
    if (row === undefined || row.volatile || section.touched === true || section.touched.has(String(index)) || this.conflicts(row.outer)) return false
    section.rows[index] = row
    this.reused++
    this.readAll(row)
    return true
  }

  /** Starts rendering row `index` of `section`. */
  begin(section: SectionRows, index: number): void {
    this.stack.push({ html: childPath(section.path, String(index)), reads: [], outer: [], volatile: false })
  }

  /** Ends the row started last, which rendered `html`; returns its record. */
  end(html: string): RowRecord {
    const row = this.stack.pop()!
    // Until now `html` held the row's own path, to tell its outer reads apart.
    const own = row.html
    for (const read of row.reads) if (!within(read, own)) row.outer.push(read)
    row.html = html
    this.rendered++
    this.readAll(row)
    return row
  }

  /** Drops the row started last (its render threw). */
  abandon(): void {
    this.stack.pop()
  }

  /** Ends the render; returns its record for the next one. */
  finish(): RenderRecord {
    for (const key of this.repeated) this.record.delete(key)
    return this.record
  }

  /** Notes that the current rows read `path` (undefined: something that is not a state path). */
  read(path: string | undefined): void {
    const { stack } = this
    for (let i = 0; i < stack.length; i++) {
      if (path === undefined) stack[i]!.volatile = true
      else stack[i]!.reads.push(path)
    }
  }

  /** Enclosing rows depend on what `row` depended on. */
  private readAll(row: RowRecord): void {
    const { stack } = this
    for (let i = 0; i < stack.length; i++) {
      const outer = stack[i]!
      if (row.volatile) outer.volatile = true
      for (let j = 0; j < row.reads.length; j++) outer.reads.push(row.reads[j]!)
    }
  }

  /** Whether a written path is equal to, under or above one of `reads`. Few paths are written per event, and rows read few paths outside their item. */
  private conflicts(reads: readonly string[]): boolean {
    const written = this.writtenPaths
    if (written.length === 0) return false
    for (let i = 0; i < reads.length; i++) {
      for (let j = 0; j < written.length; j++) if (related(reads[i]!, written[j]!)) return true
    }
    return false
  }
}

/** Whether `a` and `b` are the same path or one is inside the other (`items` and `items.6.price`). */
function related(a: string, b: string): boolean {
  return a.length <= b.length ? within(b, a) : within(a, b)
}

/** Whether `path` is `root` or inside it. */
function within(path: string, root: string): boolean {
  return path.startsWith(root) && (path.length === root.length || path.charCodeAt(root.length) === 46)
}

/** The path of `key` inside the value at `path` ('' is the root). */
export function childPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}
