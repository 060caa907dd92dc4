import * as v from 'valibot'
import { LiveView, event } from 'liveloom'

/** One row of the list. `price` is display text (`$12.34`), as a shop's state would hold it. */
interface Item {
  id: number
  name: string
  price: string
}

const ITEM_COUNT = 100

/** `bump`'s params as the client sends them from `data-id`: a decimal string naming an item. */
const BumpParams = v.object({
  id: v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number), v.integer(), v.minValue(1), v.maxValue(ITEM_COUNT)),
})

/**
 * The issue's "100-item list" (`/items`): 100 products in the view's state, rendered as 100 keyed
 * rows, and an update counter. `bump` is the load tests' event: it changes one item's price and
 * the counter, so every event is real state work (hydrate, handler, render, diff) with a small,
 * exact change to send. The load driver sends `bump` with `{ id: '1' … '100' }`.
 */
export default class Items extends LiveView {
  static template = 'items.mustache'

  updates = 0
  items: Item[] = Array.from({ length: ITEM_COUNT }, (_, i) => ({
    id: i + 1,
    name: `Item ${i + 1} — Deluxe widget`,
    price: cents((i + 1) * 125 + 1000),
  }))

  /** Raises item `id`'s price by one cent and counts the update. */
  @event({ params: BumpParams })
  bump({ id }: { id: number }): void {
    const item = this.items[id - 1]!
    item.price = cents(Math.round(Number(item.price.slice(1)) * 100) + 1)
    this.updates++
  }
}

/** `1234` → `$12.34`. */
function cents(amount: number): string {
  return `$${(amount / 100).toFixed(2)}`
}
