import test from 'ava'
import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { LiveloomError } from '../src/errors.js'
import { resolveOptions, type LiveOptions } from '../src/options.js'

const ROUTES = { '/': '/srv/app/views/home.ts' }
const KNOWN =
  'routes, viewsDir, templatesDir, reloadTemplates, socketPath, assetsPath, secret, tokenMaxAgeMs, workers, concurrentTasksPerWorker, allowedOrigins, maxFrameBytes, rateLimit, joinTimeoutMs, taskTimeoutMs, mailboxLimit, sessions, session, title, document, logger, dev'

/** `resolveOptions` of the minimal options plus `extra` (typed loosely: tests pass wrong types). */
function resolveWith(extra: Record<string, unknown>) {
  return resolveOptions({ routes: ROUTES, ...extra } as LiveOptions)
}

/** The error expectation for an option error with this exact message. */
function optionError(message: string) {
  return { code: 'LIVELOOM_ERR_OPTIONS', message }
}

test('a minimal { routes } resolves to the documented defaults', (t) => {
  const { secret, session, ...rest } = resolveOptions({ routes: ROUTES })
  t.deepEqual(rest, {
    routes: [{ pattern: '/', view: 'file:///srv/app/views/home.ts' }],
    templatesDir: undefined,
    reloadTemplates: false,
    socketPath: '/live',
    assetsPath: '/_liveloom',
    tokenMaxAgeMs: 86_400_000,
    workers: availableParallelism(),
    concurrentTasksPerWorker: 4,
    allowedOrigins: undefined,
    maxFrameBytes: 65_536,
    rateLimit: { burst: 100, perSecond: 50 },
    joinTimeoutMs: 10_000,
    taskTimeoutMs: 30_000,
    mailboxLimit: 64,
    sessions: { joinWindowMs: 30_000, resumeWindowMs: 60_000, maxParked: 10_000, maxParkedBytes: 268_435_456, hibernateAfterMs: 15_000 },
    title: 'liveloom',
    document: undefined,
    logger: undefined,
    dev: process.env.NODE_ENV !== 'production',
  })
  t.true(Buffer.isBuffer(secret))
  t.is(secret.length, 32)
  t.false(secret.equals(resolveOptions({ routes: ROUTES }).secret), 'random per call')
  t.deepEqual(session({} as never), {})
})

test('given values are kept', (t) => {
  const logger = { info() {}, warn() {}, error() {}, debug() {}, child() { return logger } }
  const document = (): string => '<html>'
  const session = (): Record<string, unknown> => ({ user: 1 })
  const resolved = resolveWith({
    templatesDir: '/srv/app/templates',
    reloadTemplates: true,
    socketPath: '/ws',
    assetsPath: '/static/live',
    secret: 'k'.repeat(32),
    workers: 3,
    rateLimit: { burst: 10, perSecond: 0.5 },
    sessions: { maxParked: 5 },
    allowedOrigins: ['https://example.com', 'http://localhost:3000'],
    title: 'Shop',
    document,
    session,
    logger,
  })
  t.is(resolved.templatesDir, '/srv/app/templates')
  t.true(resolved.reloadTemplates)
  t.is(resolved.socketPath, '/ws')
  t.is(resolved.assetsPath, '/static/live')
  t.deepEqual(resolved.secret, Buffer.from('k'.repeat(32)))
  t.is(resolved.workers, 3)
  t.deepEqual(resolved.rateLimit, { burst: 10, perSecond: 0.5 })
  t.deepEqual(resolved.sessions, { joinWindowMs: 30_000, resumeWindowMs: 60_000, maxParked: 5, maxParkedBytes: 268_435_456, hibernateAfterMs: 15_000 })
  t.deepEqual(resolved.allowedOrigins, ['https://example.com', 'http://localhost:3000'])
  t.is(resolved.title, 'Shop')
  t.is(resolved.document, document)
  t.is(resolved.session, session)
  t.is(resolved.logger, logger)
  t.is(resolveWith({ templatesDir: 'templates' }).templatesDir, resolve('templates'))
})

const INTEGER_OPTIONS = [
  'tokenMaxAgeMs', 'workers', 'concurrentTasksPerWorker', 'maxFrameBytes', 'joinTimeoutMs', 'taskTimeoutMs', 'mailboxLimit',
  'rateLimit.burst', 'sessions.joinWindowMs', 'sessions.resumeWindowMs', 'sessions.maxParked', 'sessions.maxParkedBytes',
]

/** Options with `value` at the dotted `name` (`sessions.maxParked`). */
function withOption(name: string, value: unknown): Record<string, unknown> {
  const [outer, inner] = name.split('.') as [string, string | undefined]
  return { [outer]: inner === undefined ? value : { [inner]: value } }
}

