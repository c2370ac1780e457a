/**
 * PostgreSQL text cannot hold U+0000, and no one means to type it: it only arrives in crafted or
 * corrupted submissions. Every form field and query value is cleaned of it in one place, so no
 * feature's save can fail on it.
 */
export function withoutNulCharacters<T>(value: T): T {
  if (typeof value === 'string') return (value.includes('\u0000') ? value.replaceAll('\u0000', '') : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => withoutNulCharacters(item)) as T;
  if (isPlainRecord(value)) {
    const record: Record<string, unknown> = value;
    for (const key of Object.keys(record)) record[key] = withoutNulCharacters(record[key]);
  }
  return value;
}

/**
 * Parsed forms and queries: plain objects or the null-prototype dictionaries the query-string
 * parser makes. Uploaded files and other class instances are left as they are.
 */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype || Object.getPrototypeOf(prototype) === null;
}
