/**
 * A driver process: runs one share of a load plan (argv[2], JSON) on the commands of its parent
 * (fleet.mts) over IPC. It closes its sockets and exits when the parent goes away or when the
 * plan's deadline passes, so no driver outlives its run.
 */

import { hasLiveloomCode } from '../../src/errors.js'
import type { Answer, Command } from './messages.mjs'
import type { SharePlan } from './plan.mjs'
import { DriverShare } from './share.mjs'

const plan = JSON.parse(process.argv[2] ?? '{}') as SharePlan
const share = new DriverShare(plan)

function send(answer: Answer): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected) return resolve()
    process.send!(answer, undefined, {}, () => resolve())
  })
}

async function quit(code: number): Promise<never> {
  await share.close()
  process.exit(code)
}

const deadline = setTimeout(() => {
  console.error(`LIVELOOM_ERR_LOAD_DEADLINE: driver process ${plan.index} was still running after the plan's ${plan.maxSeconds} s; it closed its sockets and exited`)
  void quit(1)
}, plan.maxSeconds * 1000)
deadline.unref()

process.on('disconnect', () => void quit(0))

process.on('message', (message: Command) => {
  void (async () => {
    try {
      switch (message.command) {
        case 'join':
          return await send({ id: message.id, ok: true, result: await share.join((progress) => void send({ progress })) })
        case 'go':
          share.go()
          return await send({ id: message.id, ok: true })
        case 'measure':
          share.measure()
          return await send({ id: message.id, ok: true })
        case 'stop':
          return await send({ id: message.id, ok: true, result: await share.stop(message.whenDone) })
        case 'close':
          await share.close()
          await send({ id: message.id, ok: true })
          return process.exit(0)
      }
    } catch (error) {
      const code = hasLiveloomCode(error) ? error.code : 'LIVELOOM_ERR_LOAD_DRIVER'
      await send({ id: message.id, ok: false, error: { code, message: (error as Error).stack ?? String(error) } })
    }
  })()
})
