/**
 * The template layer's error codes, and syntax errors that point at a file, line and column.
 * Positions are computed from the source and an index we found ourselves, never parsed out of
 * mustache.js's message text.
 */

import { LiveloomError } from '../../src/errors.js'

/** Stable codes of the errors the template layer throws. */
export const TemplateErrorCode = {
  /** Malformed template: unclosed or mismatched tag or section, bad set-delimiter, bad inheritance. */
  SYNTAX: 'LIVELOOM_ERR_TEMPLATE_SYNTAX',
  /** A template file given to `fromFile` does not exist. */
  NOT_FOUND: 'LIVELOOM_ERR_TEMPLATE_NOT_FOUND',
  /** A template or partial file exists but cannot be read (a directory, no permission...). */
  READ: 'LIVELOOM_ERR_TEMPLATE_READ',
  /** `{{> name}}` or `{{< name}}` names a partial that does not exist (with `missingPartial: 'error'`). */
  PARTIAL_NOT_FOUND: 'LIVELOOM_ERR_TEMPLATE_PARTIAL_NOT_FOUND',
  /** A partial name that would leave the partials directory (`..`, absolute, backslashes). */
  PARTIAL_NAME: 'LIVELOOM_ERR_TEMPLATE_PARTIAL_NAME',
} as const

/** 1-based line and column of `index` in `source`; columns count characters (code points). */
export function position(source: string, index: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = source.indexOf('\n'); i !== -1 && i < index; i = source.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  let column = 1
  for (const _ of source.slice(lineStart, index)) column++
  return { line, column }
}

/**
 * An app-fault error located at `index` of `source`: the message starts `file:line:column: `,
 * and `details` carries `{ file, line, column }` plus `extra`.
 */
export function templateError(
  file: string,
  source: string,
  index: number,
  problem: string,
  code: string = TemplateErrorCode.SYNTAX,
  extra: Record<string, unknown> = {},
): LiveloomError {
  const { line, column } = position(source, index)
  return new LiveloomError(code, `${file}:${line}:${column}: ${problem}`, { fault: 'app', details: { file, line, column, ...extra } })
}
