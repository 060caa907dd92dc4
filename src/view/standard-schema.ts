/**
 * The Standard Schema interface (https://standardschema.dev), declared here so users can pass
 * any validator that implements it (valibot, zod, arktype) without liveloom depending on one.
 */

/** A validator implementing Standard Schema v1. */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1
    readonly vendor: string
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>
    readonly types?: { readonly input: Input; readonly output: Output } | undefined
  }
}

/** The result of a Standard Schema validation. */
export type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> }

/** One validation issue. */
export interface StandardIssue {
  readonly message: string
  readonly path?: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }> | undefined
}

/** The output type of a schema. */
export type InferOutput<S> = S extends StandardSchemaV1<unknown, infer O> ? O : never

/** Whether `value` looks like a Standard Schema validator. */
export function isStandardSchema(value: unknown): value is StandardSchemaV1 {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false
  const std = (value as { '~standard'?: { validate?: unknown } })['~standard']
  return typeof std === 'object' && std !== null && typeof std.validate === 'function'
}

/** Renders an issue path as `a.b[2]`, for error messages. */
export function issuePath(issue: StandardIssue): string {
  let out = ''
  for (const segment of issue.path ?? []) {
    const key = typeof segment === 'object' ? segment.key : segment
    out += typeof key === 'number' ? `[${key}]` : out === '' ? String(key) : `.${String(key)}`
  }
  return out
}
