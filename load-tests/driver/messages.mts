/**
 * The IPC messages between the fleet (the scenario's process) and a driver process (child.mts).
 * The parent sends one command at a time to every child and waits for each child's answer.
 */

import type { ShareReport } from './plan.mjs'
import type { JoinProgress } from './share.mjs'

/** parent → child. */
export type Command =
  | { id: number; command: 'join' }
  | { id: number; command: 'go' }
  | { id: number; command: 'measure' }
  | { id: number; command: 'stop'; whenDone: boolean }
  | { id: number; command: 'close' }

/** The name of a command. */
export type CommandName = Command['command']

/** child → parent: a command's answer, or join progress. */
export type Answer =
  | { id: number; ok: true; result?: JoinProgress | ShareReport }
  | { id: number; ok: false; error: { code: string; message: string } }
  | { progress: JoinProgress }
