/**
 * Compiling a template: the pre-scan checks it and rewrites the inheritance tags, mustache.js's
 * own parser builds the token tree, and the tokens the renderer treats specially (partials,
 * parents, blocks) get an annotation. A compiled template never changes apart from its caches of
 * indented variants, so one compile serves every render.
 */

import Mustache from 'mustache'
import { LiveloomError } from '../../src/errors.js'
import { commonIndent, dedent, indentLines } from './indent.js'
import { DEFAULT_DELIMITERS, isStripped, scanTemplate, type Delimiters, type TagRecord } from './scan.js'

/**
 * A mustache.js token: `[type, value, start, end, ...]`; sections add `[children, closeStart]`,
 * partials `[indentation, tagIndex, lineHasNonSpace]`. liveloom puts an [[Include]] or [[Block]]
 * at index [[ANNOTATION]] of partial, parent and block tokens (mustache.js reads a partial's
 * index 6 only in its renderPartial, which liveloom replaces).
 */
export type Token = [type: string, value: string, start: number, end: number, ...rest: unknown[]]

/** Index of liveloom's annotation in a token. */
export const ANNOTATION = 6

/** A compiled template. Get one from the template store; render it with the store. */
export interface Template {
  /** Where the source came from: a file path, or the name given with inline source. */
  readonly file: string
  /** The source as written. */
  readonly source: string
  /** @internal The annotated token tree. */
  readonly tokens: readonly Token[]
  /** @internal Variants indented for standalone `{{> }}` and `{{< }}` tags, by indentation; made on first use. */
  indented?: Map<string, Template>
}

/** What liveloom knows about a `{{> partial}}` or `{{< parent}}` tag. */
export interface Include {
  readonly kind: 'include'
  /** Put before every line of the included template: the tag's indentation when it stands alone, else ''. */
  readonly indent: string
  /** A parent's block overrides by name; `null` for a partial or a parent without blocks. */
  readonly args: ReadonlyMap<string, Block> | null
  /** The file holding the tag, for error messages. */
  readonly from: string
}

/**
 * What liveloom knows about a `{{$block}}` tag. Directly inside a parent tag it is an argument
 * (an override); anywhere else it is a site, which renders the override in effect for its name,
 * or else its own content.
 */
export interface Block {
  readonly kind: 'block'
  /** As a site: whether its opening tag stands alone on its line; an override is then re-indented to `indent`. */
  readonly standalone: boolean
  /** As a site: the indentation of its own content, or else of its line. */
  readonly indent: string
  /** As a site: the newline to put back after it when its opening and closing tags share one standalone line. */
  readonly terminator: string
  /** As an override: the content's text, without the content's own indentation when the opening tag stands alone. */
  readonly body: string
  /** Whether `body` lost indentation, so that the tokens in place cannot stand for it. */
  readonly dedented: boolean
  /** The content's tokens in place. */
  readonly children: readonly Token[]
  /** The source `children` index (mustache.js slices it for higher-order sections). */
  readonly source: string
  /** The file holding the block. */
  readonly file: string
  /** The delimiters in effect at the start of the content. */
  readonly delimiters: Delimiters
  /** @internal `body` re-indented and compiled, by indentation; made on first use. */
  variants?: Map<string, Template>
}

// Caching is the store's business; mustache.js's own cache would keep every source ever parsed.
const parser = new Mustache.Writer()
;(parser as unknown as { templateCache: undefined }).templateCache = undefined

/**
 * Compiles `source`, parsed with `delimiters` to start with. Throws
 * `LIVELOOM_ERR_TEMPLATE_SYNTAX` or `LIVELOOM_ERR_TEMPLATE_PARTIAL_NAME` located in `file`.
 */
export function compile(source: string, file: string, delimiters: Delimiters = DEFAULT_DELIMITERS): Template {
  const { rewritten, records } = scanTemplate(source, file, delimiters)
  let tokens: Token[]
  try {
    tokens = parser.parse(rewritten, [delimiters[0], delimiters[1]]) as Token[]
  } catch (cause) {
    // The pre-scan applies mustache.js's rules first, so this is a liveloom bug, not the app's.
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new LiveloomError(
      'LIVELOOM_ERR_INTERNAL',
      `${file}: mustache.js rejected a template that liveloom's checks accepted (${reason}); please report it with the template`,
      { fault: 'internal', cause, details: { file } },
    )
  }
  annotate(tokens, source, file, records)
  return { file, source, tokens }
}

/** `template` as if every line were indented by `indent`, for a standalone partial or parent tag. */
export function indented(template: Template, indent: string): Template {
  if (indent === '') return template
  return variant((template.indented ??= new Map()), indent, template.source, template.file, DEFAULT_DELIMITERS)
}

/** The override `block` re-indented to `indent`, for a standalone site. */
export function reindented(block: Block, indent: string): Template {
  return variant((block.variants ??= new Map()), indent, block.body, block.file, block.delimiters)
}

// Compiled once per indentation: the text is the same at every render.
function variant(variants: Map<string, Template>, indent: string, text: string, file: string, delimiters: Delimiters): Template {
  let compiled = variants.get(indent)
  if (compiled === undefined) {
    compiled = compile(indentLines(text, indent), file, delimiters)
    variants.set(indent, compiled)
  }
  return compiled
}

function annotate(tokens: readonly Token[], source: string, file: string, records: Map<number, TagRecord>): void {
  for (const token of tokens) {
    const type = token[0]
    if (type !== '#' && type !== '^' && type !== '>') continue
    if (type !== '>') annotate(token[4] as Token[], source, file, records)
    const record = records.get(token[2])
    if (record !== undefined) token[ANNOTATION] = record.type === '$' ? block(token, record, source, file) : include(token, record, source, file)
  }
}

function include(token: Token, record: TagRecord, source: string, file: string): Include {
  const { line } = record
  const indent = isStripped(line) && line.firstTag === record.start ? source.slice(line.start, record.start) : ''
  let args: Map<string, Block> | null = null
  if (record.type === '<') {
    // The pre-scan allows only blocks (besides text and comments) directly inside a parent.
    for (const child of token[4] as Token[]) {
      const annotation = child[ANNOTATION] as Block | undefined
      if (annotation !== undefined) (args ??= new Map()).set(child[1], annotation)
    }
  }
  return { kind: 'include', indent, args, from: file }
}

function block(token: Token, record: TagRecord, source: string, file: string): Block {
  const close = record.close!
  const { line } = record
  const standalone = isStripped(line)
  const pair = close.line === line
  // The content as mustache.js sees it: without the stripped ends of the opening and closing lines.
  let from = record.end
  let to = close.start
  if (standalone && !pair) {
    if (isBlank(source, from, line.end)) from = line.end
    if (isStripped(close.line) && isBlank(source, close.line.start, to)) to = close.line.start
  }
  const text = source.slice(from, to)
  const margin = standalone ? commonIndent(text) : ''
  return {
    kind: 'block',
    standalone,
    indent: margin || source.slice(line.start, line.firstTag),
    terminator: standalone && pair ? line.terminator : '',
    body: dedent(text, margin),
    dedented: margin !== '',
    children: token[4] as Token[],
    source,
    file,
    delimiters: record.delimiters,
  }
}

function isBlank(source: string, from: number, to: number): boolean {
  return !/\S/.test(source.slice(from, to))
}
