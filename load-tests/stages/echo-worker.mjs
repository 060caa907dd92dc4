// The Piscina hop alone (load-tests/bench-stages.mts): a task that moves the session's state and
// snapshot buffers back unchanged, as a real event task moves its results (workers/worker-main.ts).
import { transferableSymbol, valueSymbol } from 'piscina'

class Moved {
  constructor(result) {
    this.result = result
  }
  get [transferableSymbol]() {
    return [this.result.state, this.result.snapshot]
  }
  get [valueSymbol]() {
    return this.result
  }
}

export default function echo({ state, snapshot }) {
  return new Moved({ ok: true, state, snapshot })
}
