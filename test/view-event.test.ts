import test from 'ava'
import * as v from 'valibot'
import { event, eventRegistration, type EventOptions } from '../src/view/event.js'
import { LiveView } from '../src/view/live-view.js'

const ById = v.object({ id: v.string() })

class Todo extends LiveView {
  static template = '<ul></ul>'
  items: string[] = []

  @event() clear(): void {
    this.items = []
  }

  @event({ params: ById }) remove({ id }: { id: string }): void {
    this.items = this.items.filter((item) => item !== id)
  }

  @event() async reload(): Promise<void> {}

  plain(): void {}
}

test('@event() as a standard decorator registers the method', (t) => {
  t.deepEqual(eventRegistration(Todo.prototype.clear), {})
  t.deepEqual(eventRegistration(Todo.prototype.reload), {})
  t.is(eventRegistration(Todo.prototype.plain), undefined)
  t.is(eventRegistration(Todo.prototype.mount), undefined)
})

test('@event({ params }) keeps the schema in the registration', (t) => {
  const registration = eventRegistration(Todo.prototype.remove)
  t.deepEqual(Object.keys(registration!), ['params'])
  t.is(registration!.params, ById)
})

test('the decorator leaves the method itself unchanged', (t) => {
  const todo = new Todo()
  todo.items = ['a', 'b']
  todo.remove({ id: 'a' })
  t.deepEqual(todo.items, ['b'])
  t.is(Object.getOwnPropertyDescriptor(Todo.prototype, 'clear')!.enumerable, false)
})

test('a legacy-style call event()(proto, name, descriptor) registers too', (t) => {
  class Legacy extends LiveView {
    static template = ''
    go(): void {}
    check(): void {}
  }
  const schema = v.object({})
  const go = Object.getOwnPropertyDescriptor(Legacy.prototype, 'go')!
  t.is(event()(Legacy.prototype, 'go', go), undefined)
  event({ params: schema })(Legacy.prototype, 'check', Object.getOwnPropertyDescriptor(Legacy.prototype, 'check')!)
  t.deepEqual(eventRegistration(Legacy.prototype.go), {})
  t.is(eventRegistration(Legacy.prototype.check)!.params, schema)
})

test('bad options throw LIVELOOM_ERR_EVENT_OPTIONS', (t) => {
  const bad = (options: unknown): EventOptions => options as EventOptions
  t.throws(() => event(bad(null)), { code: 'LIVELOOM_ERR_EVENT_OPTIONS', message: '@event(options): options must be an object, got null' })
  t.throws(() => event(bad('strict')), { code: 'LIVELOOM_ERR_EVENT_OPTIONS', message: '@event(options): options must be an object, got string' })
  t.throws(() => event(bad(5)), { code: 'LIVELOOM_ERR_EVENT_OPTIONS', message: '@event(options): options must be an object, got number' })
  const notSchema = '@event({ params }): params must be a Standard Schema validator (valibot, zod, arktype...)'
  for (const params of [{}, { '~standard': {} }, { '~standard': { validate: 'no' } }, v.string, 'string', null]) {
    t.throws(() => event(bad({ params })), { code: 'LIVELOOM_ERR_EVENT_OPTIONS', message: notSchema })
  }
  t.deepEqual(eventRegistration(Todo.prototype.clear), {})
  t.notThrows(() => event({ params: undefined }))
})

test('@event() on something other than a method throws LIVELOOM_ERR_EVENT_OPTIONS naming it', (t) => {
  // Typed loosely: the types rightly refuse @event() here; the test is that it also fails at run time.
  const anyEvent = event() as unknown as (value: unknown, context: ClassMemberDecoratorContext) => void
  t.throws(
    () => {
      class WithGetter extends LiveView {
        static template = ''
        @anyEvent get total(): number {
          return 1
        }
      }
      return WithGetter
    },
    { code: 'LIVELOOM_ERR_EVENT_OPTIONS', message: '@event() decorates methods only, not the getter total' },
  )
  t.throws(
    () => {
      class WithField extends LiveView {
        static template = ''
        @anyEvent handler = (): void => {}
      }
      return WithField
    },
    { code: 'LIVELOOM_ERR_EVENT_OPTIONS', message: '@event() decorates methods only, not the field handler' },
  )
  class Legacy {
    get total(): number {
      return 1
    }
  }
  t.throws(() => event()(Legacy.prototype, 'total', Object.getOwnPropertyDescriptor(Legacy.prototype, 'total')!), {
    code: 'LIVELOOM_ERR_EVENT_OPTIONS',
    message: '@event() decorates methods only, not total',
  })
  t.throws(() => (event() as unknown as (target: object, key: string) => void)(Legacy, 'field'), {
    code: 'LIVELOOM_ERR_EVENT_OPTIONS',
    message: '@event() decorates methods only, not field',
  })
})

test('a subclass inherits its superclass handlers', (t) => {
  class Special extends Todo {}
  t.is(Special.prototype.clear, Todo.prototype.clear)
  t.deepEqual(eventRegistration(Special.prototype.clear), {})
  t.is(eventRegistration(Special.prototype.remove)!.params, ById)
})

test('a handler overridden without @event() is not registered; with it, it is', (t) => {
  class Override extends Todo {
    override clear(): void {
      super.clear()
    }

    @event() override reload(): Promise<void> {
      return super.reload()
    }
  }
  t.is(eventRegistration(Override.prototype.clear), undefined)
  t.deepEqual(eventRegistration(Override.prototype.reload), {})
  t.deepEqual(eventRegistration(Todo.prototype.clear), {}, 'the superclass handler stays registered')
})
