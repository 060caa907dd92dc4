/**
 * Text streaming from a running handler: ops for `lv-stream` targets go to the gateway while the
 * handler still runs; the gateway sends them at most 60 times a second per session, merged.
 */

import { LiveloomError } from '../errors.js'
import { StreamOp, TextMode, type StreamWireOp } from '../protocol/frames.js'
import type { TaskRecord } from './task-record.js'

/** How `streamText` writes into its target. */
export type TextModeName = 'append' | 'replace' | 'prepend'

const MODES: Record<TextModeName, (typeof TextMode)[keyof typeof TextMode]> = {
  append: TextMode.APPEND,
  replace: TextMode.REPLACE,
  prepend: TextMode.PREPEND,
}

/** A stream name (`lv-stream="<name>"`) or a CSS selector starting with `#`, `.` or `[`. */
export function checkTarget(target: unknown): string {
  if (typeof target === 'string' && (/^[A-Za-z_][\w-]{0,63}$/.test(target) || (/^[#.[]/.test(target) && target.length <= 256))) return target
  throw new LiveloomError(
    'LIVELOOM_ERR_STREAM_NAME',
    `stream targets are lv-stream names (letters, digits, _ and -) or CSS selectors starting with #, . or [; got ${JSON.stringify(target)}`,
  )
}

function send(record: TaskRecord, op: StreamWireOp): Promise<void> {
  if (!record.sink) {
    throw new LiveloomError(
      'LIVELOOM_ERR_STREAM_UNAVAILABLE',
      'text streams need a connected browser: call streamText & co. from event handlers (or async work), not from mount',
    )
  }
  return record.sink.send(op)
}

/** `[TEXT, target, mode, text]`. */
export function streamText(record: TaskRecord, target: string, text: string, mode: TextModeName = 'append'): Promise<void> {
  if (!(mode in MODES)) throw new LiveloomError('LIVELOOM_ERR_STREAM_OPTIONS', `streamText mode must be append, replace or prepend, got ${String(mode)}`)
  return send(record, [StreamOp.TEXT, checkTarget(target), MODES[mode], String(text)])
}

/** `[HTML, target, nodes]`: the given HTML, or the target's content from a render of the view now. */
export function streamTo(record: TaskRecord, target: string, html?: string): Promise<void> {
  checkTarget(target)
  const nodes = html !== undefined ? record.toNodes?.(String(html)) : record.renderTarget?.(target)
  if (!nodes) {
    throw new LiveloomError('LIVELOOM_ERR_STREAM_TARGET', `streamTo(${JSON.stringify(target)}): the template has no element lv-stream=${JSON.stringify(target)}`)
  }
  return send(record, [StreamOp.HTML, target, nodes])
}

/** `[START|DONE, target]` or `[ERROR, target, message]`. */
export function streamStatus(record: TaskRecord, target: string, status: 'start' | 'done' | 'error', message = ''): Promise<void> {
  checkTarget(target)
  if (status === 'start') return send(record, [StreamOp.START, target])
  if (status === 'done') return send(record, [StreamOp.DONE, target])
  return send(record, [StreamOp.ERROR, target, String(message)])
}
