/**
 * Side channels: a frame's effects (title, meta tags, warnings, push events, JS commands,
 * native form submits, live navigation), live navigation links (client/nav.ts), flash
 * auto-dismiss (client/auto-dismiss.ts), and the JS command chains of event directives (a value
 * that is a JSON list). A separate module that the core loads when a frame carries effects, a
 * chain is triggered, or the container has live navigation links or `lv-auto-dismiss` elements,
 * holding frames (in order) while it loads: the core's size budget has no room for them.
 * Everything it needs from the core comes in [[JsHost]]: it imports nothing of the core (no
 * chunk shared by both).
 */
import { Attr, EffectKind, type Effect, type EventParams, type JsCommand } from '../src/protocol/frames.js'
import { autoDismiss, type SettlingPush } from './auto-dismiss.js'
import type { Env } from './env.js'
import type { InFlight } from './feedback.js'
import { commands, type Push } from './js-commands.js'
import { ClientName } from './names.js'
import { navigation, type NavHost } from './nav.js'

/** What the core gives the module (`send` and `env`: live navigation, client/nav.ts; `env`'s `setTimeout`: auto-dismiss). */
export interface JsHost extends NavHost {
  container: Element
  /** Sends an event from no element (the `push` commands of `js` effects, auto-dismiss's `lv:clear-flash`). */
  push: SettlingPush
  env: Pick<Env, 'location' | 'setTimeout'>
  /** The container's local changes: JS commands keep theirs there. */
  flight: Pick<InFlight, 'keep' | 'around'>
}

/** What the core calls in the module. */
export interface Js {
  /** Runs the chain in directive value `text` from `el`, whose event has `params`; its `push` commands send through `push`. */
  run(text: string, el: Element, params: EventParams, push: Push): void
  /**
   * Runs after every applied frame that moved the version (a `joined` or `render` included),
   * after its ops and outside InFlight.around: carries out its effects, in order, then arms the
   * auto-dismiss timers of the container's new `lv-auto-dismiss` elements.
   */
  effects(effects?: Effect[]): void
}

/** Sets (or, for `null`, removes) the `<meta>` tags of `doc`'s head: `og:title` is a `property=` tag, `description` a `name=` one. */
function meta(doc: Document, tags: Record<string, string | null>): void {
  for (const [name, content] of Object.entries(tags)) {
    const by = name.includes(':') ? 'property' : 'name'
    // Compared, not put in a selector: any name works, with no escaping.
    let tag = Array.from(doc.head.querySelectorAll('meta')).find((m) => m.getAttribute(by) === name)
    if (content === null) tag?.remove()
    else {
      if (!tag) {
        tag = doc.createElement('meta')
        tag.setAttribute(by, name)
        doc.head.append(tag)
      }
      tag.setAttribute('content', content)
    }
  }
}

/** Starts the side channels of `host.container`. */
export function startJs(host: JsHost): Js {
  const { container, flight } = host
  const doc = container.ownerDocument
  const win = doc.defaultView as Window & typeof globalThis
  // Between frames: `around` makes the new lasting changes at once, with the others.
  const navigate = navigation(host)
  const dismiss = autoDismiss(host)
  const commandsOf = commands({ container, keep: (key, changes) => flight.around(() => flight.keep(key, changes)) })
  // A bad chain or command must not stop the client: it is the app's, and reported as such.
  const run = (chain: unknown, el: Element | undefined, params: EventParams, push: Push): void => {
    try {
      if (!Array.isArray(chain)) throw new Error('not a list of commands')
      commandsOf(chain as JsCommand[], el, params, push)
    } catch (error) {
      console.error('LIVELOOM_ERR_JS_COMMAND', error)
    }
  }
  return {
    run(text, el, params, push) {
      let chain: unknown
      try {
        chain = JSON.parse(text)
      } catch (error) {
        return console.error('LIVELOOM_ERR_JS_COMMAND', error)
      }
      run(chain, el, params, push)
    },
    effects(effects = []) {
      for (const [kind, arg, payload] of effects) {
        if (kind === EffectKind.TITLE) doc.title = arg as string
        if (kind === EffectKind.WARN) console.warn(arg)
        if (kind === EffectKind.JS) run(arg, undefined, {}, host.push)
        if (kind === EffectKind.META) meta(doc, arg as Record<string, string | null>)
        if (kind === EffectKind.PATCH || kind === EffectKind.REDIRECT) navigate(kind, arg as string, payload as boolean)
        if (kind === EffectKind.EVENT) {
          // Hooks' handleEvent listens to `lv:event` too (client/hooks.ts).
          container.dispatchEvent(new win.CustomEvent(ClientName.EVENT, { detail: { name: arg, payload } }))
          win.dispatchEvent(new win.CustomEvent('liveloom:' + arg, { detail: payload }))
        }
        if (kind === EffectKind.SUBMIT) {
          let form: Element | null = null
          try {
            form = container.querySelector(arg as string)
          } catch {
            // Not a valid selector: no form.
          }
          // The prototype's submit: a field named `submit` shadows the form's own.
          if (form?.localName === 'form' && form.hasAttribute(Attr.TRIGGER_ACTION)) win.HTMLFormElement.prototype.submit.call(form)
          else console.error('LIVELOOM_ERR_TRIGGER_ACTION', arg)
        }
      }
      // After the effects: a JS command may have changed an element's attributes.
      dismiss()
    },
  }
}
