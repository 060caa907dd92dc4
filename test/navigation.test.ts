/**
 * Live navigation and flash: handleParams after mount and on URL changes, livePatch, the params
 * and navigate frames, liveRedirect over the same socket with its flash, and no open redirects.
 */

import test from 'ava'
import { mountView } from '../src/testing/index.js'
import { connect, fetchPage, fixtureView, startServer } from './support/live-client.js'

test('handleParams runs after mount and on every URL change; livePatch follows the new URL', async (t) => {
  const view = await mountView(fixtureView('products'), { url: '/products?page=3&q=tea' })
  t.like(view.state, { page: 3, filter: 'tea' })
  const next = await view.push('next')
  t.deepEqual(next.patch, { url: '/products?page=4&q=tea', replace: false })
  t.like(view.state, { page: 4, filter: 'tea' })
  t.is(view.url, '/products?page=4&q=tea')
  await view.patchUrl('/products?page=1')
  t.like(view.state, { page: 1, filter: '' })
})

test('flash renders through the template, clears with lv:clear-flash, travels with a redirect', async (t) => {
  const view = await mountView(fixtureView('products'))
  await view.push('save')
  t.regex(view.html, /<p id="flash">Saved<\/p>/)
  await view.push('lv:clear-flash', { level: 'info' })
  t.notRegex(view.html, /id="flash"/)
  const left = await view.push('leave')
  t.deepEqual(left.redirect, { url: '/target', replace: false, flash: { info: 'See you' } })
  await t.throwsAsync(view.push('escape'), { code: 'LIVELOOM_ERR_NAVIGATION' } as never)
})

test('over the socket: patch effects, params frames, navigate with flash, refused targets', async (t) => {
  const server = await startServer({ routes: { '/products': fixtureView('products'), '/target': fixtureView('target') } })
  t.teardown(() => server.close())
  const page = await fetchPage(server.url, '/products?page=2')
  t.is(page.inner, '<p id="page">2</p><p id="q"></p>')
  const socket = await connect(server)
  await socket.join(page.token, undefined, '/products?page=2')
  t.deepEqual(await socket.event('next'), { t: 'reply', ref: 2, v: 1, effects: [['patch', '/products?page=3&q=', false]] })
  t.deepEqual(await socket.next(), { t: 'diff', v: 2, ops: [[0, [0, 0], '3']] })
  socket.send({ t: 'params', url: '/products?page=7&q=ink' })
  t.deepEqual(await socket.next(), { t: 'reply', ref: 3, v: 3, ops: [[0, [0, 0], '7'], [4, [1], 0, 'ink']] })
  socket.send({ t: 'params', url: '/target' })
  t.like(await socket.next(), { t: 'error', ref: 4, code: 'LIVELOOM_ERR_NAVIGATION' })
  socket.send({ t: 'navigate', url: '/nowhere' })
  t.like(await socket.next(), { t: 'error', ref: 5, code: 'LIVELOOM_ERR_NOT_LIVE' })
  t.deepEqual(await socket.event('leave'), {
    t: 'reply',
    ref: 6,
    v: 6,
    ops: [[4, [], 2, ['p', ['id', 'flash'], ['See you']]]],
    effects: [['redirect', '/target', false]],
  })
  socket.send({ t: 'navigate', url: '/target' })
  const joined = await socket.next()
  t.like(joined, { t: 'joined', ref: 7, v: 0 })
  t.deepEqual(joined.nodes, [['h1', [], ['target']], ['p', ['id', 'flash'], ['See you']]])
  t.like(await socket.event('escape'), { t: 'error', code: 'LIVELOOM_ERR_EVENT_UNKNOWN' })
  await socket.close()
})
