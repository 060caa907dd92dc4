/**
 * Patch opcodes: the one definition of the numbers the native engine emits and the client
 * applies. The Rust engine mirrors them in `native/vdom/src/ops.rs`; tests on both sides fail if
 * the two drift. See `docs/native.md` for the op set and the node format.
 *
 * An ops payload is JSON text: `[[opcode, ...args], ...]`. Paths are child indexes (over all
 * child nodes) from the live container; ops apply in order, each against the DOM the previous
 * ones left.
 */
export const Op = {
  /** `[SET_TEXT, path, text]` — set a text or comment node's data. */
  SET_TEXT: 0,
  /** `[SET_ATTR, path, name, value]` — set an attribute. */
  SET_ATTR: 1,
  /** `[REMOVE_ATTR, path, name]` — remove an attribute. */
  REMOVE_ATTR: 2,
  /** `[REPLACE, path, node]` — replace a node with one built from `node`. */
  REPLACE: 3,
  /** `[INSERT, parentPath, index, node]` — insert a new node so that it ends at `index`. */
  INSERT: 4,
  /** `[REMOVE, path]` — remove a node. */
  REMOVE: 5,
  /** `[MOVE, parentPath, from, to]` — take child `from` out and put it back so it ends at `to`. */
  MOVE: 6,
  /** `[UPDATE_CHILDREN, path, mode, nodes]` — `lv-update` append (2) or prepend (3). */
  UPDATE_CHILDREN: 7,
} as const

/** An opcode number. */
export type OpCode = (typeof Op)[keyof typeof Op]

/** `lv-update` modes as they appear in `UPDATE_CHILDREN`. */
export const UpdateMode = { APPEND: 2, PREPEND: 3 } as const

/** Element namespaces in the node format (HTML is omitted). */
export const Namespace = { SVG: 1, MATHML: 2 } as const

/** A child index path from the live container. */
export type Path = number[]

/**
 * A node, built by the client with `createElement`/`createTextNode`, never by parsing HTML:
 * a string is a text node, `['!', data]` a comment, and `[name, attrs?, children?, ns?]` an
 * element where `attrs` alternates names and values.
 */
export type WireNode = string | WireComment | WireElement
/** A comment in the node format. */
export type WireComment = ['!', string]
/** An element in the node format: name, alternating attribute names and values, children, namespace. */
export interface WireElement extends Array<string | string[] | WireNode[] | number | undefined> {
  0: string
  1?: string[]
  2?: WireNode[]
  3?: number
}

/** One op, as decoded from the ops JSON. */
export type WireOp =
  | [typeof Op.SET_TEXT, Path, string]
  | [typeof Op.SET_ATTR, Path, string, string]
  | [typeof Op.REMOVE_ATTR, Path, string]
  | [typeof Op.REPLACE, Path, WireNode]
  | [typeof Op.INSERT, Path, number, WireNode]
  | [typeof Op.REMOVE, Path]
  | [typeof Op.MOVE, Path, number, number]
  | [typeof Op.UPDATE_CHILDREN, Path, 2 | 3, WireNode[]]
