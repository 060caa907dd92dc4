// The template layer (workers/templates): conformance to the mustache spec's required modules and
// ~inheritance, layouts and partials read from a directory, coded errors with exact positions,
// partial name checks, getters in the context, and caching.
import test, { type ExecutionContext } from 'ava'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { LiveloomError } from '../src/errors.js'
import { createTemplateStore, TemplateErrorCode, type TemplateStore } from '../workers/templates/index.js'

// ../shared sits next to the repository; resolved from this file, never from the working directory.
const SPEC_DIR = new URL('../../shared/testdata/mustache-spec/', import.meta.url)
// ~lambdas and ~dynamic-names are optional and not supported (docs/templates.md says why).
const SPEC_MODULES = ['comments', 'delimiters', 'interpolation', 'inverted', 'partials', 'sections', '~inheritance']

interface SpecCase {
  name: string
  desc: string
  data: object
  template: string
  partials?: Record<string, string>
  expected: string
}

for (const module of SPEC_MODULES) {
  test(`mustache spec: ${module}, every case`, (t) => {
    const { tests } = JSON.parse(readFileSync(new URL(`${module}.json`, SPEC_DIR), 'utf8')) as { tests: SpecCase[] }
    t.plan(tests.length + 1)
    t.true(tests.length > 0)
    tests.forEach((c, i) => {
      const label = `${module} #${i + 1} "${c.name}": ${c.desc}`
      // The spec's partials come from the case; a missing one renders as the empty string.
      const store = createTemplateStore({ partials: c.partials ?? {}, missingPartial: 'empty' })
      try {
        t.is(store.render(store.fromSource(c.template, c.name), c.data), c.expected, label)
      } catch (error) {
        t.fail(`${label}: threw ${(error as Error).message}`)
      }
    })
  })
}

/** A temporary directory holding `files` (paths relative to it), removed after the test. */
function tempDir(t: ExecutionContext, files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'liveloom-templates-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  for (const [name, text] of Object.entries(files)) write(dir, name, text)
  return dir
}

function write(dir: string, name: string, text: string): void {
  mkdirSync(dirname(join(dir, name)), { recursive: true })
  writeFileSync(join(dir, name), text)
}

/** Asserts that `fn` throws a LiveloomError with exactly this code, message and details. */
function throwsCoded(t: ExecutionContext, fn: () => unknown, code: string, message: string, details: Record<string, unknown>): void {
  const error = t.throws(fn, { instanceOf: LiveloomError })
  t.is(error?.code, code)
  t.is(error?.message, message)
  t.is(error?.fault, 'app')
  t.deepEqual(error?.details, details)
}

test('a page inherits its layout from the partials directory, and includes partials from subdirectories', (t) => {
  const dir = tempDir(t, {
    'layout.mustache': '<html>\n  <head><title>{{$title}}Site{{/title}}</title></head>\n  <body>\n    {{$content}}\n    {{/content}}\n  </body>\n</html>\n',
    'forms/field.mustache': '<label>{{label}}</label>\n<input name="{{name}}">\n',
    'views/page.mustache':
      '{{<layout}}\n{{$title}}Items{{/title}}\n{{$content}}\n<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n' +
      '{{#field}}\n{{> forms/field}}\n{{/field}}\n{{/content}}\n{{/layout}}\n',
  })
  const store = createTemplateStore({ partialsDir: dir })
  const page = store.fromFile(join(dir, 'views/page.mustache'))
  t.is(
    store.render(page, { items: [{ name: 'a & b' }, { name: 'c' }], field: { label: 'Name', name: 'n' } }),
    '<html>\n  <head><title>Items</title></head>\n  <body>\n    <ul>\n      <li>a &amp; b</li>\n      <li>c</li>\n    </ul>\n' +
      '    <label>Name</label>\n    <input name="n">\n  </body>\n</html>\n',
  )
  // Without the override, the layout's default content renders.
  t.is(
    store.render(store.fromSource('{{<layout}}{{/layout}}', 'bare'), {}),
    '<html>\n  <head><title>Site</title></head>\n  <body>\n  </body>\n</html>\n',
  )
})

test('layouts nest: a page overrides blocks of its layout\'s layout, and the outermost override wins', (t) => {
  const dir = tempDir(t, {
    'base.mustache': '<title>{{$title}}Site{{/title}}</title>\n<main>\n  {{$main}}\n  {{/main}}\n</main>\n',
    'layouts/app.mustache':
      '{{<base}}\n{{$title}}App{{/title}}\n{{$main}}\n<nav>{{$nav}}home{{/nav}}</nav>\n{{$content}}\n{{/content}}\n{{/main}}\n{{/base}}\n',
  })
  const store = createTemplateStore({ partialsDir: dir })
  const page = store.fromSource('{{<layouts/app}}\n{{$title}}Inbox{{/title}}\n{{$content}}\n<p>{{count}} new</p>\n{{/content}}\n{{/layouts/app}}\n', 'inbox')
  t.is(store.render(page, { count: 3 }), '<title>Inbox</title>\n<main>\n  <nav>home</nav>\n  <p>3 new</p>\n</main>\n')
})

