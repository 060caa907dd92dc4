/** Reads the html5lib tree-construction inputs from ../shared/testdata (never copied here). */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The suite's folder: `../shared/testdata/html5lib-tree-construction` beside the project root. */
export function html5libDir(): string {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
  return join(root, '..', 'shared', 'testdata', 'html5lib-tree-construction')
}

/** One test of the suite. */
export interface Html5libTest {
  file: string
  data: string
  errors: number
  context?: string
  script?: 'on' | 'off'
  document: string
}

/** Parses every `.dat` file of the suite. Throws if the folder is missing. */
export function readHtml5libTests(): Html5libTest[] {
  const dir = html5libDir()
  if (!existsSync(dir)) throw new Error(`html5lib tests not found at ${dir}: the shared testdata must sit beside the project`)
  const tests: Html5libTest[] = []
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.dat')).sort()) {
    const text = readFileSync(join(dir, file), 'utf8')
    for (const chunk of text.split(/\n(?=#data\n)/)) {
      if (!chunk.startsWith('#data\n')) continue
      const lines = chunk.split('\n')
      const sections: Record<string, string[]> = {}
      let current = ''
      for (const line of lines) {
        if (/^#(data|errors|new-errors|document-fragment|script-off|script-on|document)$/.test(line)) {
          current = line.slice(1)
          sections[current] = []
        } else sections[current]?.push(line)
      }
      const doc = sections.document ?? []
      while (doc.length && doc[doc.length - 1] === '') doc.pop()
      tests.push({
        file,
        data: (sections.data ?? []).join('\n'),
        errors: (sections.errors ?? []).filter((l) => l !== '').length + (sections['new-errors'] ?? []).filter((l) => l !== '').length,
        context: sections['document-fragment']?.[0],
        script: 'script-off' in sections ? 'off' : 'script-on' in sections ? 'on' : undefined,
        document: doc.join('\n'),
      })
    }
  }
  return tests
}

/** Every distinct `#data` input of the suite (as HTML to set as a `<div>`'s contents). */
export function readHtml5libInputs(): string[] {
  return [...new Set(readHtml5libTests().map((t) => t.data))]
}
