/**
 * Applies the native engine's patch ops to the live container's DOM. New nodes are built from
 * structure (createElement / createTextNode), never by parsing HTML, so the DOM stays equal to the
 * server's tree node for node. Works on any DOM implementation (the browser, or happy-dom in
 * tests).
 */
import { Namespace, Op, UpdateMode, type Path, type WireNode, type WireOp } from '../src/protocol/ops.js'

const SVG_NS = 'http://www.w3.org/2000/svg'
const MATHML_NS = 'http://www.w3.org/1998/Math/MathML'
const XLINK_NS = 'http://www.w3.org/1999/xlink'
const XML_NS = 'http://www.w3.org/XML/1998/namespace'
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/'

/** Element namespace URIs by the node format's `ns` number (0/absent = HTML). */
const ELEMENT_NS: Record<number, string> = { 1: SVG_NS, 2: MATHML_NS }

/**
 * The attributes the HTML parser puts in a namespace on SVG and MathML elements ("adjust foreign
 * attributes"). The parser namespaces exactly these names, so the qualified name alone says which
 * namespace an attribute of a foreign element is in.
 */
const FOREIGN_ATTR_NS: Record<string, string> = {
  'xlink:actuate': XLINK_NS,
  'xlink:arcrole': XLINK_NS,
  'xlink:href': XLINK_NS,
  'xlink:role': XLINK_NS,
  'xlink:show': XLINK_NS,
  'xlink:title': XLINK_NS,
  'xlink:type': XLINK_NS,
  'xml:lang': XML_NS,
  'xml:space': XML_NS,
  xmlns: XMLNS_NS,
  'xmlns:xlink': XMLNS_NS,
}

/**
 * Thrown when an op does not fit the DOM; the client then asks the server for a fresh render. It
 * carries no message: nothing reads one, and the core's bytes are budgeted.
 */
export class PatchMismatch extends Error {
  /** Stable code. */
  readonly code = 'LIVELOOM_ERR_PATCH_MISMATCH'
}

function attrNamespace(el: Element, name: string): string | undefined {
  return el.namespaceURI === 'http://www.w3.org/1999/xhtml' ? undefined : FOREIGN_ATTR_NS[name]
}

/** Sets an attribute, in the namespace the HTML parser would have given it. */
export function setAttr(el: Element, name: string, value: string): void {
  const ns = attrNamespace(el, name)
  if (ns) el.setAttributeNS(ns, name, value)
  else el.setAttribute(name, value)
}

/** Removes an attribute set by [[setAttr]] or by the parser. */
export function removeAttr(el: Element, name: string): void {
  const ns = attrNamespace(el, name)
  if (ns) el.removeAttributeNS(ns, name.slice(name.indexOf(':') + 1))
  else el.removeAttribute(name)
}

/** The node list a path index counts in: a template's contents, else the node's children. */
function childList(node: Node): NodeListOf<ChildNode> {
  const content = (node as HTMLTemplateElement).content
  return (content && (node as Element).localName === 'template' ? content : node).childNodes as NodeListOf<ChildNode>
}

function parentOfChildren(node: Node): Node {
  const content = (node as HTMLTemplateElement).content
  return content && (node as Element).localName === 'template' ? content : node
}

/** Per document, the fragment-parsed scripts new ones are cloned from, by namespace number. */
const inertScripts = new WeakMap<Document, Element[]>()

/**
 * A `<script>` (HTML, or SVG when `ns` is 1) that will not run when inserted. A script made by
 * `createElement`/`createElementNS` runs on insertion, but patched-in scripts must not run: the
 * page follows `innerHTML` semantics, as in Phoenix. The fragment parser marks its scripts
 * "already started" and cloning copies that flag, so a clone of a fragment-parsed script is the
 * same element, inert.
 */
function inertScript(doc: Document, ns = 0): Element {
  let scripts = inertScripts.get(doc)
  if (!scripts) inertScripts.set(doc, (scripts = []))
  if (!scripts[ns]) {
    const template = doc.createElement('template')
    template.innerHTML = ns ? '<svg><script></script></svg>' : '<script></script>'
    scripts[ns] = doc.importNode(template.content.querySelector('script')!)
  }
  return scripts[ns].cloneNode() as Element
}

/** Builds a DOM node from the wire format. `<script>` elements are built inert (see [[inertScript]]). */
export function buildNode(doc: Document, spec: WireNode): Node {
  if (typeof spec === 'string') return doc.createTextNode(spec)
  if (spec[0] === '!') return doc.createComment(spec[1] as string)
  const [name, attrs, children, ns] = spec as [string, string[]?, WireNode[]?, number?]
  const el =
    name === 'script' && ns !== Namespace.MATHML ? inertScript(doc, ns) : ns ? doc.createElementNS(ELEMENT_NS[ns], name) : doc.createElement(name)
  if (attrs) for (let i = 0; i < attrs.length; i += 2) setAttr(el, attrs[i], attrs[i + 1])
  if (children) {
    const parent = parentOfChildren(el)
    for (const child of children) parent.appendChild(buildNode(doc, child))
  }
  return el
}

function resolve(container: Node, path: Path, upTo = path.length): Node {
  let node = container
  for (let i = 0; i < upTo; i++) {
    const next = childList(node)[path[i]]
    if (!next) throw new PatchMismatch()
    node = next
  }
  return node
}

