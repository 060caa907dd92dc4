/**
 * The template store a worker renders with: it compiles each template once (from a file or from
 * inline source), loads partials and parents on first use, and renders. Each worker has its own
 * store; nothing in it is shared between threads.
 */

import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { LiveloomError } from '../../src/errors.js'
import { compile, type Template } from './compile.js'
import { TemplateErrorCode } from './errors.js'
import { renderState, renderTemplate, renderTemplateRecorded, type PartialLookup, type RenderState } from './writer.js'
import type { Recorder } from './render-record.js'

/** Options of [[createTemplateStore]]. */
export interface TemplateStoreOptions {
  /**
   * Directory of partials and parents (layouts): `{{> forms/field}}` and `{{< layout}}` read
   * `<partialsDir>/forms/field.mustache` and `<partialsDir>/layout.mustache`. Default: none.
   */
  partialsDir?: string
  /** Partial sources by name, looked up before `partialsDir` (tests, embedded templates). Default: none. */
  partials?: Readonly<Record<string, string>>
  /**
   * What including a partial or parent that does not exist does: `'error'` throws
   * `LIVELOOM_ERR_TEMPLATE_PARTIAL_NOT_FOUND`; `'empty'` renders nothing, as the mustache spec
   * says. Default: `'error'`.
   */
  missingPartial?: 'error' | 'empty'
  /**
   * Keep compiled templates. `false` is for development: `fromFile` reads and compiles the file on
   * every call, `fromSource` compiles every time, and each render reads its partials afresh.
   * Default: `true`.
   */
  cache?: boolean
}

/** Compiles and renders templates. See [[createTemplateStore]]. */
export interface TemplateStore {
  /**
   * The template in `file` (an absolute path), compiled on first use and then cached by path.
   * Throws `LIVELOOM_ERR_TEMPLATE_NOT_FOUND` when the file does not exist,
   * `LIVELOOM_ERR_TEMPLATE_READ` when it cannot be read, `LIVELOOM_ERR_TEMPLATE_SYNTAX` (with
   * `details: { file, line, column }`) when it is malformed.
   */
  fromFile(file: string): Template
  /** The template with inline `source`, cached by source; `name` stands for the file in error messages. */
  fromSource(source: string, name: string): Template
  /**
   * Renders `template` with `context`, a plain data object whose getters run on first use.
   * Partials and parents are read and compiled the first time a render reaches them, so their
   * errors (missing file, syntax error in the partial's file) are thrown from here.
   */
  render(template: Template, context: object): string
  /**
   * Renders like `render` while `recorder` records each list row and reuses the rows of its
   * previous record that nothing written touched (render-record.ts). Byte for byte the output of
   * `render` for the same context.
   */
  renderRecorded(template: Template, context: object, recorder: Recorder): string
}

interface Settings {
  readonly partialsDir: string | undefined
  readonly partials: Readonly<Record<string, string>> | undefined
  readonly missingPartial: 'error' | 'empty'
  readonly cache: boolean
}

/** A template store; options are checked now (`LIVELOOM_ERR_OPTIONS` naming the option). */
export function createTemplateStore(options: TemplateStoreOptions = {}): TemplateStore {
  const settings = validate(options)
  const files = new Map<string, Template>()
  const sources = new Map<string, Template>()
  // Cached partials live as long as the store, so one state serves every render.
  const shared: RenderState | null = settings.cache ? renderState(partialLookup(settings)) : null
  return {
    fromFile(file) {
      let template = files.get(file)
      if (template === undefined) {
        const source = readSource(file)
        if (source === undefined) {
          throw new LiveloomError(TemplateErrorCode.NOT_FOUND, `template file ${file} does not exist: create it or fix the path`, { details: { file } })
        }
        template = compile(source, file)
        if (settings.cache) files.set(file, template)
      }
      return template
    },
    fromSource(source, name) {
      let template = sources.get(source)
      if (template === undefined) {
        template = compile(source, name)
        if (settings.cache) sources.set(source, template)
      }
      return template
    },
    render(template, context) {
      return renderTemplate(template, context, shared ?? renderState(partialLookup(settings)))
    },
    renderRecorded(template, context, recorder) {
      return renderTemplateRecorded(template, context, shared ?? renderState(partialLookup(settings)), recorder)
    },
  }
}

/** Partials by name, each loaded and compiled once for the life of the lookup (`null`: missing, render nothing). */
function partialLookup(settings: Settings): PartialLookup {
  const loaded = new Map<string, Template | null>()
  return (name, from) => {
    let partial = loaded.get(name)
    if (partial === undefined) {
      partial = loadPartial(name, from, settings)
      loaded.set(name, partial)
    }
    return partial
  }
}

function loadPartial(name: string, from: string, { partials, partialsDir, missingPartial }: Settings): Template | null {
  if (partials !== undefined && Object.hasOwn(partials, name)) return compile(partials[name], name)
  // Names were checked when the including template was compiled: no "..", no absolute paths.
  const file = partialsDir === undefined ? undefined : join(partialsDir, `${name}.mustache`)
  const source = file === undefined ? undefined : readSource(file)
  if (source !== undefined) return compile(source, file!)
  if (missingPartial === 'empty') return null
  const where =
    file === undefined
      ? 'no partials directory is configured (the templatesDir option); set one'
      : `there is no ${file} in ${partialsDir}; create it`
  throw new LiveloomError(
    TemplateErrorCode.PARTIAL_NOT_FOUND,
    `partial ${JSON.stringify(name)} included by ${from} not found: ${where}, or fix the name`,
    { details: { partial: name, dir: partialsDir ?? null, from } },
  )
}

/** The file's text without a byte-order mark, or undefined when there is no such file. */
function readSource(file: string): string | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (cause) {
    const code = (cause as { code?: unknown }).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined
    throw new LiveloomError(TemplateErrorCode.READ, `cannot read template file ${file}: ${(cause as Error).message}`, { cause, details: { file } })
  }
  // Editors hide a BOM, so error columns on line 1 match what people see.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
}

const KNOWN_OPTIONS = ['partialsDir', 'partials', 'missingPartial', 'cache']

function validate(options: TemplateStoreOptions): Settings {
  if (options === null || typeof options !== 'object') throw badOption('', 'must be an object', options)
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) throw badOption(key, `is not a template store option (known: ${KNOWN_OPTIONS.join(', ')})`, undefined)
  }
  const { partialsDir, partials, missingPartial = 'error', cache = true } = options
  if (partialsDir !== undefined && (typeof partialsDir !== 'string' || partialsDir === '')) {
    throw badOption('partialsDir', 'must be a directory path', partialsDir)
  }
  if (partials !== undefined && (partials === null || typeof partials !== 'object' || !Object.values(partials).every((v) => typeof v === 'string'))) {
    throw badOption('partials', 'must be an object of template sources by name', partials)
  }
  if (missingPartial !== 'error' && missingPartial !== 'empty') throw badOption('missingPartial', 'must be "error" or "empty"', missingPartial)
  if (typeof cache !== 'boolean') throw badOption('cache', 'must be true or false', cache)
  return { partialsDir: partialsDir === undefined ? undefined : resolve(partialsDir), partials, missingPartial, cache }
}

function badOption(option: string, problem: string, value: unknown): LiveloomError {
  const got = value === undefined ? '' : `, got ${JSON.stringify(value) ?? String(value)}`
  const name = option === '' ? 'options' : `options.${option}`
  return new LiveloomError('LIVELOOM_ERR_OPTIONS', `template store: ${name} ${problem}${got}`, { details: { option: option || 'options' } })
}
