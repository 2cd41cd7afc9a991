/** A plain object (not an array, not null). Kept in a module of its own so light commands need no parser. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