test('inheritance works with custom delimiters', (t) => {
  const store = createTemplateStore({ partials: { layout: '[{{$body}}default{{/body}}]' } })
  const page = store.fromSource('{{=<% %>=}}<%<layout%><%$body%>hi <%name%><%/body%><%/layout%>', 'page')
  t.is(store.render(page, { name: 'Ann' }), '[hi Ann]')
})

test('syntax errors name the file, line and column of the mistake and say what to do', (t) => {
  const store = createTemplateStore({})
  const cases: [source: string, message: string, line: number, column: number][] = [
    ['<ul>\n  {{#items}}\n  <li>{{name}}</li>\n</ul>\n', '{{#items}} is never closed: add {{/items}} after its content', 2, 3],
    ['<p>\n{{/items}}\n', '{{/items}} closes a section that is not open: remove it, or open the section before it with {{#items}}', 2, 1],
    [
      '{{#a}}\n  {{^b}}x{{/a}}',
      '{{/a}} does not match the innermost open tag {{^b}} (line 2, column 3): close that first with {{/b}}',
      2,
      10,
    ],
    ['<p>Hi {{name</p>', 'tag {{name</p> is never closed: end it with "}}"', 1, 7],
    ['<p>{{name}</p>\n<p>{{x}}</p>', 'tag {{name}</p> is never closed: end it with "}}"', 1, 4],
    ['é😀 {{{html}}!', 'tag {{{html}}! is never closed: end it with "}}}"', 1, 4],
    [
      'a\n {{=<% %> x=}}',
      'bad set-delimiter tag {{=<% %> x=}}: give two delimiters separated by whitespace, without "=" or spaces in them, like {{=<% %>=}}',
      2,
      2,
    ],
    ['{{=<% %>}}', 'set-delimiter tag {{=<% %>}} has no closing "=": write it like {{=<% %>=}}', 1, 1],
    ['{{=<% %>=}}\n<%#a%>\n<%/b%>', '<%/b%> does not match the innermost open tag <%#a%> (line 2, column 1): close that first with <%/a%>', 3, 1],
    [
      '{{<layout}}\n  {{title}}\n{{/layout}}',
      '{{title}} directly inside {{<layout}} would be ignored: a parent holds only {{$block}} overrides; move it into a block',
      2,
      3,
    ],
    ['{{<layout}}{{$a}}1{{/a}}{{$a}}2{{/a}}{{/layout}}', '{{$a}} is given twice inside {{<layout}}; keep one', 1, 25],
    ['{{<layout}}{{$a}}{{/layout}}', '{{/layout}} does not match the innermost open tag {{$a}} (line 1, column 12): close that first with {{/a}}', 1, 18],
    ['x {{}}', 'empty tag {{}}: write a name between the delimiters', 1, 3],
    ['{{> *name}}', '{{> *name}}: dynamic names (*name) are not supported; name the partial', 1, 1],
  ]
  for (const [source, message, line, column] of cases) {
    throwsCoded(t, () => store.fromSource(source, 'views/page.mustache'), TemplateErrorCode.SYNTAX, `views/page.mustache:${line}:${column}: ${message}`, {
      file: 'views/page.mustache',
      line,
      column,
    })
  }
})

test('syntax errors in template files, partials and parents name the file that holds the mistake', (t) => {
  const dir = tempDir(t, {
    'page.mustache': '<h1>{{title}}</h1>\n{{#open}}\n',
    'uses-partial.mustache': '<div>\n  {{> forms/broken}}\n</div>\n',
    'uses-layout.mustache': '{{<layout}}{{$body}}x{{/body}}{{/layout}}',
    'forms/broken.mustache': '<label>\n  {{label}}\n  {{#required}}*{{/requird}}\n</label>\n',
    'layout.mustache': '<main>{{$body}}{{/body}}</main>\n<footer>{{year}</footer>\n',
  })
  const store = createTemplateStore({ partialsDir: dir })
  const page = join(dir, 'page.mustache')
  throwsCoded(t, () => store.fromFile(page), TemplateErrorCode.SYNTAX, `${page}:2:1: {{#open}} is never closed: add {{/open}} after its content`, {
    file: page,
    line: 2,
    column: 1,
  })

  // Partials compile on first use, so their errors surface when a render reaches them.
  const partial = join(dir, 'forms/broken.mustache')
  const usesPartial = store.fromFile(join(dir, 'uses-partial.mustache'))
  throwsCoded(
    t,
    () => store.render(usesPartial, {}),
    TemplateErrorCode.SYNTAX,
    `${partial}:3:17: {{/requird}} does not match the innermost open tag {{#required}} (line 3, column 3): close that first with {{/required}}`,
    { file: partial, line: 3, column: 17 },
  )

  const layout = join(dir, 'layout.mustache')
  const usesLayout = store.fromFile(join(dir, 'uses-layout.mustache'))
  throwsCoded(t, () => store.render(usesLayout, {}), TemplateErrorCode.SYNTAX, `${layout}:2:9: tag {{year}</footer> is never closed: end it with "}}"`, {
    file: layout,
    line: 2,
    column: 9,
  })
})

