/**
 * The WebSocket protocol between the browser client and the gateway: the one definition of
 * frame types, keys, close codes and the protocol version. The gateway, the workers and the client
 * import it (esbuild inlines it into the client bundle). `docs/protocol.md` describes it for
 * people.
 *
 * Every frame is one JSON object in one text message. `t` names its type.
 *
 * Ordering rules:
 * - Every event carries a `ref` (a positive integer the client chooses, increasing) and gets
 *   exactly one reply frame carrying the same `ref`: `reply` (ops, possibly none) or `error`.
 * - Every frame the server sends within a session carries `v`, the session's frame number. The
 *   `joined` frame sets the client's base; each later frame must carry exactly the previous
 *   `v` + 1. A client that sees any other `v`, or an op it cannot apply, sends `refresh` and waits
 *   for a `render` instead of guessing.
 */

import type { WireNode, WireOp } from './ops.js'

/** The protocol version. The client sends it in `join`; a mismatch closes with {@link Close.PROTOCOL}. */
export const PROTOCOL_VERSION = 1

/** Frame type names (the `t` key). */
export const FrameType = {
  /** client → server: join (or resume) the session named by a signed token. */
  JOIN: 'join',
  /** client → server: a browser event for a view handler. */
  EVENT: 'event',
  /** client → server: send me the whole container again (after a version gap or a failed op). */
  REFRESH: 'refresh',
  /** client → server: the URL changed within the view (`lv-patch` link, back/forward): run handleParams. */
  PARAMS: 'params',
  /** client → server: mount the view at another URL over this socket (`lv-navigate`, a redirect). */
  NAVIGATE: 'navigate',
  /** server → client: the session is joined; may carry the whole container (`nodes`). */
  JOINED: 'joined',
  /** server → client: the one reply to an event; carries ops when the DOM changed. */
  REPLY: 'reply',
  /** server → client: the whole container, built from structure (reply to `refresh`). */
  RENDER: 'render',
  /** server → client: ops pushed by the server outside any event (streams, async work). */
  DIFF: 'diff',
  /** server → client: an error, replying to `ref` when it has one. */
  ERROR: 'error',
} as const

/** A frame type name. */
export type FrameTypeName = (typeof FrameType)[keyof typeof FrameType]

/**
 * WebSocket close codes the gateway uses. 1001 and 1009 are the standard ones; 4xxx are ours and
 * mirror HTTP statuses so they read at a glance.
 */
export const Close = {
  /** The server is shutting down (`close()`); the client reconnects with backoff. */
  GOING_AWAY: 1001,
  /** A frame larger than `maxFrameBytes` (set by `ws` itself). */
  TOO_BIG: 1009,
  /** A frame that is not JSON, not an object, or not one of the client frame types. */
  MALFORMED: 4400,
  /** The join token is missing, forged or expired; the client reloads the page. */
  BAD_TOKEN: 4401,
  /** The client did not join within `joinTimeoutMs` of connecting. */
  JOIN_TIMEOUT: 4408,
  /** The client speaks another protocol version (a stale page after a deploy); it reloads. */
  PROTOCOL: 4409,
  /** The same session was joined from another connection; this one is replaced. */
  REPLACED: 4410,
  /** The connection kept sending after its rate limit ran dry. */
  RATE_LIMITED: 4429,
} as const

/** A close code from {@link Close}. */
export type CloseCode = (typeof Close)[keyof typeof Close]

/** Close codes after which the client must not reconnect but reload the page. */
export const RELOAD_CLOSE_CODES: readonly number[] = [Close.BAD_TOKEN, Close.PROTOCOL]

/** Close codes after which the client must stay disconnected. */
export const FINAL_CLOSE_CODES: readonly number[] = [Close.REPLACED, Close.RATE_LIMITED]

/** Event parameter values: what `data-*` attributes, inputs and forms can produce. */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue }

/** Event parameters: a JSON object. */
export type EventParams = { [key: string]: ParamValue }

/** client → server: join the session the page was rendered with, or resume it after a reconnect. */
export interface JoinFrame {
  t: typeof FrameType.JOIN
  ref: number
  /** {@link PROTOCOL_VERSION}. */
  pv: number
  /** The signed session token from the container's `data-lv-token` (or the latest `joined`). */
  token: string
  /** `location.pathname + location.search`, for views that mount afresh. */
  url: string
  /** The last frame number the client applied; absent on the first join of a page. */
  v?: number
}

/** client → server: an event. */
export interface EventFrame {
  t: typeof FrameType.EVENT
  ref: number
  /** The handler name from the `lv-*` attribute. */
  name: string
  /** `data-*` parameters, input values or form fields. */
  params: EventParams
}

/** client → server: ask for the whole container. */
export interface RefreshFrame {
  t: typeof FrameType.REFRESH
  ref: number
}

