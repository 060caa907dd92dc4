/**
 * liveloom's Rust VDOM engine, loaded as a Node-API addon (`native/addon` over the pure `vdom`
 * crate).
 *
 * Importing this module loads the binary `native/liveloom.<platform-triple>.node` (or the one in
 * the directory named by `LIVELOOM_NATIVE_PATH`) and throws when it cannot:
 * - `LIVELOOM_ERR_NATIVE_MISSING` when the file does not exist: run `npm run build:native` (needs a
 *   Rust toolchain). The message names the path it looked for.
 * - `LIVELOOM_ERR_NATIVE_LOAD` when the file exists but Node cannot load it (built for another
 *   platform); `cause` holds Node's error.
 *
 * The addon keeps no state and may be used from the main thread and any number of worker threads
 * at once. Every function is synchronous and pure: bytes and strings in, fresh values out.
 *
 * Errors thrown by the functions all carry a stable `code`:
 * - `TypeError` + `LIVELOOM_ERR_VDOM_BAD_ARGUMENT`: an argument has the wrong type; the message
 *   names the function, the argument and what it accepts.
 * - `Error` + `LIVELOOM_ERR_VDOM_INVALID_UTF8`: HTML bytes are not UTF-8.
 * - `Error` + `LIVELOOM_ERR_VDOM_TOO_DEEP` / `LIVELOOM_ERR_VDOM_TOO_LARGE`: the HTML nests too
 *   deeply or is too large for the engine.
 * - `Error` + `LIVELOOM_ERR_VDOM_BAD_SNAPSHOT`: a snapshot is truncated, corrupted or from another
 *   engine version; re-render from scratch.
 * - `Error` + `LIVELOOM_ERR_VDOM_BAD_CONTEXT`: `dumpHtml` was given a context it cannot parse in.
 * - `Error` + `LIVELOOM_ERR_VDOM_INTERNAL`: a bug in liveloom (a caught panic); report it with the
 *   input.
 */

/** The error codes this module's functions throw (see the module comment). */
export type NativeErrorCode =
  | 'LIVELOOM_ERR_VDOM_BAD_ARGUMENT'
  | 'LIVELOOM_ERR_VDOM_INVALID_UTF8'
  | 'LIVELOOM_ERR_VDOM_TOO_DEEP'
  | 'LIVELOOM_ERR_VDOM_TOO_LARGE'
  | 'LIVELOOM_ERR_VDOM_BAD_SNAPSHOT'
  | 'LIVELOOM_ERR_VDOM_BAD_CONTEXT'
  | 'LIVELOOM_ERR_VDOM_INTERNAL';

/** The error codes importing this module throws. */
export type NativeLoadErrorCode = 'LIVELOOM_ERR_NATIVE_MISSING' | 'LIVELOOM_ERR_NATIVE_LOAD';

/**
 * HTML to parse: a string, or UTF-8 bytes in a `Uint8Array` (a `Buffer` included; `byteOffset`
 * and `byteLength` are honoured). Views over a `SharedArrayBuffer` are refused.
 */
export type HtmlInput = string | Uint8Array;

/**
 * A snapshot to read: the `ArrayBuffer` returned by {@link parse} or {@link diff}, or any typed
 * array or `DataView` over those bytes (`byteOffset` and `byteLength` are honoured, so a slice of
 * Node's pooled `Buffer` works). Detached buffers and views over a `SharedArrayBuffer` are refused.
 */
export type SnapshotInput = ArrayBuffer | ArrayBufferView;

/** What {@link diff} returns. */
export interface DiffResult {
  /** The patch ops as JSON text (`[[op, ...args], ...]`), ready to embed in a frame unparsed. */
  ops: string;
  /** How many ops `ops` holds (0 when nothing changed). */
  count: number;
  /** The snapshot of the new HTML, to pass to the next `diff`. A fresh, transferable buffer. */
  snapshot: ArrayBuffer;
}

/** Options of {@link dumpHtml}. */
export interface DumpHtmlOptions {
  /**
   * Parse as a fragment in this context element, written the html5lib way: `"div"`,
   * `"svg path"`, `"math mi"`. Default: `undefined`, which parses a whole document.
   */
  context?: string;
  /** The parser's scripting flag (affects `<noscript>`). Default: `true`, as in browsers. */
  scripting?: boolean;
}

/** The command that builds the addon: `npm run build:native`. */
export declare const BUILD_COMMAND: string;

/** The environment variable that overrides the directory the addon is loaded from. */
export declare const NATIVE_PATH_ENV: 'LIVELOOM_NATIVE_PATH';

