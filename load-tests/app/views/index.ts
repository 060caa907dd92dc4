import { LiveView, event } from 'liveloom'

/** The load tests' counter (`/`): the smallest live page, one event `increment` with no params. */
export default class Counter extends LiveView {
  static template = 'index.mustache'

  count = 0

  @event() increment(): void {
    this.count++
  }
}
