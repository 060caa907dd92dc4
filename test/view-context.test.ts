import test from 'ava'
import { templateContext } from '../src/view/context.js'
import { event } from '../src/view/event.js'
import { LiveView } from '../src/view/live-view.js'

const calls = { total: 0, label: 0, hidden: 0 }

class Base extends LiveView {
  static template = '<p>{{total}}</p>'
  items = [1, 2, 3]

  get total(): number {
    calls.total++
    return this.items.reduce((a, b) => a + b, 0)
  }

  baseMethod(): string {
    return 'method'
  }
}

class Shop extends Base {
  title = 'Shop'
  _secret = 'hidden'
  _count = 0

  get label(): string {
    calls.label++
    return `${this.title} (${this.items.length})`
  }

  get _hidden(): string {
    calls.hidden++
    return 'hidden getter'
  }

  set writeOnly(_value: string) {}

  @event() add(): void {
    this.items.push(this.items.length + 1)
  }
}

test.serial('the context holds fields without _ ones, and getters of the class and its superclasses', (t) => {
  const view = new Shop()
  const context = templateContext(view)
  t.is(Object.getPrototypeOf(context), null)
  t.deepEqual(Object.keys(context), ['items', 'title', 'label', 'total'])
  t.deepEqual({ ...context }, { items: [1, 2, 3], title: 'Shop', label: 'Shop (3)', total: 6 })
  for (const name of ['_secret', '_count', '_hidden', 'writeOnly', 'add', 'baseMethod', 'mount', 'setTitle', 'constructor']) {
    t.false(name in context, name)
  }
  t.is(calls.hidden, 0)
})

test.serial('getters run lazily and at most once per context', (t) => {
  calls.total = 0
  calls.label = 0
  const view = new Shop()
  const context = templateContext(view)
  t.is(calls.total, 0)
  for (let i = 0; i < 5; i++) t.is(context.total, 6)
  t.is(calls.total, 1)
  t.is(calls.label, 0)
  view.items.push(4)
  t.is(context.total, 6, 'memoized for this render')
  t.is(templateContext(view).total, 10, 'a new context computes afresh')
  t.is(calls.total, 2)
})

test.serial('a getter that throws is not memoized and throws again', (t) => {
  let runs = 0
  class Flaky extends LiveView {
    static template = ''
    get broken(): never {
      runs++
      throw new Error('no')
    }
  }
  const context = templateContext(new Flaky())
  t.throws(() => context.broken, { message: 'no' })
  t.throws(() => context.broken, { message: 'no' })
  t.is(runs, 2)
})

test.serial('a field shadowing a getter wins, and the getter never runs', (t) => {
  calls.label = 0
  const view = new Shop()
  // What the worker's hydrate does for a state key that is also a getter name.
  Object.defineProperty(view, 'label', { value: 'from state', writable: true, enumerable: true, configurable: true })
  const context = templateContext(view)
  t.is(context.label, 'from state')
  t.deepEqual(Object.keys(context), ['items', 'title', 'label', 'total'])
  t.is(calls.label, 0)
})

test.serial('a subclass getter overrides its superclass getter of the same name', (t) => {
  class Parent extends LiveView {
    static template = ''
    get name(): string {
      return 'parent'
    }
  }
  class Child extends Parent {
    override get name(): string {
      return 'child'
    }
  }
  t.deepEqual({ ...templateContext(new Child()) }, { name: 'child' })
  t.deepEqual({ ...templateContext(new Parent()) }, { name: 'parent' })
})

test.serial("LiveView's own getters are not given to templates", (t) => {
  Object.defineProperty(LiveView.prototype, 'internal', { get: () => 'base', configurable: true })
  try {
    class Fresh extends LiveView {
      static template = ''
      n = 1
    }
    const context = templateContext(new Fresh())
    t.deepEqual(Object.keys(context), ['n'])
    t.false('internal' in context)
  } finally {
    delete (LiveView.prototype as unknown as Record<string, unknown>).internal
  }
})
