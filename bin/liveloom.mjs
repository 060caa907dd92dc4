#!/usr/bin/env node
// The `liveloom` command. liveloom and its users' views are TypeScript, loaded at run time by
// tsx (the worker threads register it for themselves: see workers/entry.mjs).
import { register } from 'tsx/esm/api'

register()
await import('../src/cli.ts')
