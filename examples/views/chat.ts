import * as v from 'valibot'
import { LiveView, event } from 'liveloom'

interface Message {
  id: number
  author: string
  text: string
}

/**
 * The chat example: messages are a temporary assign, so each render sends only the new ones
 * (appended by `lv-update="append"`) and the session does not keep the history.
 */
export default class Chat extends LiveView {
  static template = 'chat.mustache'
  static temporaryAssigns = { messages: [] as Message[] }

  messages: Message[] = []
  count = 0
  name = 'you'

  @event({ params: v.object({ name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(40)), text: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(500)) }) })
  send({ name, text }: { name: string; text: string }): void {
    this.name = name
    this.messages.push({ id: ++this.count, author: name, text })
    // A bot answers in the same render, so one reply carries both messages.
    this.messages.push({ id: ++this.count, author: 'bot', text: `${name} said ${text.length} characters` })
  }
}
