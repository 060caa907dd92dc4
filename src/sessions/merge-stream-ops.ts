/**
 * Coalescing of text-stream ops waiting for the next frame: fewer, larger ops, with exactly the
 * same result in the browser. Consecutive appends to one target join; consecutive prepends join
 * (newest first); a replace or an HTML op drops the earlier text and HTML ops of its target, which
 * it supersedes; start, done and error are never merged, dropped or moved.
 */

import { StreamOp, TextMode, type StreamWireOp } from '../protocol/frames.js'

/** Adds `op` to `pending` (in place), merging where the result is the same. */
export function mergeStreamOp(pending: StreamWireOp[], op: StreamWireOp): void {
  const last = pending[pending.length - 1]
  if (op[0] === StreamOp.TEXT && last?.[0] === StreamOp.TEXT && last[1] === op[1]) {
    if (op[2] === TextMode.APPEND && last[2] !== TextMode.PREPEND) {
      // An append after an append or a replace extends that text.
      pending[pending.length - 1] = [StreamOp.TEXT, last[1], last[2], last[3] + op[3]]
      return
    }
    if (op[2] === TextMode.PREPEND && last[2] === TextMode.PREPEND) {
      pending[pending.length - 1] = [StreamOp.TEXT, last[1], TextMode.PREPEND, op[3] + last[3]]
      return
    }
  }
  if ((op[0] === StreamOp.TEXT && op[2] === TextMode.REPLACE) || op[0] === StreamOp.HTML) {
    // Content ops of this target since its last status op are superseded. Ops before a status op
    // stay: the browser must see start/done/error with the content it had then.
    for (let i = pending.length - 1; i >= 0; i--) {
      const earlier = pending[i]!
      if (earlier[1] !== op[1]) continue
      if (earlier[0] !== StreamOp.TEXT && earlier[0] !== StreamOp.HTML) break
      pending.splice(i, 1)
    }
  }
  pending.push(op)
}