test('a missing template file is a coded error naming the path', (t) => {
  const dir = tempDir(t, {})
  const file = join(dir, 'nope.mustache')
  throwsCoded(t, () => createTemplateStore({}).fromFile(file), TemplateErrorCode.NOT_FOUND, `template file ${file} does not exist: create it or fix the path`, {
    file,
  })
  throwsCoded(t, () => createTemplateStore({}).fromFile(dir), TemplateErrorCode.READ, `cannot read template file ${dir}: EISDIR: illegal operation on a directory, read`, {
    file: dir,
  })
})

test('a missing partial or parent is an error by default, and renders nothing with missingPartial: "empty"', (t) => {
  const dir = tempDir(t, { 'here.mustache': 'here' })
  const strict = createTemplateStore({ partialsDir: dir })
  const lenient = createTemplateStore({ partialsDir: dir, missingPartial: 'empty' })
  const cases: [source: string, missing: string, lenientOutput: string][] = [
    ['[{{> here}}|{{> forms/missing}}]', 'forms/missing', '[here|]'],
    ['{{<layout}}{{$a}}x{{/a}}{{/layout}}!', 'layout', '!'],
  ]
  for (const [source, missing, lenientOutput] of cases) {
    throwsCoded(
      t,
      () => strict.render(strict.fromSource(source, 'page'), {}),
      TemplateErrorCode.PARTIAL_NOT_FOUND,
      `partial ${JSON.stringify(missing)} included by page not found: there is no ${join(dir, `${missing}.mustache`)} in ${dir}; create it, or fix the name`,
      { partial: missing, dir, from: 'page' },
    )
    t.is(lenient.render(lenient.fromSource(source, 'page'), {}), lenientOutput)
  }

  const noDir = createTemplateStore({})
  throwsCoded(
    t,
    () => noDir.render(noDir.fromSource('{{> header}}', 'page'), {}),
    TemplateErrorCode.PARTIAL_NOT_FOUND,
    'partial "header" included by page not found: no partials directory is configured (the templatesDir option); set one, or fix the name',
    { partial: 'header', dir: null, from: 'page' },
  )
})

test('partial names cannot leave the partials directory; subdirectories are fine', (t) => {
  const dir = tempDir(t, { 'forms/field.mustache': '<input>', 'partials/x.mustache': 'x' })
  const store = createTemplateStore({ partialsDir: join(dir, 'partials') })
  const advice = 'use a relative path of plain names, like forms/field (no "..", no leading "/", no "\\")'
  const cases: [source: string, tag: string, name: string, column: number][] = [
    ['{{> ../../etc/passwd}}', '{{> ../../etc/passwd}}', '../../etc/passwd', 1],
    ['ok {{> ../forms/field}}', '{{> ../forms/field}}', '../forms/field', 4],
    ['{{>/etc/passwd}}', '{{>/etc/passwd}}', '/etc/passwd', 1],
    ['{{> a\\b}}', '{{> a\\b}}', 'a\\b', 1],
    ['{{> a//b}}', '{{> a//b}}', 'a//b', 1],
    ['{{< ../layout}}{{/../layout}}', '{{< ../layout}}', '../layout', 1],
  ]
  for (const [source, tag, name, column] of cases) {
    throwsCoded(
      t,
      () => store.fromSource(source, 'page'),
      TemplateErrorCode.PARTIAL_NAME,
      `page:1:${column}: ${tag}: partial name ${JSON.stringify(name)} must stay inside the partials directory: ${advice}`,
      { file: 'page', line: 1, column, partial: name },
    )
  }
  const root = createTemplateStore({ partialsDir: dir })
  t.is(root.render(root.fromSource('<p>{{> forms/field}}</p>', 'page'), {}), '<p><input></p>')
})

