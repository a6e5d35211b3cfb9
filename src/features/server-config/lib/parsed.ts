/** Where in a field a problem is: `''` for the field as a whole, `0.name` for a row's name. */
export type FieldErrors = Readonly<Record<string, string>>;

/** A field's text read as a config value, or why it cannot be one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

export const fail = (message: string, at = ''): { ok: false; errors: FieldErrors } => ({
  ok: false,
  errors: { [at]: message },
});

/** A stable identity for a config value, `undefined` and `null` included. */
export function keyOf(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}
