/**
 * What an argument was, for error messages: `null`, `an array`, an object by its class name (`GPUBuffer`, `Tensor`),
 * a string quoted, anything else as itself (`undefined`, `42`, `true`).
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'an object';
  if (typeof value === 'function') return 'a function';
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