test('getters in the context run lazily, once per render, also when a loop reads them', (t) => {
  const store = createTemplateStore({})
  let calls = 0
  const context = {
    items: [{ n: 1 }, { n: 2 }],
    get total(): number {
      calls++
      return 3
    },
    get unused(): never {
      throw new Error('a getter the template does not use must not run')
    },
  }
  const template = store.fromSource('{{#items}}{{n}}/{{total}} {{/items}}= {{total}}', 'page')
  t.is(store.render(template, context), '1/3 2/3 = 3')
  t.is(calls, 1)
  t.is(store.render(template, context), '1/3 2/3 = 3')
  t.is(calls, 2)

  // The worker's shape: a null-prototype object whose getters replace themselves with their value.
  const view = Object.create(null) as Record<string, unknown>
  view.user = { name: 'Ann <admin>' }
  Object.defineProperty(view, 'greeting', {
    configurable: true,
    enumerable: true,
    get() {
      const value = `Hello, ${(view.user as { name: string }).name}`
      Object.defineProperty(view, 'greeting', { value, enumerable: true })
      return value
    },
  })
  t.is(store.render(store.fromSource('{{greeting}}! {{user.name}}', 'page'), view), 'Hello, Ann &lt;admin&gt;! Ann &lt;admin&gt;')
})

test('functions in the context follow mustache.js: called for their value, or wrapping a section', (t) => {
  const store = createTemplateStore({ partials: { star: '*{{name}}*' } })
  const context = {
    name: 'Ann',
    shout(this: { name: string }) {
      return this.name.toUpperCase()
    },
    bold() {
      return (text: string, render: (text: string) => string) => `<b>${render(text)}</b>`
    },
  }
  // A function's result is data, escaped and never parsed as a template.
  t.is(store.render(store.fromSource('{{shout}} {{#bold}}hi {{> star}}{{/bold}}', 'page'), context), 'ANN <b>hi *Ann*</b>')
  t.is(store.render(store.fromSource('{{name}}', 'page'), { name: () => '{{x}}<' }), '{{x}}&lt;')
})

test('with cache, files are read once; with cache: false, templates and partials are re-read', (t) => {
  const dir = tempDir(t, { 'page.mustache': 'page v1, {{> part}}', 'part.mustache': 'part v1' })
  const page = join(dir, 'page.mustache')
  const cached = createTemplateStore({ partialsDir: dir })
  const fresh = createTemplateStore({ partialsDir: dir, cache: false })
  const first = cached.fromFile(page)
  t.is(cached.render(first, {}), 'page v1, part v1')
  t.is(fresh.render(fresh.fromFile(page), {}), 'page v1, part v1')

  write(dir, 'page.mustache', 'page v2, {{> part}}')
  write(dir, 'part.mustache', 'part v2')
  t.is(cached.fromFile(page), first)
  t.is(cached.render(cached.fromFile(page), {}), 'page v1, part v1')
  t.is(fresh.render(fresh.fromFile(page), {}), 'page v2, part v2')

  // Inline sources are cached by their text.
  t.is(cached.fromSource('{{x}}', 'a'), cached.fromSource('{{x}}', 'b'))
  t.not(fresh.fromSource('{{x}}', 'a'), fresh.fromSource('{{x}}', 'a'))
})

test('store options are checked and errors name the option', (t) => {
  const cases: [options: unknown, message: string, option: string][] = [
    [{ missingPartial: 'ignore' }, 'template store: options.missingPartial must be "error" or "empty", got "ignore"', 'missingPartial'],
    [{ cache: 'yes' }, 'template store: options.cache must be true or false, got "yes"', 'cache'],
    [{ partialsDir: '' }, 'template store: options.partialsDir must be a directory path, got ""', 'partialsDir'],
    [{ partials: { a: 1 } }, 'template store: options.partials must be an object of template sources by name, got {"a":1}', 'partials'],
    [{ partialDir: '/x' }, 'template store: options.partialDir is not a template store option (known: partialsDir, partials, missingPartial, cache)', 'partialDir'],
  ]
  for (const [options, message, option] of cases) {
    const error = t.throws(() => createTemplateStore(options as never), { instanceOf: LiveloomError })
    t.is(error?.code, 'LIVELOOM_ERR_OPTIONS')
    t.is(error?.message, message)
    t.deepEqual(error?.details, { option })
  }
})

test('a render reuses the compiled template: partial tokens are compiled once per store', (t) => {
  const dir = tempDir(t, { 'row.mustache': '<li>{{.}}</li>\n' })
  const store: TemplateStore = createTemplateStore({ partialsDir: dir })
  const list = store.fromSource('<ul>\n  {{#items}}\n  {{> row}}\n  {{/items}}\n</ul>\n', 'list')
  t.is(store.render(list, { items: ['a', 'b'] }), '<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\n')
  // Deleting the file does not matter any more: the partial was read once, for every item and every later render.
  rmSync(join(dir, 'row.mustache'))
  t.is(store.render(list, { items: ['c'] }), '<ul>\n  <li>c</li>\n</ul>\n')
})
