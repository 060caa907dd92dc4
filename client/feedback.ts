/**
 * Local changes to a DOM that must equal the server's tree: the feedback while events are in
 * flight (`<directive>-loading` classes, `lv-disable-with` text, locked forms) and the lasting
 * changes other modules keep (a stream target's classes). Every change knows how to undo itself:
 * before any frame is applied all of them are undone (last made, first undone), so patch paths
 * see exactly the server's DOM; afterwards those still wanted are made again on the elements
 * still in the page, reading the server's new values first.
 */
import { Attr, LOADING_SUFFIX, type ServerFrame } from '../src/protocol/frames.js'
import { BUTTON_TYPES } from './params.js'

/**
 * A local change: makes itself on the page as it is now (reading the server's values first) and
 * returns how to undo it, or nothing when it cannot be made (its element left the page).
 */
export type Change = () => (() => void) | undefined

/** One event in flight, or one key's lasting changes. */
interface Entry {
  changes: Change[]
  undos: (() => void)[]
  /** The form its submit locked. */
  form?: Element
  /** Told the reply or error frame, or nothing when the connection went down first. */
  settle?: (frame?: ServerFrame) => void
}

/** The local changes of one container: events in flight by ref, lasting changes by key. */
export interface InFlight {
  /** Records the event `ref` sent from `el`'s `directive` (none: a hook's `pushEvent`), making its feedback; a submit of `form` locks it. */
  add(ref: number, settle?: Entry['settle'], el?: Element, directive?: string, form?: Element): void
  /**
   * Sets the lasting changes named `key` (none: ends them), kept across frames and disconnects
   * until set again. Call it only while a frame is applied (within [[around]]): they are made
   * with the others after the frame.
   */
  keep(key: string, changes: Change[]): void
  /** Runs `update` (which applies a frame) with the local changes undone, then drops `ref` (answered by that frame) and returns its entry. */
  around(update: () => void, ref?: number): Entry | undefined
  /** Whether a submit of `form` is in flight. */
  locked(form: Element): boolean
  /** Undoes the events' feedback and forgets every ref, telling each (the connection is down: no reply will come). */
  reset(): void
}

/** Sets attribute `name` of `el` (while it is in the page) to `value(old)`, restoring the old value (or absence) on undo. */
function attr(el: Element, name: string, value: (old: string | null) => string): Change {
  return () => {
    if (!el.isConnected) return
    const old = el.getAttribute(name)
    el.setAttribute(name, value(old))
    return () => (old === null ? el.removeAttribute(name) : el.setAttribute(name, old))
  }
}

/** The feedback of an event from `el`'s `directive`, and of locking `form`. */
function changesOf(el: Element, directive: string, form?: Element): Change[] {
  const loading = (e: Element, d: string): Change => attr(e, 'class', (old) => (old ? old + ' ' : '') + d + LOADING_SUFFIX)
  const changes = [loading(el, directive)]
  if (form) {
    if (form !== el) changes.push(loading(form, Attr.SUBMIT))
    form.querySelectorAll<HTMLInputElement>('input,select,textarea,button').forEach((f) => {
      changes.push(attr(f, BUTTON_TYPES.test(f.type) ? 'disabled' : 'readonly', () => ''))
    })
    form.querySelectorAll(`[${Attr.DISABLE_WITH}]`).forEach((b) => {
      const text = b.getAttribute(Attr.DISABLE_WITH)!
      // An <input type=submit> shows its value; other buttons, their children (kept, to be put back).
      changes.push(
        b.localName === 'input'
          ? attr(b, 'value', () => text)
          : () => {
              if (!b.isConnected) return
              const old = Array.from(b.childNodes)
              b.textContent = text
              return () => b.replaceChildren(...old)
            },
      )
    })
  }
  return changes
}

/** The local changes of one container. */
export function inFlight(): InFlight {
  // Refs are numbers, lasting keys strings: one map keeps one order of making and undoing.
  const refs = new Map<number | string, Entry>()
  const make = (e: Entry): void =>
    e.changes.forEach((change) => {
      const undo = change()
      if (undo) e.undos.push(undo)
    })
  const undo = (): void => [...refs.values()].reverse().forEach((e) => e.undos.splice(0).reverse().forEach((u) => u()))
  return {
    add(ref, settle, el, directive, form) {
      const e: Entry = { changes: el ? changesOf(el, directive!, form) : [], undos: [], form, settle }
      refs.set(ref, e)
      make(e)
    },
    keep(key, changes) {
      refs.delete(key)
      if (changes.length) refs.set(key, { changes, undos: [] })
    },
    around(update, ref) {
      const done = refs.get(ref!)
      undo()
      try {
        update()
      } finally {
        refs.delete(ref!)
        refs.forEach(make)
      }
      return done
    },
    locked: (form) => [...refs.values()].some((e) => e.form === form),
    reset() {
      undo()
      refs.forEach((e, key) => {
        if (typeof key === 'number') {
          refs.delete(key)
          e.settle?.()
        }
      })
      refs.forEach(make)
    },
  }
}
