/**
 * JS commands (see `JsOp` in src/protocol/frames.ts): a chain built on the server, run by the
 * browser without a round trip. Use one in a template as an event directive's value, or send one
 * from a handler with `this.pushCommands(chain)`.
 *
 * ```ts
 * get openModal() { return JS.show('#modal').addClass('open', { to: 'body' }).focus('#modal input') }
 * // template: <button lv-click="{{openModal}}">Open</button>
 * ```
 */

import { LiveloomError } from '../errors.js'
import { JsOp, type JsCommand, type ParamValue } from '../protocol/frames.js'

type To = { to?: string }

/** An immutable chain of JS commands; every method returns a longer chain. */
export class JsChain {
  private constructor(private readonly commands: readonly JsCommand[]) {}

  /** An empty chain. */
  static empty(): JsChain {
    return new JsChain([])
  }

  private add(op: JsCommand[0], args: Record<string, unknown>): JsChain {
    if (args.to !== undefined && (typeof args.to !== 'string' || args.to === '')) {
      throw new LiveloomError('LIVELOOM_ERR_JS_COMMAND', `JS.${op}: to must be a CSS selector, got ${JSON.stringify(args.to)}`)
    }
    const clean: Record<string, ParamValue> = {}
    for (const [key, value] of Object.entries(args)) if (value !== undefined) clean[key] = value as ParamValue
    return new JsChain([...this.commands, [op, clean]])
  }

  show(to?: string, options: { display?: string } = {}): JsChain {
    return this.add(JsOp.SHOW, { to, ...options })
  }
  hide(to?: string): JsChain {
    return this.add(JsOp.HIDE, { to })
  }
  toggle(to?: string, options: { display?: string } = {}): JsChain {
    return this.add(JsOp.TOGGLE, { to, ...options })
  }
  addClass(names: string, options: To = {}): JsChain {
    return this.add(JsOp.ADD_CLASS, { names: classNames(names), ...options })
  }
  removeClass(names: string, options: To = {}): JsChain {
    return this.add(JsOp.REMOVE_CLASS, { names: classNames(names), ...options })
  }
  toggleClass(names: string, options: To = {}): JsChain {
    return this.add(JsOp.TOGGLE_CLASS, { names: classNames(names), ...options })
  }
  setAttr(name: string, value: string, options: To = {}): JsChain {
    return this.add(JsOp.SET_ATTR, { name: attrName(name), value: String(value), ...options })
  }
  removeAttr(name: string, options: To = {}): JsChain {
    return this.add(JsOp.REMOVE_ATTR, { name: attrName(name), ...options })
  }
  transition(names: string, options: To & { time?: number } = {}): JsChain {
    return this.add(JsOp.TRANSITION, { names: classNames(names), ...options })
  }
  focus(to?: string): JsChain {
    return this.add(JsOp.FOCUS, { to })
  }
  dispatch(event: string, options: To & { detail?: ParamValue } = {}): JsChain {
    return this.add(JsOp.DISPATCH, { event: nonEmpty(event, 'dispatch event'), ...options })
  }
  push(event: string, options: { value?: ParamValue } = {}): JsChain {
    return this.add(JsOp.PUSH, { event: nonEmpty(event, 'push event'), ...options })
  }

  /** The commands as data (what a `js` effect carries). */
  toJSON(): JsCommand[] {
    return [...this.commands]
  }

  /** The chain as JSON text, for a template attribute (mustache escapes it). */
  toString(): string {
    return JSON.stringify(this.commands)
  }
}

function classNames(names: string): string {
  const clean = String(names).trim()
  if (!/^[^\s"'<>]+(\s+[^\s"'<>]+)*$/.test(clean)) throw new LiveloomError('LIVELOOM_ERR_JS_COMMAND', `JS: class names must be space-separated names, got ${JSON.stringify(names)}`)
  return clean
}

function attrName(name: string): string {
  // Event-handler attributes would be script injection by another name.
  if (!/^[A-Za-z_:][\w:.-]*$/.test(name) || /^on/i.test(name)) throw new LiveloomError('LIVELOOM_ERR_JS_COMMAND', `JS: ${JSON.stringify(name)} is not an attribute JS commands may set`)
  return name
}

function nonEmpty(value: string, what: string): string {
  if (typeof value !== 'string' || value === '') throw new LiveloomError('LIVELOOM_ERR_JS_COMMAND', `JS: the ${what} name must be a non-empty string`)
  return value
}

/** Starts a chain: `JS.show('#x').focus('#y')`. */
export const JS = {
  show: (to?: string, options?: { display?: string }) => JsChain.empty().show(to, options),
  hide: (to?: string) => JsChain.empty().hide(to),
  toggle: (to?: string, options?: { display?: string }) => JsChain.empty().toggle(to, options),
  addClass: (names: string, options?: To) => JsChain.empty().addClass(names, options),
  removeClass: (names: string, options?: To) => JsChain.empty().removeClass(names, options),
  toggleClass: (names: string, options?: To) => JsChain.empty().toggleClass(names, options),
  setAttr: (name: string, value: string, options?: To) => JsChain.empty().setAttr(name, value, options),
  removeAttr: (name: string, options?: To) => JsChain.empty().removeAttr(name, options),
  transition: (names: string, options?: To & { time?: number }) => JsChain.empty().transition(names, options),
  focus: (to?: string) => JsChain.empty().focus(to),
  dispatch: (event: string, options?: To & { detail?: ParamValue }) => JsChain.empty().dispatch(event, options),
  push: (event: string, options?: { value?: ParamValue }) => JsChain.empty().push(event, options),
}