/** Absolute path of the addon binary that was loaded. */
export declare const nativeBinaryPath: string;

/**
 * Parses the HTML of one live container (as the contents of a `<div>`, exactly as a browser
 * would) into its snapshot.
 *
 * @returns A fresh V8-owned `ArrayBuffer` (not an external one), so it can be moved between
 *   threads with `postMessage(value, [buffer])` or Piscina's `transferList`/`Piscina.move`.
 * @throws {TypeError} `LIVELOOM_ERR_VDOM_BAD_ARGUMENT` when `html` is not a string or `Uint8Array`.
 * @throws {Error} `LIVELOOM_ERR_VDOM_INVALID_UTF8`, `LIVELOOM_ERR_VDOM_TOO_DEEP`,
 *   `LIVELOOM_ERR_VDOM_TOO_LARGE`, `LIVELOOM_ERR_VDOM_INTERNAL`.
 */
export declare function parse(html: HtmlInput): ArrayBuffer;

/**
 * Diffs a container's previous snapshot against its newly rendered HTML.
 *
 * @returns The ops that turn the old DOM into the new one, their count, and the new snapshot
 *   (fresh and transferable, like {@link parse}'s).
 * @throws {TypeError} `LIVELOOM_ERR_VDOM_BAD_ARGUMENT` when `snapshot` is not an `ArrayBuffer` or
 *   a view over one, or `html` is not a string or `Uint8Array`.
 * @throws {Error} `LIVELOOM_ERR_VDOM_BAD_SNAPSHOT` when the snapshot cannot be read, and the errors
 *   {@link parse} throws for the HTML.
 */
export declare function diff(snapshot: SnapshotInput, html: HtmlInput): DiffResult;

/**
 * A readable dump of a snapshot in the html5lib tree-construction test format (one node a line,
 * attributes sorted). For tests and debugging.
 *
 * @throws {TypeError} `LIVELOOM_ERR_VDOM_BAD_ARGUMENT` when `snapshot` is not a snapshot input.
 * @throws {Error} `LIVELOOM_ERR_VDOM_BAD_SNAPSHOT` when it cannot be read.
 */
export declare function dumpSnapshot(snapshot: SnapshotInput): string;

/**
 * Parses `html` and dumps the tree in the html5lib tree-construction test format; runs the
 * html5lib conformance tests against the same parser `parse` uses.
 *
 * @throws {TypeError} `LIVELOOM_ERR_VDOM_BAD_ARGUMENT` when `html` is not a string or `Uint8Array`,
 *   `options` is not an object, `options.context` is not a string or `options.scripting` is not
 *   a boolean.
 * @throws {Error} `LIVELOOM_ERR_VDOM_BAD_CONTEXT` for a context the engine cannot parse in, and the
 *   errors {@link parse} throws for the HTML.
 */
export declare function dumpHtml(html: HtmlInput, options?: DumpHtmlOptions): string;

/**
 * Serializes a snapshot back to HTML (the WHATWG fragment serialization); re-parsing the result
 * gives the same tree.
 *
 * @throws {TypeError} `LIVELOOM_ERR_VDOM_BAD_ARGUMENT` when `snapshot` is not a snapshot input.
 * @throws {Error} `LIVELOOM_ERR_VDOM_BAD_SNAPSHOT` when it cannot be read.
 */
export declare function toHtml(snapshot: SnapshotInput): string;

/**
 * The container's nodes as JSON text in the ops' node format (`[node, ...]`), for a client that
 * builds the container from structure rather than from HTML.
 *
 * @throws {TypeError} `LIVELOOM_ERR_VDOM_BAD_ARGUMENT` when `snapshot` is not a snapshot input.
 * @throws {Error} `LIVELOOM_ERR_VDOM_BAD_SNAPSHOT` when it cannot be read.
 */
export declare function toJson(snapshot: SnapshotInput): string;

/**
 * Parses `html` (a live container's contents, as {@link parse} does) straight to JSON nodes in
 * the ops' node format, KEEPING the children of `lv-update` / `lv-stream` containers that a
 * snapshot leaves out: for content sent to the client whole (a stream target, a fresh mount).
 *
 * @throws {TypeError} `LIVELOOM_ERR_VDOM_BAD_ARGUMENT` when `html` is not a string or `Uint8Array`.
 * @throws {Error} the errors {@link parse} throws for the HTML.
 */
export declare function parseNodes(html: HtmlInput): string;

/**
 * The engine's opcode numbers by name (`SET_TEXT`, `INSERT`, ...), so a test can check they match
 * the TypeScript protocol module. A fresh object on every call.
 */
export declare function opcodes(): Record<string, number>;
