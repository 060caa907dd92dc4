/**
 * What the WebSocket scenarios (events, idle, soak) drive: the fixture app's 100-item list and its
 * `bump` event, and how long their drivers may take to join.
 */

/** The 100-item list page. */
export const ITEMS_PATH = '/items'

/** The load event: `bump` with `id` rotating over the 100 items, so every event changes one row. */
export const BUMP_EVENT = { name: 'bump', rotate: { key: 'id', count: 100 } }

/** Time allowed per session to join, on top of a fixed minute (bounds the join phase). */
const JOIN_MS_PER_SESSION = 20

/** The driver's deadline for `sessions` sessions that then run `seconds` more. */
export function driverDeadline(sessions: number, seconds: number): number {
  return 60 + (sessions * JOIN_MS_PER_SESSION) / 1000 + seconds
}
