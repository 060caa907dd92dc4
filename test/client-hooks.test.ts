/**
 * The hooks module (client/hooks.ts) on its own under happy-dom, driven as the core drives it:
 * the order of callbacks within one sync, the nearest hooked element for `beforeUpdate`, hooks
 * whose `lv-hook` changes, unknown and throwing hooks, `reconnected` only for hooks that saw the
 * disconnect, and push events. client-chromium.test.ts runs them through the whole client.
 */
import test from 'ava'
import { Window } from 'happy-dom'
import { startHooks, type HookDefinition, type HooksHost } from '../client/hooks.js'

/** A container with `html`, hook `Rec` logging `<callback> <id>`, and the hooks started on it. */
function setup(html: string, extra: Record<string, HookDefinition> = {}) {
  const window = new Window()
  const document = window.document as unknown as Document
  document.body.innerHTML = `<div data-lv-root>${html}</div>`
  const container = document.querySelector('[data-lv-root]')!
  const log: string[] = []
  const rec = (name: string) =>
    function (this: { el: Element }) {
      log.push(`${name} ${this.el.id}`)
    }
  const Rec = Object.fromEntries(['mounted', 'beforeUpdate', 'updated', 'destroyed', 'disconnected', 'reconnected'].map((n) => [n, rec(n)]))
  ;(window as unknown as { LiveloomHooks: object }).LiveloomHooks = { Rec, ...extra }
  const pushed: unknown[] = []
  const host: HooksHost = { container, push: (name, params) => void pushed.push([name, params]) }
  return { hooks: startHooks(host), container, log, $: (s: string) => container.querySelector(s)!, pushed }
}

test('one sync: destroyed, then updated, then mounted; beforeUpdate once per frame for the nearest hooked element', (t) => {
  const { hooks, log, $, container } = setup('<div id="a" lv-hook="Rec"><div id="b" lv-hook="Rec"><p>x</p></div></div><div id="gone" lv-hook="Rec"></div>')
  hooks.sync()
  t.deepEqual(log.splice(0), ['mounted a', 'mounted b', 'mounted gone'])
  hooks.before($('#b p'))
  hooks.before($('#b'))
  hooks.before(container) // not inside any hooked element
  $('#gone').remove()
  container.insertAdjacentHTML('beforeend', '<i id="c" lv-hook="Rec"></i>')
  hooks.sync()
  t.deepEqual(log, ['beforeUpdate b', 'destroyed gone', 'updated b', 'mounted c'])
})

test('a changed or removed lv-hook destroys the hook; the new name mounts', (t) => {
  const { hooks, log, $ } = setup('<div id="a" lv-hook="Rec"></div><div id="b" lv-hook="Rec"></div>', { Other: { mounted() { log.push('other') } } })
  hooks.sync()
  $('#a').setAttribute('lv-hook', 'Other')
  $('#b').removeAttribute('lv-hook')
  log.length = 0
  hooks.sync()
  t.deepEqual(log, ['destroyed a', 'destroyed b', 'other'])
})

test('an unknown hook warns once; a throwing callback is logged and the others still run', (t) => {
  const { hooks, log } = setup('<b id="u" lv-hook="Nope"></b><i id="x" lv-hook="Bad"></i><div id="a" lv-hook="Rec"></div>', {
    Bad: {
      mounted() {
        throw new Error('boom')
      },
    },
  })
  const warned: unknown[] = []
  const errors: unknown[] = []
  const { warn, error } = console
  console.warn = (...args: unknown[]) => void warned.push(args.join(' '))
  console.error = (e: unknown) => void errors.push((e as Error).message)
  try {
    hooks.sync()
    hooks.sync()
  } finally {
    Object.assign(console, { warn, error })
  }
  t.deepEqual(warned, ['liveloom: no hook "Nope" in window.LiveloomHooks'])
  t.deepEqual(errors, ['boom'])
  t.deepEqual(log, ['mounted a'])
})

test('reconnected only for hooks that saw the disconnect; push events reach handleEvent; pushEvent goes through the host', async (t) => {
  const got: unknown[] = []
  const { hooks, log, container, pushed } = setup('<div id="a" lv-hook="Rec"></div>', {
    Ear: {
      mounted() {
        this.handleEvent('ping', (p) => got.push(p))
        void this.pushEvent('hello', { n: 1 })
      },
    },
  })
  hooks.sync()
  hooks.down()
  container.insertAdjacentHTML('beforeend', '<p id="e" lv-hook="Ear"></p>')
  hooks.sync()
  hooks.up()
  // Push events arrive as the container's lv:event (client/js.ts emits it).
  const push = (name: string, payload: unknown): void => void container.dispatchEvent(new (container.ownerDocument.defaultView as unknown as typeof globalThis).CustomEvent('lv:event', { detail: { name, payload } }))
  push('ping', { x: 1 })
  push('other', 2)
  t.deepEqual(log, ['mounted a', 'disconnected a', 'reconnected a'])
  t.deepEqual(got, [{ x: 1 }])
  t.deepEqual(pushed, [['hello', { n: 1 }]])
})
