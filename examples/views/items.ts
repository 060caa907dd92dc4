import * as v from 'valibot'
import { LiveView, event } from 'liveloom'
import { ITEMS, type Item } from '../data/items.js'

const STATUS_FILTERS = ['all', 'active', 'pending', 'archived'] as const

/**
 * The searchable item list from djust's docs: a text input filters the list as you type, a select
 * filters by status, each row has a delete button carrying `data-item-id`.
 */
export default class Items extends LiveView {
  static template = 'items.mustache'

  search = ''
  status: (typeof STATUS_FILTERS)[number] = 'all'
  deleted: number[] = []

  /** The rows shown: not deleted, matching the search (case-insensitive) and the status. */
  get items(): Item[] {
    const needle = this.search.trim().toLowerCase()
    const deleted = new Set(this.deleted)
    return ITEMS.filter(
      (item) =>
        !deleted.has(item.id) &&
        (this.status === 'all' || item.status === this.status) &&
        (needle === '' || item.name.toLowerCase().includes(needle)),
    )
  }

  get count(): number {
    return this.items.length
  }

  get statusOptions(): Array<{ value: string; selected: boolean }> {
    return STATUS_FILTERS.map((value) => ({ value, selected: value === this.status }))
  }

  @event({ params: v.object({ value: v.pipe(v.string(), v.maxLength(200)) }) })
  filterText({ value }: { value: string }): void {
    this.search = value
  }

  @event({ params: v.object({ value: v.picklist(STATUS_FILTERS) }) })
  filterStatus({ value }: { value: (typeof STATUS_FILTERS)[number] }): void {
    this.status = value
  }

  @event({ params: v.object({ itemId: v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number)) }) })
  remove({ itemId }: { itemId: number }): void {
    if (!this.deleted.includes(itemId)) this.deleted.push(itemId)
  }

  @event() restore(): void {
    this.deleted = []
  }
}