/** client → server: the URL is now `url` (same view). Replied to with `reply`. */
export interface ParamsFrame {
  t: typeof FrameType.PARAMS
  ref: number
  url: string
}

/**
 * client → server: leave this view and mount the one at `url`. Replied to with `joined` (with
 * `nodes` and a new token) — or an `error` (`LIVELOOM_ERR_NOT_LIVE` when `url` has no live route,
 * or the mount failed), after which the client loads the page normally, replacing the history
 * entry it pushed for `url` (`location.replace`).
 */
export interface NavigateFrame {
  t: typeof FrameType.NAVIGATE
  ref: number
  url: string
}

/** Any frame the client sends. */
export type ClientFrame = JoinFrame | EventFrame | RefreshFrame | ParamsFrame | NavigateFrame

/** server → client: joined. `nodes` is present when the container must be rebuilt. */
export interface JoinedFrame {
  t: typeof FrameType.JOINED
  ref: number
  v: number
  /** A fresh token: the client presents it when it reconnects. */
  token: string
  nodes?: WireNode[]
}

/** JSON data a handler returns to the hook that pushed its event. */
export type ReplyData = ParamValue

/** Event names the client may send that liveloom handles itself (no view method). */
export const BuiltinEvent = {
  /** Clears flash `params.level`, or every level. */
  CLEAR_FLASH: 'lv:clear-flash',
} as const

/**
 * Text-stream ops (`this.streamText` & co. in a running handler or async job), applied in order
 * BEFORE the frame's `ops`. A target is a stream name, resolved as the element
 * `[lv-stream="<name>"]` inside the container, or a CSS selector when it starts with `#`, `.` or
 * `[`. Stream targets are `lv-stream` elements, whose children the engine never diffs (they are
 * append containers), so writing into them never makes the DOM differ from the server's tree.
 */
export const StreamOp = {
  /** `[TEXT, target, mode, text]` — `mode` from {@link TextMode}; text is inserted as text, never HTML. */
  TEXT: 0,
  /** `[HTML, target, nodes]` — replace the target's children with `nodes` (built from structure). */
  HTML: 1,
  /** `[START, target]` — the stream started: the target gets class `lv-stream-active`. */
  START: 2,
  /** `[DONE, target]` — the stream finished: class `lv-stream-active` removed. */
  DONE: 3,
  /** `[ERROR, target, message]` — the stream failed (content kept): `lv-stream-active` removed, `lv-stream-error` added. */
  ERROR: 4,
} as const

/** How `StreamOp.TEXT` writes. */
export const TextMode = { APPEND: 0, REPLACE: 1, PREPEND: 2 } as const

/** One text-stream op. */
export type StreamWireOp =
  | [typeof StreamOp.TEXT, string, (typeof TextMode)[keyof typeof TextMode], string]
  | [typeof StreamOp.HTML, string, WireNode[]]
  | [typeof StreamOp.START, string]
  | [typeof StreamOp.DONE, string]
  | [typeof StreamOp.ERROR, string, string]

/**
 * What a render did to one collection stream (`this.stream(name, items)` & co.), keyed by the
 * stream name in a frame's `items`. The rendered new children of the `[lv-stream="<name>"]`
 * container arrive in the frame's `UPDATE_CHILDREN` op for it; the client places them by this
 * (`reset` first, then inserts at `at`, then `del`, then `limit`). When no op names the
 * container (only deletes, a reset, a prune), it is applied after the ops.
 */
export interface CollectionUpdate {
  /** Clear the container first. */
  reset?: 1
  /** Where each new child goes, by DOM id: -1 the end (default), 0 the start, n before index n. A child whose id exists replaces it in place. */
  at?: Array<[domId: string, at: number]>
  /** DOM ids to remove. */
  del?: string[]
  /** Keep at most |limit| children: the first ones when positive, the last ones when negative. */
  limit?: number
}

/** server → client: the reply to an event. */
export interface ReplyFrame {
  t: typeof FrameType.REPLY
  ref: number
  v: number
  /** Text-stream ops, applied before `ops`. */
  stream?: StreamWireOp[]
  ops?: WireOp[]
  /** Collection stream updates by stream name, applied with `ops`. */
  items?: Record<string, CollectionUpdate>
  effects?: Effect[]
  /** The handler's return value, when it returned one: resolves a hook's `pushEvent` promise. */
  data?: ReplyData
}

/** server → client: the whole container. */
export interface RenderFrame {
  t: typeof FrameType.RENDER
  ref?: number
  v: number
  nodes: WireNode[]
}

/** server → client: ops outside any event (streamed text, async results). */
export interface DiffFrame {
  t: typeof FrameType.DIFF
  v: number
  stream?: StreamWireOp[]
  ops?: WireOp[]
  items?: Record<string, CollectionUpdate>
  effects?: Effect[]
}

