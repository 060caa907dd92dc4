/**
 * Every load scenario, in the order `npm run load -- all` runs them: cheapest first, the
 * 10-minute soak last.
 */

import type { Scenario } from '../harness/types.mts'
import { httpRender } from './http-render.mjs'
import { events } from './events.mjs'
import { idle } from './idle.mjs'
import { streaming } from './streaming.mjs'
import { soak } from './soak.mjs'

/** The scenarios by run order. */
export const scenarios: readonly Scenario[] = [httpRender, events, idle, streaming, soak]
