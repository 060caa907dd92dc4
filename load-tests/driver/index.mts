/**
 * The WebSocket load driver: sessions that behave like browsers (GET the page, open the socket
 * with the page's Origin, join, one event in flight at a time), spread over driver processes,
 * with exact round-trip histograms merged across them. See fleet.mts for the phases.
 */

export { DriverFleet, defaultProcesses, type FleetOptions } from './fleet.mjs'
export type { DriverMode, DriverPlan, DriverReport, EventSpec } from './plan.mjs'
export { JOIN_TIMEOUT_MS, REPLY_TIMEOUT_MS } from './session.mjs'