/** server → client: an error. */
export interface ErrorFrame {
  t: typeof FrameType.ERROR
  ref?: number
  v: number
  /** A stable `LIVELOOM_ERR_*` code. */
  code: string
  message: string
}

/** Any frame the server sends. */
export type ServerFrame = JoinedFrame | ReplyFrame | RenderFrame | DiffFrame | ErrorFrame

/**
 * Effects: what a handler asks for besides state, carried out by the gateway or the client.
 * Each is `[kind, ...args]`. The kinds are added by the features that carry them out
 * (navigation, flash, push events, page title); this module is where they are declared.
 */
export const EffectKind = {
  /** `['title', text]` — set `document.title`. */
  TITLE: 'title',
  /**
   * `['event', name, payload]` — a server push event (`this.pushEvent(name, payload)` in a view):
   * delivered to every hook's `handleEvent(name, fn)` and as a `lv:event` CustomEvent on the
   * container with `detail` `{ name, payload }`.
   */
  EVENT: 'event',
  /** `['warn', message]` — a development-mode warning (unknown params...): `console.warn` it. */
  WARN: 'warn',
  /**
   * `['meta', { name: content }]` — set `<meta>` tags in `<head>`: a name containing `:`
   * (`og:title`) is a `property=` tag, others `name=`; a tag is created when missing; `null`
   * removes it.
   */
  META: 'meta',
  /** `['js', chain]` — run a JS command chain ({@link JsCommand}) after the frame's ops. */
  JS: 'js',
  /** `['patch', url, replace]` — the URL changed within the view: `history.pushState` (or replaceState). */
  PATCH: 'patch',
  /**
   * `['redirect', url, replace]` — go to another view: send `navigate` on the same socket (a
   * normal page load when the server answers with an error, e.g. `LIVELOOM_ERR_NOT_LIVE`).
   * Same-origin paths only.
   */
  REDIRECT: 'redirect',
  /**
   * `['submit', selector]` — natively submit (a real POST) the form matching `selector` if it
   * carries `lv-trigger-action`; otherwise nothing happens.
   */
  SUBMIT: 'submit',
} as const

/** An effect kind name. */
export type EffectKindName = (typeof EffectKind)[keyof typeof EffectKind]

/** One effect. */
export type Effect =
  | [typeof EffectKind.TITLE, string]
  | [typeof EffectKind.EVENT, string, ParamValue]
  | [typeof EffectKind.WARN, string]
  | [typeof EffectKind.META, Record<string, string | null>]
  | [typeof EffectKind.JS, JsCommand[]]
  | [typeof EffectKind.SUBMIT, string]
  | [typeof EffectKind.PATCH | typeof EffectKind.REDIRECT, string, boolean]

/**
 * JS commands: client-side DOM changes that need no round trip, as JSON data. The same chains
 * travel in `js` effects (`this.pushCommands(JS.show('#x'))`) and sit in templates as the value of
 * an event directive (`lv-click="{{chain}}"`, a JSON array). Each is `[name, args]`; `to` is a CSS
 * selector resolved in the live container (default: the element the event came from). Their DOM
 * changes are kept across later patches, as the loading feedback is.
 */
export const JsOp = {
  /** `['show', { to?, display? }]` — undo `display: none` (or set `display`). */
  SHOW: 'show',
  /** `['hide', { to? }]` — `display: none`. */
  HIDE: 'hide',
  /** `['toggle', { to?, display? }]` — show when hidden, hide when shown. */
  TOGGLE: 'toggle',
  /** `['add_class', { names, to? }]` — names: space-separated classes. */
  ADD_CLASS: 'add_class',
  /** `['remove_class', { names, to? }]`. */
  REMOVE_CLASS: 'remove_class',
  /** `['toggle_class', { names, to? }]`. */
  TOGGLE_CLASS: 'toggle_class',
  /** `['set_attr', { name, value, to? }]`. */
  SET_ATTR: 'set_attr',
  /** `['remove_attr', { name, to? }]`. */
  REMOVE_ATTR: 'remove_attr',
  /** `['transition', { names, time?, to? }]` — add classes for `time` ms (default 200), then remove them. */
  TRANSITION: 'transition',
  /** `['focus', { to? }]`. */
  FOCUS: 'focus',
  /** `['dispatch', { event, detail?, to? }]` — dispatch a bubbling CustomEvent. */
  DISPATCH: 'dispatch',
  /** `['push', { event, value? }]` — send event `event` to the server with params `value`. */
  PUSH: 'push',
} as const

/** A JS command name. */
export type JsOpName = (typeof JsOp)[keyof typeof JsOp]

