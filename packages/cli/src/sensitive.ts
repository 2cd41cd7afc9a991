import { providerInfo } from "./registry.js";

/** What replaces a value its provider's spec marks `x-modelfleet-sensitive`. */
export const MASKED = "[sensitive]";
/** What replaces anything nested deeper than this: a value the walk does not reach could hold a sensitive field. */
const MAX_DEPTH = 64;
const TRUNCATED = "[truncated]";

/**
 * A copy of `value` whose properties named in `keys` (at any depth) read {@link MASKED}. Plain objects and arrays
 * are copied; anything else (a `Date`) is kept as it is. `keys` empty: `value` itself.
 */
export function maskFields(value: unknown, keys: readonly string[], depth = 0): unknown {
  if (keys.length === 0 || typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) return value.map((item) => maskFields(item, keys, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  // fromEntries defines keys, so a `__proto__` key in a provider's object stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [key, keys.includes(key) ? MASKED : maskFields(child, keys, depth + 1)]),
  );
}

/** `value` with the sensitive fields of `provider`'s spec masked (see {@link maskFields}). */
export function maskForProvider<T>(value: T, provider: string): T {
  return maskFields(value, providerInfo(provider)?.sensitiveKeys ?? []) as T;
}
