/**
 * Side channels as effects: page title and meta from fields, JS command chains (in templates and
 * pushed), trigger-submit, and defer.
 */

import test from 'ava'
import { JS } from '../src/index.js'
import { mountView } from '../src/testing/index.js'
import { fixtureView, fetchPage, startServer, connect } from './support/live-client.js'

test('pageTitle and pageMeta: set on mount, then only what changed, as effects', async (t) => {
  const view = await mountView(fixtureView('side-channels'))
  t.deepEqual(view.mountEffects, [['title', 'Inbox (0)'], ['meta', { 'og:title': 'Inbox', description: 'your mail' }]])
  t.deepEqual((await view.push('receive')).effects, [['title', 'Inbox (1)']])
  t.deepEqual((await view.push('retitle')).effects, [['meta', { 'og:title': 'New', description: null }]])
})

test('JS chains: built on the server, JSON in templates, pushed as effects', async (t) => {
  const chain = JS.show('#modal').addClass('open', { to: '#modal' }).focus('#modal input')
  t.deepEqual(chain.toJSON(), [['show', { to: '#modal' }], ['add_class', { names: 'open', to: '#modal' }], ['focus', { to: '#modal input' }]])
  const view = await mountView(fixtureView('side-channels'))
  t.regex(view.html, /lv-click="\[\[&quot;show&quot;,\{&quot;to&quot;:&quot;#modal&quot;\}\],\[&quot;add_class&quot;/)
  t.deepEqual((await view.push('openModal')).effects, [['js', [['show', { to: '#modal' }], ['focus', { to: '#modal input' }]]]])
  t.throws(() => JS.setAttr('onclick', 'x'), { code: 'LIVELOOM_ERR_JS_COMMAND' } as never)
  t.throws(() => JS.addClass('a "b'), { code: 'LIVELOOM_ERR_JS_COMMAND' } as never)
})

test('triggerSubmit is a submit effect; defer runs after the task, once', async (t) => {
  const view = await mountView(fixtureView('side-channels'))
  t.deepEqual((await view.push('pay')).effects, [['submit', '#pay']])
  const g = globalThis as { __deferred?: string[] }
  g.__deferred = []
  const pushed = await view.push('track', { tag: 'a' })
  t.deepEqual(pushed, { ops: [], effects: [], data: undefined, rendered: false, stream: [], items: {} })
  t.deepEqual(g.__deferred, [], 'not yet: it runs after the result is out')
  await new Promise((resolve) => setImmediate(resolve))
  await new Promise((resolve) => setImmediate(resolve))
  t.deepEqual(g.__deferred, ['a'])
})

test('the HTTP page carries the title and meta tags the mount set', async (t) => {
  const server = await startServer({ routes: { '/': fixtureView('side-channels') } })
  t.teardown(() => server.close())
  const page = await fetchPage(server.url)
  t.regex(page.html, /<title>Inbox \(0\)<\/title><meta property="og:title" content="Inbox"><meta name="description" content="your mail"><script type="module"/)
  const socket = await connect(server)
  await socket.join(page.token)
  t.deepEqual(await socket.event('receive'), { t: 'reply', ref: 2, v: 1, ops: [[0, [0, 0], '1']], effects: [['title', 'Inbox (1)']] })
  // One frame: the patch, then the effects in the order the handler asked, page metadata last.
  t.deepEqual(await socket.event('announce'), {
    t: 'reply',
    ref: 3,
    v: 2,
    ops: [[0, [0, 0], '2']],
    effects: [
      ['event', 'first', { unread: 2 }],
      ['js', [['add_class', { names: 'seen', to: '#unread' }]]],
      ['event', 'second', {}],
      ['title', 'Inbox (2)'],
    ],
  })
  await socket.close()
})
