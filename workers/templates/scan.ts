/**
 * The pre-scan. It reads a template with exactly mustache.js's tag rules (same regular
 * expressions, same set-delimiter handling), before mustache.js parses it, in order to:
 * - check the structure and report mistakes at an exact position (mustache.js reports only an
 *   index inside its message text, and for an unclosed section the end of the file);
 * - add template inheritance, which mustache.js 4.2 does not parse: the sigil of `{{<parent}}` and
 *   `{{$block}}` is replaced by `#`, one character for one, so mustache.js builds ordinary section
 *   tokens and every index stays valid in the original source;
 * - keep what mustache.js's standalone rule computes per line but throws away (whether a line is
 *   stripped, its indentation, its newline), which the inheritance and partial rules need.
 */

import { TemplateErrorCode, position, templateError } from './errors.js'

/** Opening and closing delimiters, like `['{{', '}}']`. */
export type Delimiters = readonly [open: string, close: string]

/** The delimiters every template, partial and parent starts with. */
export const DEFAULT_DELIMITERS: Delimiters = ['{{', '}}']

/**
 * A line as mustache.js's standalone rule sees it: broken only by newlines in text (a newline
 * inside a tag, say a comment, does not end it). See [[isStripped]].
 */
export interface Line {
  /** Index of the line's first character. */
  readonly start: number
  /** Index of the line's first tag; -1 while it has none. */
  firstTag: number
  /** Whether it holds non-whitespace text or an interpolation tag. */
  nonSpace: boolean
  /** Index just past its newline; the source length for the last line. */
  end: number
  /** The newline ending it: `'\n'`, `'\r\n'`, or `''` for the last line. */
  terminator: string
}

/** A partial, parent or block tag, with what the renderer needs to know about it. */
export interface TagRecord {
  /** The sigil as written: `'>'`, `'<'` or `'$'` (`'#'`, `'^'`, `'/'` only while on the section stack). */
  readonly type: string
  /** The tag's name, trimmed. */
  readonly name: string
  /** Index of the opening delimiter. */
  readonly start: number
  /** Index just past the closing delimiter. */
  readonly end: number
  /** The line the tag starts on. */
  readonly line: Line
  /** The delimiters in effect at the tag (and so at the start of a block's content). */
  readonly delimiters: Delimiters
  /** The matching end tag of a parent or block. */
  close?: TagRecord
}

/** What the pre-scan hands to the compiler. */
export interface ScanResult {
  /** The source with inheritance sigils turned into `#`; same length as the original. */
  readonly rewritten: string
  /** Partial, parent and block tags by the index of their opening delimiter. */
  readonly records: Map<number, TagRecord>
}

/**
 * Whether mustache.js strips `line` from the output: it holds at least one tag and nothing but
 * whitespace and non-interpolation tags. mustache.js allows several such tags on one line, which
 * is what makes `{{<parent}}{{$block}}` standalone, as the inheritance spec wants.
 */
export function isStripped(line: Line): boolean {
  return line.firstTag >= 0 && !line.nonSpace
}

/**
 * Checks `source` and prepares it for mustache.js (see the file comment). Throws
 * `LIVELOOM_ERR_TEMPLATE_SYNTAX` (or `LIVELOOM_ERR_TEMPLATE_PARTIAL_NAME`) located in `file`.
 */
export function scanTemplate(source: string, file: string, delimiters: Delimiters = DEFAULT_DELIMITERS): ScanResult {
  return new Scanner(source, file, delimiters).run()
}

// mustache.js's own expressions (parseTemplate in mustache.mjs), as sticky (match here) or
// global (search from here) variants, so both scanners split a template at the same places.
const WHITE = /\s*/y
const CURLY = /\s*\}/y
const EQUALS = /\s*=/y
const EQUALS_SEARCH = /\s*=/g
const SIGILS = '#^/>{&=!<$'

interface TagRegExps {
  readonly open: RegExp
  readonly openHere: RegExp
  readonly close: RegExp
  readonly closeHere: RegExp
  readonly closeCurly: RegExp
}

function tagRegExps([open, close]: Delimiters): TagRegExps {
  const o = escapeRegExp(open)
  const c = escapeRegExp(close)
  return {
    open: new RegExp(o, 'g'),
    openHere: new RegExp(`${o}\\s*`, 'y'),
    close: new RegExp(`\\s*${c}`, 'g'),
    closeHere: new RegExp(`\\s*${c}`, 'y'),
    closeCurly: new RegExp(`\\s*${escapeRegExp(`}${close}`)}`, 'g'),
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')
}

