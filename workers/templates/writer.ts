/**
 * Rendering: mustache.js's Writer, with partials loaded through the store and with the spec's
 * template inheritance on the tokens the compiler annotated.
 *
 * Inheritance in one paragraph: a parent tag renders the named template in the current context
 * with its blocks as overrides; a block site renders the override in effect for its name, else
 * its own content. Overrides are in effect for everything rendered inside the parent, including
 * further parents, and the outermost override of a name wins ("top-level substitutions take
 * precedence"), so a page overrides its layout's layout.
 */

import Mustache from 'mustache'
import { ANNOTATION, compile, indented, reindented, type Block, type Include, type Template, type Token } from './compile.js'
import { LiveContext } from './context.js'
import { childPath, type Recorder } from './render-record.js'
import { DEFAULT_DELIMITERS } from './scan.js'

/** Finds the compiled partial `name` for a tag in file `from`; `null` renders nothing. */
export type PartialLookup = (name: string, from: string) => Template | null

/**
 * What one render carries down the tree, in mustache.js's `partials` argument: the partial
 * lookup, and the overrides of the parent tags being rendered, innermost first.
 */
export interface RenderState {
  /** Where partials and parents come from. */
  readonly partial: PartialLookup
  /** The block overrides of the innermost parent tag being rendered; `null` at the top or for a partial. */
  readonly args: ReadonlyMap<string, Block> | null
  /** The state outside that parent tag. */
  readonly outer: RenderState | null
}

// mustache.js passes `partials` through untouched and reads `config` only for tags and escape,
// so the state travels as `partials` and `config` stays undefined.
type Partials = Mustache.PartialsOrLookupFn
type Config = Mustache.RenderOptions

class LiveWriter extends Mustache.Writer {
  constructor() {
    super()
    // Only higher-order sections parse at render time (see parse); their sources are not kept.
    ;(this as unknown as { templateCache: undefined }).templateCache = undefined
  }

  // Called only by mustache.js's higher-order sections (render(text) inside a section lambda);
  // compiling here gives that text partials and inheritance too.
  override parse(source: string, tags?: Mustache.OpeningAndClosingTags): string[][] {
    return compile(source, '(section lambda)', tags ?? DEFAULT_DELIMITERS).tokens as unknown as string[][]
  }

  override renderSection(token: string[], context: Mustache.Context, partials?: Partials, source?: string, config?: Config): string {
    const annotation = (token as unknown as Token)[ANNOTATION] as Include | Block | undefined
    if (annotation === undefined) {
      const live = context as LiveContext
      return live.recorder ? this.renderRecordedSection(token, live, partials, source, config) : super.renderSection(token, context, partials, source, config)
    }
    const state = partials as unknown as RenderState
    return annotation.kind === 'block'
      ? this.renderBlock(token as unknown as Token, annotation, context, state, source)
      : this.renderInclude(token[1], annotation, context, state)
  }

  override renderPartial(token: string[], context: Mustache.Context, partials?: Partials): string {
    const annotation = (token as unknown as Token)[ANNOTATION] as Include
    return this.renderInclude(token[1], annotation, context, partials as unknown as RenderState)
  }

  private renderInclude(name: string, include: Include, context: Mustache.Context, state: RenderState): string {
    const found = state.partial(name, include.from)
    if (found === null) return ''
    const template = indented(found, include.indent)
    const inner: RenderState = include.args === null ? state : { partial: state.partial, args: include.args, outer: state }
    return this.run(template.tokens, context, inner, template.source)
  }

  private renderBlock(token: Token, site: Block, context: Mustache.Context, state: RenderState, source: string | undefined): string {
    let override: Block | undefined
    for (let s: RenderState | null = state; s !== null; s = s.outer) override = s.args?.get(token[1]) ?? override
    let out: string
    if (override === undefined) {
      out = this.run(site.children, context, state, source)
    } else {
      const indent = site.standalone ? site.indent : ''
      if (indent === '' && !override.dedented) {
        out = this.run(override.children, context, state, override.source)
      } else {
        const template = reindented(override, indent)
        out = this.run(template.tokens, context, state, template.source)
      }
    }
    return site.terminator === '' ? out : out + site.terminator
  }

