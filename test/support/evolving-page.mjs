// A deterministic page that changes a little at every step, for diffing the same sequence of
// renders in several threads and comparing the results. Plain JavaScript so worker threads can
// import it without a TypeScript loader.

import { seededRandom } from './seeded-random.mjs'

const WORDS = ['alpha', 'beta', 'gamma', 'δέλτα', 'émoji 🎉', 'a&amp;b', '<i>x</i>', '  spaced  ', '', 'tab\there']

function renderItem(item) {
  const cls = item.done ? ' class="done"' : ''
  const badge = item.badge ? `<span class="badge">${item.badge}</span>` : ''
  return `<li id="item-${item.id}"${cls}>${item.text}${badge}</li>`
}

function render(step, items, title) {
  return (
    `<section class="page" data-step="${step}"><h1>${title}</h1>\n` +
    `<ul>${items.map(renderItem).join('\n')}</ul><!-- ${items.length} items -->` +
    `<p>Step ${step}<br>footer</p><table><tr><td>${items.length}</td></tr></table></section>`
  )
}

/**
 * The HTML of each step of the page seeded by `seed`, from step 0 to `steps - 1`.
 * @param {number} seed
 * @param {number} steps
 * @param {number} [size] initial number of list items
 * @returns {string[]}
 */
export function evolvingPage(seed, steps, size = 30) {
  const next = seededRandom(seed)
  const pick = (list) => list[Math.floor(next() * list.length)]
  let nextId = 0
  const make = () => ({ id: nextId++, text: pick(WORDS), done: next() < 0.3, badge: next() < 0.2 ? pick(WORDS) : '' })
  const items = Array.from({ length: size }, make)
  let title = 'Todo'
  const pages = []
  for (let step = 0; step < steps; step++) {
    pages.push(render(step, items, title))
    const changes = 1 + Math.floor(next() * 3)
    for (let c = 0; c < changes; c++) {
      const index = Math.floor(next() * items.length)
      switch (Math.floor(next() * 7)) {
        case 0: items.splice(index, 0, make()); break
        case 1: if (items.length > 1) items.splice(index, 1); break
        case 2: { const [moved] = items.splice(index, 1); items.splice(Math.floor(next() * (items.length + 1)), 0, moved); break; }
        case 3: items[index].done = !items[index].done; break
        case 4: items[index].text = pick(WORDS); break
        case 5: items[index].badge = items[index].badge ? '' : pick(WORDS); break
        default: title = pick(['Todo', 'Done', 'Later', 'Todo &lt;3'])
      }
    }
  }
  return pages
}

/**
 * A page with `count` list items, large enough that one diff takes milliseconds.
 * @param {number} count
 * @param {number} variant changes every item's text and class so consecutive variants differ everywhere
 */
export function bigPage(count, variant) {
  const items = []
  for (let i = 0; i < count; i++) {
    items.push(`<li id="row-${i}" class="${(i + variant) % 3 ? 'odd' : 'even'}">row ${i} v${variant} <b>${(i * variant) % 97}</b></li>`)
  }
  return `<ul>${items.join('')}</ul>`
}
