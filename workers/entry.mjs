// The Piscina worker entry. liveloom's sources and users' views are TypeScript, loaded by tsx.
// Node 20 does not give worker threads the module hooks of the thread that started them, so
// unless this thread can already import .ts (newer Node inherits hooks), tsx is registered here.
// The probe is a separate module because a failed import stays cached under its URL.
try {
  await import('./ts-probe.ts')
} catch (error) {
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error
  const { register } = await import('tsx/esm/api')
  register()
}

const main = await import('./worker-main.ts')

/** Runs one task; see worker-main.ts. */
export default main.default