/** One JS command. */
export type JsCommand = [JsOpName, Record<string, string | number | boolean | ParamValue>]

/**
 * Client-side rate limits of handlers, per handler name, from `@debounce(ms)` / `@throttle(ms)`
 * on the view: the JSON in the container's `data-lv-limits`. An element's own `lv-debounce` /
 * `lv-throttle` attribute wins over these.
 */
export type HandlerLimits = Record<string, [kind: 'debounce' | 'throttle', ms: number]>

/** The params key naming the field that changed, in form-wide `lv-change` payloads (as Phoenix's). */
export const TARGET_PARAM = '_target'

/** Classes the client puts on stream targets (see {@link StreamOp}). */
export const StreamClass = { ACTIVE: 'lv-stream-active', ERROR: 'lv-stream-error' } as const

/** The class suffix added while an event is in flight: `lv-click` → `lv-click-loading`. */
export const LOADING_SUFFIX = '-loading'

/**
 * DOM attributes the client reads. The prefix is fixed so templates can use the directives
 * verbatim.
 */
export const Attr = {
  /** Marks the live container; holds nothing. */
  ROOT: 'data-lv-root',
  /** The signed session token on the container. */
  TOKEN: 'data-lv-token',
  /** The WebSocket path on the container (same origin; ws: or wss: by the page's protocol). */
  SOCKET: 'data-lv-socket',
  /** Click handler name. */
  CLICK: 'lv-click',
  /** Input handler name (fires on every keystroke). */
  INPUT: 'lv-input',
  /** Change handler name. */
  CHANGE: 'lv-change',
  /** Form submit handler name. */
  SUBMIT: 'lv-submit',
  /** Keydown handler name; `lv-keydown.enter` filters by key. */
  KEYDOWN: 'lv-keydown',
  /** Keyup handler name; `lv-keyup.escape` filters by key. */
  KEYUP: 'lv-keyup',
  /** Focus handler name (the element gained focus). */
  FOCUS: 'lv-focus',
  /** Blur handler name (the element lost focus). */
  BLUR: 'lv-blur',
  /** Keydown anywhere in the window; key filters as `lv-keydown`. */
  WINDOW_KEYDOWN: 'lv-window-keydown',
  /** Keyup anywhere in the window; key filters as `lv-keyup`. */
  WINDOW_KEYUP: 'lv-window-keyup',
  /** Click outside the element. */
  CLICK_AWAY: 'lv-click-away',
  /** Prefix of explicit params: `lv-value-item-id="5"` → `itemId: "5"`. */
  VALUE_PREFIX: 'lv-value-',
  /** Debounce the element's events: milliseconds, or `blur` (send on blur only). */
  DEBOUNCE: 'lv-debounce',
  /** Throttle the element's events: at most one per this many milliseconds. */
  THROTTLE: 'lv-throttle',
  /** Text a submit button shows (disabled) while its form's submit is in flight. */
  DISABLE_WITH: 'lv-disable-with',
  /** Ask `window.confirm(text)` first; no event when declined. */
  CONFIRM: 'lv-confirm',
  /** Attach the client hook of this name (`window.LiveloomHooks[name]`). */
  HOOK: 'lv-hook',
  /** `ignore` | `append` | `prepend`: how the engine treats the element's children. */
  UPDATE: 'lv-update',
  /** A keyed list item's key (also `data-key`, `id`). */
  KEY: 'lv-key',
  /** On a form: a `submit` effect may submit it natively (a real POST to its action). */
  TRIGGER_ACTION: 'lv-trigger-action',
  /** On the container: the view's handler limits as JSON ({@link HandlerLimits}). */
  LIMITS: 'data-lv-limits',
  /** A stream target or collection container: `lv-stream="<name>"`. The engine never diffs its children. */
  STREAM: 'lv-stream',
  /** On a scrollable element: keep it scrolled to the bottom while streamed content grows, if it was at the bottom. */
  AUTOSCROLL: 'lv-autoscroll',
  /** On a link: a live patch to this same-origin path (empty: the link's `href`) — a history entry and a `params` frame (docs/navigation.md). */
  PATCH: 'lv-patch',
  /** On a link: a live navigation to the view at this same-origin path (empty: the `href`) — a history entry and a `navigate` frame. */
  NAVIGATE: 'lv-navigate',
  /** On an `lv-patch` / `lv-navigate` link: replace the current history entry instead of pushing one. */
  REPLACE: 'lv-replace',
  /**
   * Send `lv:clear-flash` ({@link BuiltinEvent}) this many milliseconds (a positive integer, at
   * most an hour) after the element appeared with its current text; params `{ level }` from its
   * `lv-value-level` (client/auto-dismiss.ts).
   */
  AUTO_DISMISS: 'lv-auto-dismiss',
} as const