for (const name of INTEGER_OPTIONS) {
  test(`options.${name} must be a positive integer`, (t) => {
    for (const [value, shown] of [[0, '0'], [-1, '-1'], [1.5, '1.5'], ['3', '"3"'], [Number.NaN, 'NaN'], [null, 'null'], [2 ** 53, '9007199254740992']] as const) {
      const error = t.throws<LiveloomError>(() => resolveWith(withOption(name, value)), optionError(`options.${name} must be a positive integer, got ${shown}`))
      t.deepEqual(error?.details, { option: name })
    }
    const resolved = resolveWith(withOption(name, 7)) as unknown as Record<string, Record<string, unknown>>
    const [outer, inner] = name.split('.') as [string, string | undefined]
    t.is(inner === undefined ? resolved[outer] : resolved[outer]![inner], 7)
  })
}

test('options.rateLimit.perSecond must be a positive number (a fraction is a slow rate)', (t) => {
  for (const [value, shown] of [[0, '0'], [-1, '-1'], ['3', '"3"'], [Number.POSITIVE_INFINITY, 'Infinity'], [Number.NaN, 'NaN']] as const) {
    t.throws(() => resolveWith({ rateLimit: { perSecond: value } }), optionError(`options.rateLimit.perSecond must be a positive number, got ${shown}`))
  }
  t.deepEqual(resolveWith({ rateLimit: { perSecond: 1.5 } }).rateLimit, { burst: 100, perSecond: 1.5 })
})

test('options.workers names itself exactly', (t) => {
  t.throws(() => resolveWith({ workers: -1 }), optionError('options.workers must be a positive integer, got -1'))
})

test('unknown option names are rejected, nested ones too', (t) => {
  const error = t.throws<LiveloomError>(() => resolveWith({ worker: 2 }), optionError(`options.worker is not a liveloom option (known: ${KNOWN})`))
  t.deepEqual(error?.details, { option: 'worker' })
  t.throws(
    () => resolveWith({ sessions: { maxParkd: 5 } }),
    optionError('options.sessions.maxParkd is not a liveloom option (known: joinWindowMs, resumeWindowMs, maxParked, maxParkedBytes, hibernateAfterMs)'),
  )
  t.throws(() => resolveWith({ rateLimit: { burst: 5, rate: 1 } }), optionError('options.rateLimit.rate is not a liveloom option (known: burst, perSecond)'))
})

test('options and its nested groups must be objects', (t) => {
  t.throws(() => resolveOptions(null as never), optionError('options must be an object, got null'))
  t.throws(() => resolveOptions('routes' as never), optionError('options must be an object, got "routes"'))
  t.throws(() => resolveWith({ sessions: 5 }), optionError('options.sessions must be an object, got 5'))
  t.throws(() => resolveWith({ sessions: null }), optionError('options.sessions must be an object, got null'))
  t.throws(() => resolveWith({ rateLimit: 'fast' }), optionError('options.rateLimit must be an object { burst, perSecond }, got "fast"'))
})

test('routes resolve relative paths against viewsDir, as file URLs', (t) => {
  const { routes } = resolveOptions({
    viewsDir: '/srv/my app',
    routes: {
      '/': './views/home.ts',
      '/items': 'views/items.ts',
      '/items/:id': '/abs/item.ts',
      '/about': new URL('file:///srv/about.ts'),
      '/faq': 'file:///srv/faq.ts',
      '/a.b/~x_y-z/:slug': '../up.mjs',
    },
  })
  t.deepEqual(routes, [
    { pattern: '/', view: 'file:///srv/my%20app/views/home.ts' },
    { pattern: '/items', view: 'file:///srv/my%20app/views/items.ts' },
    { pattern: '/items/:id', view: 'file:///abs/item.ts' },
    { pattern: '/about', view: 'file:///srv/about.ts' },
    { pattern: '/faq', view: 'file:///srv/faq.ts' },
    { pattern: '/a.b/~x_y-z/:slug', view: 'file:///srv/up.mjs' },
  ])
  t.deepEqual(resolveOptions({ routes: { '/': 'home.ts' } }).routes, [{ pattern: '/', view: pathToFileURL(resolve('home.ts')).href }])
})

test('bad route patterns are rejected, naming the pattern', (t) => {
  for (const pattern of ['items', '', '/a b', '/x?y', '/x#y', '/a:b', '/:', '/items/', '//', '/a//b', '/é']) {
    const error = t.throws<LiveloomError>(
      () => resolveOptions({ routes: { [pattern]: './v.ts' } }),
      optionError(`options.routes: ${JSON.stringify(pattern)} is not a route path; write paths like "/" or "/items/:id"`),
      JSON.stringify(pattern),
    )
    t.deepEqual(error?.details, { option: 'routes', route: pattern })
  }
})

test('routes must be a non-empty object of module paths or file URLs', (t) => {
  const shape = `an object mapping paths to view modules, like { '/': './views/counter.ts' }`
  t.throws(() => resolveOptions({} as LiveOptions), optionError(`options.routes must be ${shape}, got undefined`))
  t.throws(() => resolveOptions({ routes: [] } as never), optionError(`options.routes must be ${shape}, got an array`))
  t.throws(() => resolveOptions({ routes: {} }), optionError('options.routes must be at least one route, got an object'))
  t.throws(() => resolveOptions({ routes: { '/': '' } }), optionError('options.routes["/"] must be a module path or file URL, got ""'))
  t.throws(() => resolveOptions({ routes: { '/': 5 } } as never), optionError('options.routes["/"] must be a module path or file URL, got 5'))
  t.throws(() => resolveOptions({ routes: { '/': new URL('https://cdn.example/v.js') } }), optionError('options.routes["/"] must be a file: URL, got https://cdn.example/v.js'))
})

