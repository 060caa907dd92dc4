import { LiveView, event } from 'liveloom'

/** The streaming scenario's view (`/stream`): async work streams numbered tokens at a steady rate. */
export default class Streamer extends LiveView {
  static template = '<div id="out" lv-stream="out"></div><p id="done">{{done}}</p>'

  done = 0

  /** Streams `tokens` tokens (`w0 w1 …`), one every `intervalMs`, on a schedule that does not drift. */
  @event() start({ tokens, intervalMs }: { tokens: number; intervalMs: number }): void {
    this.startAsync('tokens', async ({ streamText, signal }) => {
      const start = Date.now()
      let i = 0
      for (; i < tokens && !signal.aborted; i++) {
        const wait = start + i * intervalMs - Date.now()
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
        await streamText('out', `w${i} `)
      }
      return i
    })
  }

  handleAsync(): void {
    this.done++
  }
}
