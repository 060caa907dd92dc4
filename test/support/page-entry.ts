/** What browser tests load into the page: the client applier plus the comparison helpers. */
export { applyOps, buildNode, readNode } from '../../client/patch.js'
export { sortAttrs } from './wire-node.js'
