/**
 * Indentation of template text. The mustache spec indents standalone partials and parents, and
 * re-indents block overrides, at the level of template lines (interpolated data is never
 * indented), so these work on source text that is then parsed again.
 */

/** `text` with `indent` put before every non-empty line (mustache.js's rule for standalone partials). */
export function indentLines(text: string, indent: string): string {
  if (indent === '') return text
  return text
    .split('\n')
    .map((line) => (line === '' ? line : indent + line))
    .join('\n')
}

/** The leading spaces and tabs shared by every line of `text` that holds something besides whitespace. */
export function commonIndent(text: string): string {
  let common: string | undefined
  for (const line of text.split('\n')) {
    if (!/\S/.test(line)) continue
    const lead = /^[ \t]*/.exec(line)![0]
    common = common === undefined ? lead : sharedPrefix(common, lead)
    if (common === '') break
  }
  return common ?? ''
}

/** `text` without `margin` (its [[commonIndent]]) at the start of each line; blank lines lose their whitespace. */
export function dedent(text: string, margin: string): string {
  if (margin === '') return text
  return text
    .split('\n')
    .map((line) => (line.startsWith(margin) ? line.slice(margin.length) : line.replace(/^[ \t]+/, '')))
    .join('\n')
}

function sharedPrefix(a: string, b: string): string {
  let i = 0
  while (i < a.length && i < b.length && a[i] === b[i]) i++
  return a.slice(0, i)
}