  /**
   * mustache.js's renderSection, while recording (render-record.ts): children get their state
   * paths, and each row of a list goes through the recorder, which may reuse its last output.
   */
  private renderRecordedSection(token: string[], context: LiveContext, partials?: Partials, source?: string, config?: Config): string {
    const value = context.lookup(token[1]!)
    if (!value) return ''
    const children = token[4] as unknown as string[][]
    // The section's value is at the path its name resolved to (only a plain name has one here).
    const path = sectionPath(context, token[1]!)
    if (Array.isArray(value)) {
      // A list that is not state (a computed one) has no stable rows to reuse.
      if (path === undefined) {
        let out = ''
        for (let j = 0; j < value.length; j++) out += this.renderTokens(children, context.push(value[j], undefined), partials, source, config)
        return out
      }
      const recorder = context.recorder!
      const section = recorder.section(`${path}@${sectionKey(token, context, partials as unknown as RenderState)}`, path)
      let out = ''
      for (let j = 0; j < value.length; j++) {
        if (recorder.reuse(section, j)) {
          out += section.rows[j]!.html
          continue
        }
        recorder.begin(section, j)
        let html: string
        try {
          html = this.renderTokens(children, context.push(value[j], childPath(path, String(j))), partials, source, config)
        } catch (error) {
          recorder.abandon()
          throw error
        }
        section.rows[j] = recorder.end(html)
        out += html
      }
      return out
    }
    if (typeof value === 'object' || typeof value === 'string' || typeof value === 'number') {
      return this.renderTokens(children, context.push(value, path), partials, source, config)
    }
    // Lambdas (not supported by liveloom, rendered as mustache.js does) and `true`.
    return super.renderSection(token, context, partials, source, config)
  }

  /** Renders `tokens` (from `source`) with `state`. */
  run(tokens: readonly Token[], context: Mustache.Context, state: RenderState, source: string | undefined): string {
    return this.renderTokens(tokens as unknown as string[][], context, state as unknown as Partials, source)
  }
}

const writer = new LiveWriter()

/** The render state to start with: no overrides, partials from `partial`. Reusable across renders. */
export function renderState(partial: PartialLookup): RenderState {
  return { partial, args: null, outer: null }
}

/** Renders `template` with the plain data object `view` (getters welcome). */
export function renderTemplate(template: Template, view: unknown, state: RenderState): string {
  return writer.run(template.tokens, new LiveContext(view), state, template.source)
}

/**
 * Renders like {@link renderTemplate} while `recorder` records each list row's output and reads,
 * reusing the rows of its previous record that no written path touched (render-record.ts).
 */
export function renderTemplateRecorded(template: Template, view: unknown, state: RenderState, recorder: Recorder): string {
  const context = new LiveContext(view)
  context.recorder = recorder
  return writer.run(template.tokens, context, state, template.source)
}

const objectIds = new WeakMap<object, number>()
let nextObjectId = 0

/** A number naming `object` for this process: compiled templates keep their tokens and block maps, so sections match across renders. */
function objectId(object: object): number {
  let id = objectIds.get(object)
  if (id === undefined) objectIds.set(object, (id = ++nextObjectId))
  return id
}

/**
 * What makes a list section's rows comparable across renders, besides the list's own path: the
 * section's token, the block overrides in effect (a block site renders differently under other
 * overrides) and the state paths of the whole context chain (where its names resolve).
 */
function sectionKey(token: object, context: LiveContext, state: RenderState): string {
  let key = String(objectId(token))
  for (let s: RenderState | null = state; s !== null; s = s.outer) key += `/${s.args === null ? 0 : objectId(s.args)}`
  for (let c: LiveContext | undefined = context; c !== undefined; c = c.parent) key += `|${c.path ?? '?'}`
  return key
}

/** The state path of the section value `name` looked up in `context`, when it resolved to one. */
function sectionPath(context: LiveContext, name: string): string | undefined {
  const reads = context.readsOf?.[name]
  // The last read is where the name was found; the others are its absences further in.
  return name === '.' ? context.path : reads?.[reads.length - 1]
}
