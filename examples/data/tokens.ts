/**
 * A fake language model for the assistant example: an async iterator of words with small,
 * uneven delays, stopping early when the signal aborts.
 */

const WORDS = 'liveloom streams each token to the browser as it arrives while the workers keep rendering and the event loop stays free so thousands of answers can flow at sixty frames a second'.split(' ')

/** Yields about `count` tokens answering `question`, each after a short pause. */
export async function* fakeTokens(question: string, signal: AbortSignal, count = 40, delayMs = 25): AsyncGenerator<string> {
  const seed = [...question].reduce((sum, c) => sum + c.charCodeAt(0), 0)
  for (let i = 0; i < count; i++) {
    if (signal.aborted) return
    await new Promise((resolve) => setTimeout(resolve, delayMs / 2 + ((seed + i * 7) % delayMs)))
    if (signal.aborted) return
    yield (i === 0 ? '' : ' ') + WORDS[(seed + i) % WORDS.length]
  }
}
