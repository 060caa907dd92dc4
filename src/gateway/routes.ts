/**
 * Route matching: URL path patterns with `:params` to view modules.
 */

import type { ResolvedRoute } from '../options.js'

/** A matched route. */
export interface RouteMatch {
  route: ResolvedRoute
  /** Route params, URL-decoded. */
  params: Record<string, string>
}

interface CompiledRoute {
  route: ResolvedRoute
  regex: RegExp
  names: string[]
}

/** Matches paths against routes in the order given; static segments win by order only. */
export class Router {
  private readonly compiled: CompiledRoute[]

  constructor(routes: ResolvedRoute[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = []
      const source = route.pattern
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
          names.push(segment.slice(1))
          return '([^/]+)'
        })
        .join('/')
      // A trailing slash is tolerated, as most servers do.
      return { route, names, regex: new RegExp(`^${source === '' ? '/' : source}/?$`) }
    })
  }

  /** The route for `pathname`, or `undefined`. Params that are not valid URL encoding do not match. */
  match(pathname: string): RouteMatch | undefined {
    for (const { route, regex, names } of this.compiled) {
      const found = regex.exec(pathname)
      if (!found) continue
      const params: Record<string, string> = {}
      try {
        names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1]!)))
      } catch {
        continue
      }
      return { route, params }
    }
    return undefined
  }
}
