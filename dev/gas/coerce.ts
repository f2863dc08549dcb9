/**
 * How Apps Script turns an argument into text where a method takes a string: strings as they are,
 * numbers and booleans by their own spelling, anything else by its JSON (the bundle never passes
 * objects to these methods; when a test does, the text shows what it passed).
 */
export function asText(x: unknown): string {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return String(x);
  if (x === null || x === undefined) return '';
  if (x instanceof Date) return x.toString();
  if (typeof x === 'object' && 'toString' in x && x.toString !== Object.prototype.toString)
    return (x as { toString(): string }).toString();
  return JSON.stringify(x) ?? '';
}
