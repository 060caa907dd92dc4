/**
 * What the Piscina worker entry (`entry.mjs`) runs: tasks, moving the result buffers back to the
 * gateway rather than copying them.
 */

import { move, workerData, transferableSymbol, valueSymbol } from 'piscina'
import { createTemplateStore } from './templates/index.js'
import { runTask, type TaskEnvironment } from './run-task.js'
import { channelSink, flushOps, onCancelRequest, tellGateway } from './stream-channel.js'
import { JobRunner } from './async-jobs.js'
import { parseNodes } from '../native/index.js'
import type { WireNode } from '../src/protocol/ops.js'
import type { Task, TaskResult, WorkerConfig } from './task-types.js'

const config = workerData as WorkerConfig
const jobs = new JobRunner({
  sink: channelSink,
  toNodes: (html) => JSON.parse(parseNodes(html)) as WireNode[],
  started: (sid, name, task) => tellGateway({ k: 'job', sid, name, task }),
  finished: (sid, name, task, result, written) => tellGateway({ k: 'async', sid, name, task, result, written }),
})
onCancelRequest((sid, name, task) => jobs.cancel(sid, name, task))
const env: TaskEnvironment = {
  templates: createTemplateStore({ partialsDir: config.templatesDir, missingPartial: 'error', cache: !config.reloadTemplates }),
  dev: config.dev,
  sink: channelSink,
  startJob: (sid, name, job, view, task) => jobs.start(sid, name, job, view, task),
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
  const result = await runTask(input, env)
  // The reply waits for every op the task streamed: post the gathered ones now.
  flushOps()
  return move(new MovableResult(result) as never)
}
