/** Imported by entry.mjs to learn whether this thread can load TypeScript. */
export const probe: true = true
