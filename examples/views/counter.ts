import { LiveView, event } from 'liveloom'

/** The counter example: fields are state, getters are computed, @event() methods are callable. */
export default class Counter extends LiveView {
  static template = 'counter.mustache'

  count = 0

  mount(): void {
    this.setTitle('Counter · liveloom')
  }

  get doubled(): number {
    return this.count * 2
  }

  @event() increment(): void {
    this.count++
  }

  @event() decrement(): void {
    this.count--
  }

  @event() reset(): void {
    this.count = 0
  }
}
