/**
 * A short, safe description of a rejected argument for an error message: never calls the value's own methods
 * (no `toJSON`, no getters) and never throws, whatever it is (a `JSON.stringify` of a bigint throws a `TypeError`,
 * a cyclic object too). For modelfleet's own packages' argument checks.
 */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || value === undefined || value === null) return String(value);
  if (typeof value === "bigint") return `a bigint (${value}n)`;
  return Array.isArray(value) ? "an array" : `a ${typeof value}`;
}
