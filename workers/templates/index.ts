/**
 * liveloom's template layer: mustache (via mustache.js) with partials from a directory, template
 * inheritance (`{{<layout}}{{$block}}…{{/block}}{{/layout}}`) and errors that point at
 * file:line:column. See docs/templates.md.
 */

export { createTemplateStore, type TemplateStore, type TemplateStoreOptions } from './store.js'
export { TemplateErrorCode } from './errors.js'
export type { Template } from './compile.js'
export { Recorder, type RenderRecord, type RowRecord } from './render-record.js'
