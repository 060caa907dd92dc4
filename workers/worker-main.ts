/**
 * What the Piscina worker entry (`entry.mjs`) runs: tasks, moving the result buffers back to the
 * gateway rather than copying them.
 */

import { move, workerData, transferableSymbol, valueSymbol } from 'piscina'
import { createTemplateStore } from './templates/index.js'
import { runTask } from './run-task.js'
import { channelSink } from './stream-channel.js'
import type { Task, TaskResult, WorkerConfig } from './task-types.js'

const config = workerData as WorkerConfig
const env = {
  templates: createTemplateStore({ partialsDir: config.templatesDir, missingPartial: 'error', cache: !config.reloadTemplates }),
  dev: config.dev,
  sink: channelSink,
}

// Piscina moves one value: this wrapper names both buffers of a result as its transfer list.
class MovableResult {
  constructor(private readonly result: TaskResult) {}
  get [transferableSymbol](): ArrayBuffer[] {
    const r = this.result
    return r.ok ? [r.state, r.snapshot].filter((b): b is ArrayBuffer => b !== undefined) : []
  }
  get [valueSymbol](): TaskResult {
    return this.result
  }
}

/** Runs one task (see `run-task.ts`). */
export default async function task(input: Task): Promise<unknown> {
  return move(new MovableResult(await runTask(input, env)) as never)
}
