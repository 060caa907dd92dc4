/**
 * The todo and chat examples in a real browser against a real server: the form details people
 * get bitten by (the input cleared after a submit, checkboxes in sync, no double submit) and
 * temporary assigns appended in place.
 */

import test from 'ava'
import type { Page } from 'playwright-core'
import { shows, useLiveBrowser } from './support/live-browser.js'

const EXAMPLES = new URL('../examples/', import.meta.url)

const live = useLiveBrowser(test, () => ({
  routes: { '/todos': new URL('views/todos.ts', EXAMPLES), '/chat': new URL('views/chat.ts', EXAMPLES) },
  templatesDir: new URL('templates', EXAMPLES).pathname,
}))
const open = (path: string): Promise<Page> => live.open(path)

const titles = (page: Page): Promise<string[]> => page.locator('#todos .title').allInnerTexts()

test.serial('todos: enter adds and clears the input, checkbox toggles stay in sync, edit in place, delete with confirm, filters', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/todos')
  t.deepEqual(await titles(page), ['Read the liveloom tour', 'Write a view'])
  await page.focus('#new-title')
  await page.keyboard.type('Ship it')
  await page.keyboard.press('Enter')
  await shows(page, '#remaining', '2')
  t.deepEqual(await titles(page), ['Read the liveloom tour', 'Write a view', 'Ship it'])
  // After its form's submit is answered, the field shows the server's value (empty), focus kept.
  t.is(await page.inputValue('#new-title'), '')
  t.true(await page.evaluate(`document.activeElement === document.querySelector('#new-title')`))

  const third = page.locator('#todos li').nth(2).locator('input.toggle')
  await third.check()
  await shows(page, '#completed', '2')
  t.true(await third.isChecked())
  await third.uncheck()
  await shows(page, '#completed', '1')
  t.false(await third.isChecked())

  await page.locator('#todos .title', { hasText: 'Write a view' }).click()
  const edit = page.locator('form.edit input[name="title"]')
  await edit.fill('Write two views')
  await edit.press('Enter')
  await page.waitForFunction(`!document.querySelector('form.edit')`)
  t.deepEqual(await titles(page), ['Read the liveloom tour', 'Write two views', 'Ship it'])

  page.once('dialog', (dialog) => void dialog.dismiss())
  await page.locator('#todos li').nth(0).locator('button.delete').click()
  page.once('dialog', (dialog) => void dialog.accept())
  await page.locator('#todos li').nth(2).locator('button.delete').click()
  await page.waitForFunction(`document.querySelectorAll('#todos li').length === 2`)
  t.deepEqual(await titles(page), ['Read the liveloom tour', 'Write two views'])

  await page.locator('#filters button', { hasText: 'active' }).click()
  await page.waitForFunction(`document.querySelectorAll('#todos li').length === 1`)
  t.deepEqual(await titles(page), ['Write two views'])
  await page.close()
})

test.serial('chat: messages append in place, the session keeps none, a double submit sends once', async (t) => {
  if (!live.browser()) return t.pass()
  const page = await open('/chat')
  await page.fill('#chat-text', 'hello')
  // Two clicks in a row: the form is locked after the first until its reply.
  await page.evaluate(`document.querySelector('#chat-send').click(); document.querySelector('#chat-send').click()`)
  await shows(page, '#count', '2 messages')
  t.deepEqual(await page.locator('#messages li').allInnerTexts(), ['you: hello', 'bot: you said 5 characters'])
  await page.fill('#chat-text', 'again')
  await page.press('#chat-text', 'Enter')
  await shows(page, '#count', '4 messages')
  t.deepEqual(await page.locator('#messages li').allInnerTexts(), ['you: hello', 'bot: you said 5 characters', 'you: again', 'bot: you said 5 characters'])
  t.is(await page.locator('#chat-send').innerText(), 'Send')
  t.false(await page.locator('#chat-send').isDisabled())
  await page.close()
})
