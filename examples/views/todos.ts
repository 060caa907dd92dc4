import * as v from 'valibot'
import { LiveView, event } from 'liveloom'

interface Todo {
  id: number
  title: string
  done: boolean
}

const FILTERS = ['all', 'active', 'done'] as const
type Filter = (typeof FILTERS)[number]

const Title = v.pipe(v.string(), v.trim(), v.minLength(1, 'write something first'), v.maxLength(200))
const Id = v.pipe(v.string(), v.regex(/^\d+$/), v.transform(Number))

/**
 * The todo example: add with enter (a form), toggle with a checkbox, edit in place, delete,
 * filter all/active/done; the counts are computed values.
 */
export default class Todos extends LiveView {
  static template = 'todos.mustache'

  todos: Todo[] = [
    { id: 1, title: 'Read the liveloom tour', done: true },
    { id: 2, title: 'Write a view', done: false },
  ]
  nextId = 3
  filter: Filter = 'all'
  editing: number | null = null

  get visible(): Array<Todo & { editing: boolean }> {
    return this.todos
      .filter((todo) => this.filter === 'all' || (this.filter === 'done') === todo.done)
      .map((todo) => ({ ...todo, editing: todo.id === this.editing }))
  }

  get remaining(): number {
    return this.todos.filter((todo) => !todo.done).length
  }

  get completed(): number {
    return this.todos.length - this.remaining
  }

  get filters(): Array<{ name: Filter; current: boolean }> {
    return FILTERS.map((name) => ({ name, current: name === this.filter }))
  }

  @event({ params: v.object({ title: Title }) })
  add({ title }: { title: string }): void {
    this.todos.push({ id: this.nextId++, title, done: false })
  }

  @event({ params: v.object({ id: Id, checked: v.boolean() }) })
  toggle({ id, checked }: { id: number; checked: boolean }): void {
    const todo = this.todos.find((t) => t.id === id)
    if (todo) todo.done = checked
  }

  @event({ params: v.object({ id: Id }) })
  edit({ id }: { id: number }): void {
    this.editing = id
  }

  @event({ params: v.object({ id: Id, title: Title }) })
  save({ id, title }: { id: number; title: string }): void {
    const todo = this.todos.find((t) => t.id === id)
    if (todo) todo.title = title
    this.editing = null
  }

  @event() cancel(): void {
    this.editing = null
  }

  @event({ params: v.object({ id: Id }) })
  remove({ id }: { id: number }): void {
    this.todos = this.todos.filter((t) => t.id !== id)
  }

  @event({ params: v.object({ filter: v.picklist(FILTERS) }) })
  show({ filter }: { filter: Filter }): void {
    this.filter = filter
  }

  @event() clearDone(): void {
    this.todos = this.todos.filter((t) => !t.done)
  }
}