function asElement(node: Node, path: Path): Element {
  if (node.nodeType !== 1) throw new PatchMismatch()
  return node as Element
}

function insertAt(parent: Node, node: Node, index: number): void {
  const list = childList(parent)
  if (index > list.length) throw new PatchMismatch()
  parentOfChildren(parent).insertBefore(node, list[index] ?? null)
}

function updateChildren(doc: Document, container: Element, mode: number, specs: WireNode[]): void {
  // Prepended children keep their rendered order: all go before the original first child.
  const anchor = mode === UpdateMode.PREPEND ? container.firstChild : null
  for (const spec of specs) {
    const node = buildNode(doc, spec)
    const id = node.nodeType === 1 ? (node as Element).getAttribute('id') : null
    let existing: Element | null = null
    if (id !== null) {
      for (let c = container.firstElementChild; c; c = c.nextElementSibling) {
        if (c.getAttribute('id') === id) {
          existing = c
          break
        }
      }
    }
    if (existing) container.replaceChild(node, existing)
    else container.insertBefore(node, anchor)
  }
}

/**
 * Called after each op with the node whose attribute (`attr`) or children (no `attr`) the op
 * changed: an element, or a template's content fragment. The client uses it to make form
 * controls' properties follow their attributes.
 */
export type OpHook = (node: Node, attr?: string) => void

/**
 * Offered each `UPDATE_CHILDREN` op's element and nodes before the default `lv-update`
 * placement; returns true when it placed them itself (the client's collection streams do).
 */
export type ChildrenHook = (el: Element, nodes: WireNode[]) => boolean

/**
 * Applies ops in order to the children of `container`, calling `before` (default: none) before
 * each op with the node it is about to change (as `hook` will name it: hooks' `beforeUpdate` must
 * see the DOM the op has not touched yet) and `hook` after it; `children` (default: none) may
 * place an `UPDATE_CHILDREN` op's nodes itself. Throws [[PatchMismatch]] as soon as an op does
 * not fit (the DOM was changed behind the server's back); ops before it stay applied, so the
 * caller must re-render the container from scratch.
 */
export function applyOps(container: Element, ops: WireOp[], hook?: OpHook, before?: (node: Node) => void, children?: ChildrenHook): void {
  const doc = container.ownerDocument
  for (const op of ops) {
    const [code, path] = op
    // The op's node, and the node whose attributes or children it changes.
    const node = resolve(container, path)
    const changed = code === Op.SET_TEXT || code === Op.REPLACE || code === Op.REMOVE ? node.parentNode! : node
    const attr = code === Op.SET_ATTR || code === Op.REMOVE_ATTR ? op[2] : undefined
    if (attr !== undefined || code === Op.UPDATE_CHILDREN) asElement(node, path)
    before?.(changed)
    switch (op[0]) {
      case Op.SET_TEXT:
        if (node.nodeType !== 3 && node.nodeType !== 8) throw new PatchMismatch()
        ;(node as CharacterData).data = op[2]
        break
      case Op.SET_ATTR:
        setAttr(node as Element, op[2], op[3])
        break
      case Op.REMOVE_ATTR:
        removeAttr(node as Element, op[2])
        break
      case Op.REPLACE:
        changed.replaceChild(buildNode(doc, op[2]), node)
        break
      case Op.INSERT:
        insertAt(node, buildNode(doc, op[3]), op[2])
        break
      case Op.REMOVE:
        changed.removeChild(node)
        break
      case Op.MOVE: {
        const child = childList(node)[op[2]]
        if (!child) throw new PatchMismatch()
        parentOfChildren(node).removeChild(child)
        insertAt(node, child, op[3])
        break
      }
      case Op.UPDATE_CHILDREN:
        if (!children?.(node as Element, op[3])) updateChildren(doc, node as Element, op[2], op[3])
        break
      default:
        throw new PatchMismatch()
    }
    hook?.(changed, attr)
  }
}

/**
 * Reads a DOM subtree back into the wire node format (attributes in DOM order), so tests and
 * debugging tools can compare a browser's DOM with the server's tree.
 */
export function readNode(node: Node): WireNode {
  if (node.nodeType === 3) return (node as Text).data
  if (node.nodeType === 8) return ['!', (node as Comment).data]
  // Chromium 15x parses `<?target data>` as a processing instruction where the spec (and the
  // engine) make a bogus comment; it is still one CharacterData node at the same index. Report it
  // as a comment marked with `?` so callers can see and compare it.
  if (node.nodeType === 7) return ['!', `?${(node as ProcessingInstruction).target} ${(node as ProcessingInstruction).data}`]
  const el = node as Element
  const attrs: string[] = []
  for (const a of Array.from(el.attributes)) attrs.push(a.name, a.value)
  const children = Array.from(childList(el)).map(readNode)
  const ns = el.namespaceURI === SVG_NS ? 1 : el.namespaceURI === MATHML_NS ? 2 : 0
  const spec: [string, string[]?, WireNode[]?, number?] = [el.localName]
  if (attrs.length || children.length || ns) spec.push(attrs)
  if (children.length || ns) spec.push(children)
  if (ns) spec.push(ns)
  return spec
}
