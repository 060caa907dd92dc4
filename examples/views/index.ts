import { LiveView } from 'liveloom'

/** The examples' home page: links to each example. */
export default class Home extends LiveView {
  static template = 'index.mustache'

  examples = [
    { href: '/counter', title: 'Counter', about: 'state, computed values and click events' },
    { href: '/items', title: 'Searchable item list', about: 'filter as you type, a status select, delete buttons with data-item-id' },
    { href: '/todos', title: 'Todos', about: 'add with enter, toggle, edit in place, delete, filters, computed counts' },
    { href: '/chat', title: 'Chat', about: 'temporary assigns appended with lv-update="append", lv-disable-with' },
    { href: '/assistant', title: 'Assistant', about: 'a streamed answer from async work, a spinner, cancel, an error case' },
    { href: '/catalog', title: 'Catalog', about: 'URL-driven pages and filter, a report from async work with progress and cancel, flash, a JS-command modal, an unread count in the title' },
  ]
}