/** Index of the first match of global `re` at or after `from`, or -1. */
function search(re: RegExp, text: string, from: number): number {
  re.lastIndex = from
  const match = re.exec(text)
  return match === null ? -1 : match.index
}

/** Length of the match of sticky `re` at `at`, or 0 when it does not match. */
function matchLength(re: RegExp, text: string, at: number): number {
  re.lastIndex = at
  return re.test(text) ? re.lastIndex - at : 0
}

// mustache.js's isWhitespace is !/\S/, i.e. JavaScript's \s; ASCII is decided without a regexp.
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/.test(String.fromCharCode(code)))
}

function newLine(start: number): Line {
  return { start, firstTag: -1, nonSpace: false, end: start, terminator: '' }
}

/** A partial name must stay inside the partials directory: plain segments separated by `/`. */
function isSafePartialName(name: string): boolean {
  if (name.includes('\\') || name.includes('\0')) return false
  return name.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

interface OpenSection {
  readonly record: TagRecord
  /** For a parent: the names of the blocks it overrides so far. */
  readonly blocks: Set<string> | null
}

class Scanner {
  private pos = 0
  private line: Line = newLine(0)
  private re: TagRegExps
  private readonly stack: OpenSection[] = []
  private readonly sigils: number[] = []
  private readonly records = new Map<number, TagRecord>()

  constructor(
    private readonly source: string,
    private readonly file: string,
    private delimiters: Delimiters,
  ) {
    this.re = tagRegExps(delimiters)
  }

  run(): ScanResult {
    const { source } = this
    while (this.pos < source.length) {
      const open = search(this.re.open, source, this.pos)
      this.text(open === -1 ? source.length : open)
      if (open === -1) break
      this.pos = this.tag(open)
    }
    this.line.end = source.length
    const unclosed = this.stack.pop()
    if (unclosed !== undefined) {
      const { record } = unclosed
      const [o, c] = record.delimiters
      throw this.error(record.start, `${this.written(record)} is never closed: add ${o}/${record.name}${c} after its content`)
    }
    return { rewritten: replaceSigils(source, this.sigils), records: this.records }
  }

  /** Text up to `to`: tracks lines and whether they hold anything but whitespace. */
  private text(to: number): void {
    const { source } = this
    for (let i = this.pos; i < to; i++) {
      const code = source.charCodeAt(i)
      if (code === 10) {
        this.line.end = i + 1
        this.line.terminator = i > 0 && source.charCodeAt(i - 1) === 13 ? '\r\n' : '\n'
        this.line = newLine(i + 1)
      } else if (!this.line.nonSpace && !isSpace(code)) {
        this.line.nonSpace = true
      }
    }
    this.pos = to
  }

  /** The tag whose opening delimiter is at `start`; returns the index past its closing delimiter. */
  private tag(start: number): number {
    const { source, re } = this
    const [open, close] = this.delimiters
    let p = start + matchLength(re.openHere, source, start)
    let type = 'name'
    if (p < source.length && SIGILS.includes(source[p])) {
      type = source[p]
      if (type === '<' || type === '$') this.sigils.push(p)
      p++
    }
    p += matchLength(WHITE, source, p)

    let valueEnd: number
    let afterValue: number
    if (type === '=') {
      valueEnd = search(EQUALS_SEARCH, source, p)
      // An "=" found only past the closing delimiter belongs to later text, not to this tag.
      if (valueEnd === -1 || source.slice(p, valueEnd).includes(close)) throw this.error(start, `set-delimiter tag ${this.snippet(start)} has no closing "=": write it like ${open}=<% %>=${close}`)
      afterValue = valueEnd + matchLength(EQUALS, source, valueEnd)
    } else {
      valueEnd = search(type === '{' ? re.closeCurly : re.close, source, p)
      afterValue = valueEnd === -1 ? -1 : valueEnd + (type === '{' ? matchLength(CURLY, source, valueEnd) : 0)
    }
    const closeAt = afterValue === -1 ? -1 : search(re.close, source, afterValue)
    const name = source.slice(p, valueEnd)
    if (closeAt === -1 || (type !== '!' && type !== '=' && (name.includes(open) || name.includes(close)))) {
      const expected = type === '{' ? `}${close}` : close
      throw this.error(start, `tag ${this.snippet(start)} is never closed: end it with "${expected}"`)
    }
    const end = closeAt + matchLength(re.closeHere, source, closeAt)
    const record: TagRecord = { type, name, start, end, line: this.line, delimiters: this.delimiters }

    if (type === '=' && closeAt !== afterValue) {
      throw this.error(start, `${this.written(record)}: nothing may follow the "=" that ends a set-delimiter tag`)
    }
    // (An empty set-delimiter tag gets setDelimiters' more useful message.)
    if (name === '' && type !== '!' && type !== '=') throw this.error(start, `empty tag ${this.written(record)}: write a name between the delimiters`)

    if (this.line.firstTag < 0) this.line.firstTag = start
    if (type === 'name' || type === '&' || type === '{') this.line.nonSpace = true

    this.checkParentContent(record)
    switch (type) {
      case '#':
      case '^':
      case '$':
        this.openSection(record)
        break
      case '<':
        this.checkPartialName(record)
        this.openSection(record)
        break
      case '>':
        this.checkPartialName(record)
        break
      case '/':
        this.closeSection(record)
        break
      case '=':
        this.setDelimiters(record)
        break
    }
    if (type === '>' || type === '<' || type === '$') this.records.set(start, record)
    return end
  }

  private checkParentContent(record: TagRecord): void {
    const parent = this.stack.at(-1)?.record
    if (parent === undefined || parent.type !== '<') return
    if (record.type === '$' || record.type === '!' || record.type === '=' || record.type === '/') return
    const [o, c] = record.delimiters
    throw this.error(
      record.start,
      `${this.written(record)} directly inside ${this.written(parent)} would be ignored: a parent holds only ${o}$block${c} overrides; move it into a block`,
    )
  }

  private checkPartialName(record: TagRecord): void {
    const { name } = record
    if (name.startsWith('*')) {
      throw this.error(record.start, `${this.written(record)}: dynamic names (*name) are not supported; name the partial`)
    }
    if (!isSafePartialName(name)) {
      const problem =
        `${this.written(record)}: partial name ${JSON.stringify(name)} must stay inside the partials directory: ` +
        'use a relative path of plain names, like forms/field (no "..", no leading "/", no "\\")'
      throw templateError(this.file, this.source, record.start, problem, TemplateErrorCode.PARTIAL_NAME, { partial: name })
    }
  }

  private openSection(record: TagRecord): void {
    const top = this.stack.at(-1)
    if (record.type === '$' && top?.blocks) {
      if (top.blocks.has(record.name)) {
        throw this.error(record.start, `${this.written(record)} is given twice inside ${this.written(top.record)}; keep one`)
      }
      top.blocks.add(record.name)
    }
    this.stack.push({ record, blocks: record.type === '<' ? new Set() : null })
  }

  private closeSection(record: TagRecord): void {
    const open = this.stack.pop()
    const [o, c] = record.delimiters
    if (open === undefined) {
      throw this.error(record.start, `${this.written(record)} closes a section that is not open: remove it, or open the section before it with ${o}#${record.name}${c}`)
    }
    if (open.record.name !== record.name) {
      const at = position(this.source, open.record.start)
      const [oo, oc] = open.record.delimiters
      throw this.error(
        record.start,
        `${this.written(record)} does not match the innermost open tag ${this.written(open.record)} (line ${at.line}, column ${at.column}): ` +
          `close that first with ${oo}/${open.record.name}${oc}`,
      )
    }
    open.record.close = record
  }

  private setDelimiters(record: TagRecord): void {
    const parts = record.name.split(/\s+/)
    if (parts.length !== 2 || parts.some((part) => part === '' || part.includes('='))) {
      const [o, c] = record.delimiters
      throw this.error(
        record.start,
        `bad set-delimiter tag ${this.written(record)}: give two delimiters separated by whitespace, without "=" or spaces in them, like ${o}=<% %>=${c}`,
      )
    }
    this.delimiters = [parts[0], parts[1]]
    this.re = tagRegExps(this.delimiters)
  }

  /** A tag's text as written. */
  private written(record: TagRecord): string {
    return this.source.slice(record.start, record.end)
  }

  /** The start of an unclosed tag: up to the end of its line or the next opening delimiter, at most 40 characters. */
  private snippet(start: number): string {
    const [open] = this.delimiters
    let end = Math.min(this.source.length, start + 40)
    const newline = this.source.indexOf('\n', start)
    if (newline !== -1 && newline < end) end = newline
    const next = this.source.indexOf(open, start + open.length)
    if (next !== -1 && next < end) end = next
    return this.source.slice(start, end).trimEnd()
  }

  private error(index: number, problem: string): Error {
    return templateError(this.file, this.source, index, problem)
  }
}

function replaceSigils(source: string, at: readonly number[]): string {
  if (at.length === 0) return source
  let out = ''
  let from = 0
  for (const index of at) {
    out += `${source.slice(from, index)}#`
    from = index + 1
  }
  return out + source.slice(from)
}
