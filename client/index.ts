/**
 * The browser client's entry. `npm run build:client` (scripts/build-client.mjs) bundles it,
 * minified, into `client/dist/liveloom-<hash>.js`: the module script the gateway serves with
 * every live page (which imports `hooks-<hash>.js`, `streams-<hash>.js` and `js-<hash>.js` only
 * when the page has hooks, streams, or effects, JS commands and live navigation links). On load it makes the page's live container (`[data-lv-root]`, one per page)
 * live.
 */
import { Attr } from '../src/protocol/frames.js'
import { live } from './live.js'

const start = (): void => {
  const container = document.querySelector(`[${Attr.ROOT}]`)
  if (container) live(container)
}

// A deferred or late script may run after DOMContentLoaded has fired.
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start)
else start()
