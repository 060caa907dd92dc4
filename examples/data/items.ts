/**
 * The example item list's dataset: 200 items generated deterministically, read-only. Every worker
 * thread has its own copy of this module, so nothing here may change at run time; what a user
 * deletes is kept in their session's state instead.
 */

/** An item's status. */
export type Status = 'active' | 'pending' | 'archived'

/** One item. */
export interface Item {
  id: number
  name: string
  status: Status
}

const ADJECTIVES = ['Amber', 'Brisk', 'Cobalt', 'Dusty', 'Eager', 'Fuzzy', 'Gilded', 'Hollow', 'Ivory', 'Jolly']
const NOUNS = ['Anchor', 'Beacon', 'Canyon', 'Delta', 'Ember', 'Falcon', 'Garden', 'Harbor', 'Island', 'Juniper', 'Kettle', 'Lantern', 'Meadow', 'Nebula', 'Orchard', 'Pebble', 'Quartz', 'River', 'Summit', 'Thistle']
const STATUSES: Status[] = ['active', 'pending', 'archived']

/** All items, in id order. */
export const ITEMS: readonly Item[] = Object.freeze(
  Array.from({ length: 200 }, (_, i) => ({
    id: i + 1,
    name: `${ADJECTIVES[i % ADJECTIVES.length]} ${NOUNS[(i * 7) % NOUNS.length]} ${i + 1}`,
    status: STATUSES[(i * 5) % 3]!,
  })),
)