test('secret must be at least 32 bytes', (t) => {
  t.throws(() => resolveWith({ secret: 'k'.repeat(31) }), optionError('options.secret must be at least 32 bytes long, got 31'))
  t.throws(() => resolveWith({ secret: Buffer.alloc(16) }), optionError('options.secret must be at least 32 bytes long, got 16'))
  t.throws(() => resolveWith({ secret: 42 }), optionError('options.secret must be a string or Buffer, got 42'))
  t.throws(() => resolveWith({ secret: new Uint8Array(32) }), optionError('options.secret must be a string or Buffer, got an object'))
  const key = Buffer.alloc(32, 1)
  t.is(resolveWith({ secret: key }).secret, key)
  t.is(resolveWith({ secret: 'é'.repeat(16) }).secret.length, 32, 'counted in bytes, not characters')
})

test('allowedOrigins must be origins', (t) => {
  const expected = 'an array of origins like "https://example.com"'
  for (const [value, shown] of [
    ['https://example.com', '"https://example.com"'],
    [['https://example.com/'], 'an array'],
    [['example.com'], 'an array'],
    [['ftp://example.com'], 'an array'],
    [['https://exa mple.com'], 'an array'],
    [[5], 'an array'],
  ] as const) {
    t.throws(() => resolveWith({ allowedOrigins: value }), optionError(`options.allowedOrigins must be ${expected}, got ${shown}`))
  }
  t.deepEqual(resolveWith({ allowedOrigins: [] }).allowedOrigins, [])
  t.deepEqual(resolveWith({ allowedOrigins: ['http://[::1]:8080'] }).allowedOrigins, ['http://[::1]:8080'])
})

test('logger must have the pino shape', (t) => {
  const expected = 'options.logger must be a pino-compatible logger (info, warn, error, debug, child), got'
  t.throws(() => resolveWith({ logger: console }), optionError(`${expected} an object`), 'console has no child()')
  t.throws(() => resolveWith({ logger: () => {} }), optionError(`${expected} a function`))
  t.throws(() => resolveWith({ logger: { info: 1, warn() {}, error() {}, debug() {}, child() {} } }), optionError(`${expected} an object`))
})

test('paths, strings, booleans and functions are checked', (t) => {
  t.throws(() => resolveWith({ socketPath: 'live' }), optionError('options.socketPath must be a path starting with /, got "live"'))
  t.throws(() => resolveWith({ socketPath: '/live ws' }), optionError('options.socketPath must be a path starting with /, got "/live ws"'))
  t.throws(() => resolveWith({ assetsPath: '/a?b' }), optionError('options.assetsPath must be a path starting with /, got "/a?b"'))
  t.throws(() => resolveWith({ viewsDir: '' }), optionError('options.viewsDir must be a directory path, got ""'))
  t.throws(() => resolveWith({ templatesDir: 7 }), optionError('options.templatesDir must be a directory path, got 7'))
  t.throws(() => resolveWith({ reloadTemplates: 'yes' }), optionError('options.reloadTemplates must be a boolean, got "yes"'))
  t.throws(() => resolveWith({ title: '' }), optionError('options.title must be a string, got ""'))
  t.throws(() => resolveWith({ socketPath: 'x'.repeat(70) }), optionError(`options.socketPath must be a path starting with /, got "${'x'.repeat(60)}…"`))
  t.throws(() => resolveWith({ session: {} }), optionError('options.session must be a function (ctx) => session data, got an object'))
  t.throws(() => resolveWith({ document: '<html>' }), optionError('options.document must be a function (page) => html, got "<html>"'))
})

test('assetsPath loses its trailing slash', (t) => {
  t.is(resolveWith({ assetsPath: '/static/' }).assetsPath, '/static')
  t.is(resolveWith({ assetsPath: '/static' }).assetsPath, '/static')
})

test('options.sessions.hibernateAfterMs is a whole number of milliseconds; 0 never hibernates', (t) => {
  t.is(resolveWith({ sessions: { hibernateAfterMs: 0 } }).sessions.hibernateAfterMs, 0)
  t.is(resolveWith({ sessions: { hibernateAfterMs: 5_000 } }).sessions.hibernateAfterMs, 5_000)
  for (const [value, shown] of [[-1, '-1'], [1.5, '1.5'], ['3', '"3"'], [null, 'null']] as const) {
    t.throws(() => resolveWith({ sessions: { hibernateAfterMs: value } }), optionError(`options.sessions.hibernateAfterMs must be a whole number of milliseconds (0: never), got ${shown}`))
  }
})
