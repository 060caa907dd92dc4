import * as v from 'valibot'
import { LiveView, event, type AsyncResult } from 'liveloom'
import { fakeTokens } from '../data/tokens.js'

/**
 * The streaming example: an assistant "answers" with a fake token generator. The answer streams
 * into its message while the session keeps handling events (the cancel button), with a spinner
 * while it streams and an error case (ask something with "fail" in it). Messages are a
 * collection stream: the server keeps none of them.
 */
export default class Assistant extends LiveView {
  static template = 'assistant.mustache'

  nextId = 1
  answering: number | null = null

  get busy(): boolean {
    return this.answering !== null
  }

  @event({ params: v.object({ question: v.pipe(v.string(), v.trim(), v.minLength(1, 'ask something'), v.maxLength(500)) }) })
  ask({ question }: { question: string }): void {
    if (this.answering !== null) return
    const answer = { id: this.nextId + 1, role: 'assistant', text: '', streaming: true }
    this.stream('messages', [{ id: this.nextId, role: 'user', text: question, streaming: false }, answer])
    this.nextId += 2
    this.answering = answer.id
    const target = `answer-${answer.id}`
    this.startAsync('answer', async ({ signal, streamText, streamStart, streamDone, streamError }) => {
      await streamStart(target)
      let text = ''
      for await (const token of fakeTokens(question, signal, question.includes('fail') ? 12 : 40)) {
        text += token
        await streamText(target, token)
      }
      if (signal.aborted) {
        await streamError(target, 'cancelled')
        return { text, stopped: 'cancelled' }
      }
      if (question.includes('fail')) {
        await streamError(target, 'the model is overloaded')
        return { text, stopped: 'the model is overloaded' }
      }
      await streamDone(target)
      return { text, stopped: null }
    })
  }

  @event() cancel(): void {
    this.cancelAsync('answer')
  }

  handleAsync(_name: string, result: AsyncResult): void {
    const id = this.answering
    this.answering = null
    if (id === null || !result.ok) return
    const { text, stopped } = result.value as { text: string; stopped: string | null }
    // The finished message replaces the streaming one in place with the same text: no flicker.
    if (stopped === null) this.streamInsert('messages', { id, role: 'assistant', text, streaming: false })
  }
}
