/** Stored JSON read back through a schema: the value it promises, or null — never an unchecked cast. */
import * as v from 'valibot';

export function parseJson<T>(
  text: string | null | undefined,
  schema: v.GenericSchema<unknown, T>,
): T | null {
  if (text === null || text === undefined) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const r = v.safeParse(schema, raw);
  return r.success ? r.output : null;
}
