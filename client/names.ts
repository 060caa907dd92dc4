/**
 * The DOM names the client itself emits, for app CSS, app scripts and browser tests. (The names
 * it reads are `Attr` in src/protocol/frames.ts; the stream classes are `StreamClass` there.)
 * The build inlines the members, like the protocol tables'.
 */
export const ClientName = {
  /** Class on the container while the socket is down (from a close until the next `joined`). */
  DISCONNECTED: 'lv-disconnected',
  /** CustomEvent on the container for each `error` frame; `detail` is `{ code, message, ref }`. */
  ERROR: 'lv:error',
  /** CustomEvent on the container after each `joined` frame is applied; `detail` is `{ v }`. */
  JOINED: 'lv:joined',
  /** CustomEvent on the container for each server push event (`['event', name, payload]` effect); `detail` is `{ name, payload }`. */
  EVENT: 'lv:event',
  /** Attribute on a stream target whose stream failed (`StreamOp.ERROR`): the error message. */
  STREAM_ERROR: 'data-lv-error',
} as const
