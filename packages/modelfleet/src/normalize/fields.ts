// Tolerant readers for provider objects. The generated types say what a provider promises; these say what
// the facade does when it sends something else: treat the field as missing rather than throw.

/** The value as a plain object, or `undefined` for anything else (arrays included). */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A field of `value` when `value` is an object. */
export function field(value: unknown, key: string): unknown {
  const object = record(value);
  return object && Object.hasOwn(object, key) ? object[key] : undefined;
}

/** A non-empty string (trimmed), else `null`. Numbers become their decimal form: some ids arrive as numbers. */
export function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** A finite, non-negative integer (also from a numeric string), else `null`. */
export function count(value: unknown): number | null {
  const n = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) && n >= 0 ? n : null;
}

/** `true`/`false`, also from the strings `"true"`/`"false"` (Sieve's legacy `gpu`), else `null`. */
export function flag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const lower = value.trim().toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
  }
  return null;
}
