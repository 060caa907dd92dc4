/**
 * Loads view modules in a worker and resolves their templates. Each module is imported once per
 * worker (Node caches it); its template is compiled once by the template store.
 */

import { fileURLToPath } from 'node:url'
import { LiveloomError } from '../src/errors.js'
import { LiveView } from '../src/view/live-view.js'

/** A loaded view: its class and where its template comes from. */
export interface LoadedView {
  /** The view class (the module's default export). */
  View: new () => LiveView
  /** The class name, for messages. */
  name: string
  /** The template: a file path or inline source. */
  template: { file: string } | { source: string; name: string }
}

const loaded = new Map<string, Promise<LoadedView>>()

/**
 * The view exported by the module at `url` (a `file:` URL). Throws `LIVELOOM_ERR_VIEW_INVALID`
 * when the module does not default-export a `LiveView` subclass with a `static template`.
 */
export function loadView(url: string): Promise<LoadedView> {
  let view = loaded.get(url)
  if (!view) {
    view = importView(url)
    // A module that failed to load may be fixed on disk; do not cache the failure.
    view.catch(() => loaded.delete(url))
    loaded.set(url, view)
  }
  return view
}

async function importView(url: string): Promise<LoadedView> {
  let module: { default?: unknown }
  try {
    module = await import(url)
  } catch (cause) {
    throw new LiveloomError('LIVELOOM_ERR_VIEW_LOAD', `could not import the view module ${fileURLToPath(url)}: ${(cause as Error)?.message ?? cause}`, {
      cause,
      details: { module: url },
    })
  }
  const View = module.default
  if (typeof View !== 'function' || !(View.prototype instanceof LiveView)) {
    throw invalid(url, 'must default-export a class that extends LiveView (import { LiveView } from "liveloom")')
  }
  const template: unknown = (View as unknown as { template?: unknown }).template
  if (typeof template !== 'string' || template === '') {
    throw invalid(url, `${View.name}: set static template to a .mustache file next to the module or to inline mustache source`)
  }
  return {
    View: View as new () => LiveView,
    name: View.name || 'View',
    template: template.endsWith('.mustache') && !/[\n{<]/.test(template)
      ? { file: fileURLToPath(new URL(template, url)) }
      : { source: template, name: `${fileURLToPath(url)} (static template)` },
  }
}

function invalid(url: string, what: string): LiveloomError {
  return new LiveloomError('LIVELOOM_ERR_VIEW_INVALID', `view module ${fileURLToPath(url)} ${what}`, { details: { module: url } })
}
