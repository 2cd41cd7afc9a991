// Tolerant readers for provider objects. The generated types say what a provider promises; these say what an
// adapter does when it sends something else: treat the field as missing rather than throw.
import type { VersionStatus } from "./model-version.js";

/**
 * A provider object as it may really arrive: every field the generated type `T` declares (from any member of a
 * union such as `Version | LegacyVersion`), each optional and possibly `null`. Reading a field the spec does not
 * declare is a compile error, so renaming a field in the spec breaks the adapter's build instead of its data.
 */
// The conditionals distribute over a union `T`: every key of any member, with its type in the members that have it.
export type Received<T> = {
  readonly [K in T extends unknown ? keyof T : never]?: (T extends unknown ? (K extends keyof T ? T[K] : never) : never) | null;
};

/**
 * `value` typed as the provider object {@link Received} describes, or an empty object when it is not a plain
 * object (a string, an array, `null`): every field then reads as missing. Read nested objects with `?.` or
 * through `received` again.
 */
export function received<T>(value: T | null | undefined): Received<T>;
export function received<T>(value: unknown): Received<T>;
export function received<T>(value: unknown): Received<T> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Received<T>) : {};
}

/** The items of a listing that should be an array, or none when it is not one. */
export function items<T>(value: readonly T[] | null | undefined): readonly T[];
export function items<T>(value: unknown): readonly T[];
export function items<T>(value: unknown): readonly T[] {
  return Array.isArray(value) ? (value as T[]) : [];
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

/** A provider's status words (lower case) → {@link VersionStatus}. */
export type StatusTable = Readonly<Record<string, VersionStatus>>;

/** A status table lookup that never fails: unknown or missing values become `unknown` (keep the original as `providerStatus`). */
export function mapStatus(table: StatusTable, value: string | null): VersionStatus {
  if (value === null) return "unknown";
  const key = value.trim().toLowerCase();
  return Object.hasOwn(table, key) ? (table[key] as VersionStatus) : "unknown";
}
