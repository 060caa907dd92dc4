/**
 * The load harness (`npm run load -- …`): runs scenarios against a server started as a child
 * process, prints a table and JSON lines per scenario, and exits 1 when any case saw errors or
 * lost replies (so the CI smoke fails on correctness, never on speed), 2 on a usage error.
 *
 *   npm run load -- <scenario|all> [--smoke] [--server "<cmd>"] [scenario options]
 *   npm run load -- compare <scenario|all> --against "<cmd>" [--server "<cmd>"] [--smoke] [scenario options]
 *   npm run load -- --help
 */

import { hasLiveloomCode, LiveloomError } from '../src/errors.js'
import { printRatios, printResults, progress, type Build } from './harness/report.mjs'
import { DEFAULT_SERVER_COMMAND, startServerProcess } from './harness/server-process.mjs'
import type { Scenario, ScenarioResult, ServerHandle } from './harness/types.mts'
import { scenarios } from './scenarios/index.mjs'

const USAGE_CODE = 'LIVELOOM_ERR_LOAD_USAGE'
/** Codes of a bad command line: the runner's own, and a scenario's option checks (scenario-args.mts). */
const USAGE_CODES = new Set([USAGE_CODE, 'LIVELOOM_ERR_LOAD_ARGS'])

/** The parsed command line. */
interface Command {
  compare: boolean
  names: string[]
  smoke: boolean
  server: string | undefined
  against: string | undefined
  args: Record<string, string | undefined>
}

/** Runs the command line `argv`; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(help())
    return argv.length === 0 ? 2 : 0
  }
  const command = parse(argv)
  const failures: string[] = []
  for (const scenario of command.names.map((name) => scenarios.find((s) => s.name === name)!)) {
    if (!command.compare) {
      const results = await runScenario(scenario, command, command.server, failures)
      if (results) printResults(scenario.name, results)
      continue
    }
    const mine = await runScenario(scenario, command, command.server, failures, 'this')
    const theirs = await runScenario(scenario, command, command.against, failures, 'other')
    if (mine) printResults(`${scenario.name} — this build (${command.server ?? DEFAULT_SERVER_COMMAND})`, mine, 'this')
    if (theirs) printResults(`${scenario.name} — other (${command.against})`, theirs, 'other')
    if (mine && theirs) printRatios(`${scenario.name} — ratio this / other`, mine, theirs)
  }
  if (failures.length === 0) return 0
  progress(`FAILED:\n${failures.map((line) => `  ${line}`).join('\n')}`)
  return 1
}

/**
 * Runs one scenario against `serverCommand` (liveloom's fixture app when undefined). Records a
 * failure for every case with errors or sent ≠ received, and for a scenario that throws (then
 * resolves to undefined). Stops any server the scenario left running.
 */
async function runScenario(scenario: Scenario, command: Command, serverCommand: string | undefined, failures: string[], build?: Build): Promise<ScenarioResult[] | undefined> {
  const label = build ? `${scenario.name} (${build})` : scenario.name
  const servers: ServerHandle[] = []
  progress(`${label}: ${scenario.summary}`)
  try {
    const results = await scenario.run({
      startServer: async () => {
        const server = await startServerProcess(serverCommand)
        servers.push(server)
        progress(`${label}: server ${server.pid} at ${server.url}${server.hasStats ? ' (stats endpoint)' : ' (no stats endpoint: CPU and RSS from /proc)'}`)
        return server
      },
      smoke: command.smoke,
      args: command.args,
      progress: (line) => progress(line),
    })
    for (const r of results) {
      if (r.errors > 0 || r.sent !== r.received) failures.push(`${label} ${r.case}: errors ${r.errors}, sent ${r.sent}, received ${r.received}`)
    }
    if (results.length === 0) failures.push(`${label}: no results`)
    return results
  } catch (error) {
    if (hasLiveloomCode(error) && USAGE_CODES.has(error.code)) throw error
    progress(`${label}: ${hasLiveloomCode(error) ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error)}`)
    failures.push(`${label}: ${hasLiveloomCode(error) ? error.code : 'threw'}`)
    return undefined
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
  }
}

/** Reads the command line; throws `LIVELOOM_ERR_LOAD_USAGE` when it is not one the harness runs. */
function parse(argv: string[]): Command {
  const positionals: string[] = []
  const args: Record<string, string | undefined> = {}
  let smoke = false
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!
    if (!token.startsWith('--')) {
      positionals.push(token)
      continue
    }
    const eq = token.indexOf('=')
    const name = token.slice(2, eq === -1 ? undefined : eq)
    if (name === 'smoke' && eq === -1) {
      smoke = true
      continue
    }
    const value = eq === -1 ? argv[++i] : token.slice(eq + 1)
    if (name === '' || value === undefined || (eq === -1 && value.startsWith('--'))) usage(`--${name} needs a value`)
    if (name in args) usage(`--${name} is given twice`)
    args[name] = value
  }
  const compare = positionals[0] === 'compare'
  const target = compare ? positionals[1] : positionals[0]
  if (target === undefined || positionals.length !== (compare ? 2 : 1)) usage(`name one scenario or all${compare ? ' after compare' : ''}`)
  const known = scenarios.map((s) => s.name)
  if (target !== 'all' && !known.includes(target)) usage(`unknown scenario ${JSON.stringify(target)}; the scenarios are ${known.join(', ')}`)
  const { server, against, ...rest } = args
  if (compare && !against) usage('compare needs --against "<server command>"')
  if (!compare && against !== undefined) usage('--against is for compare mode')
  for (const [name, value] of [['server', server], ['against', against]] as const) if (value !== undefined && value.trim() === '') usage(`--${name} needs a command`)
  return { compare, names: target === 'all' ? known : [target], smoke, server, against, args: rest }
}

function usage(message: string): never {
  throw new LiveloomError(USAGE_CODE, `${message}; see npm run load -- --help`)
}

function help(): string {
  const width = Math.max(...scenarios.map((s) => s.name.length))
  return `usage:
  npm run load -- <scenario|all> [--smoke] [--server "<cmd>"] [scenario options]
  npm run load -- compare <scenario|all> --against "<cmd>" [--server "<cmd>"] [--smoke] [scenario options]

scenarios (all runs them in this order):
${scenarios.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`).join('\n')}

options:
  --smoke            a short, small run checking correctness (CI), not speed
  --server "<cmd>"   the server under test (default: ${DEFAULT_SERVER_COMMAND})
  --against "<cmd>"  compare: the other server, run with identical settings; prints ratios this / other
  --name value       a scenario option, e.g. --seconds 30 --sessions 100,500 (load-tests/README.md lists
                     each scenario's); in all and compare, options go to every scenario run

A server command runs as /bin/sh -c 'exec <cmd>' in the project root with PORT, HOST=127.0.0.1,
LIVELOOM_STATS_PORT, NODE_ENV=production and LOG_LEVEL=warn set; it must listen on $HOST:$PORT.
stdout: a table and one JSON line per case; stderr: progress. Exit 1 when a case has errors or
sent ≠ received, 2 on a usage error.
`
}

// Exit explicitly: a load client's leftover timer or socket must not keep the harness alive (the
// exit handler of server-process.mts kills any server still up).
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${hasLiveloomCode(error) ? `${error.code}: ${error.message}` : String((error as Error)?.stack ?? error)}\n`)
    process.exit(hasLiveloomCode(error) && USAGE_CODES.has(error.code) ? 2 : 1)
  },
)
