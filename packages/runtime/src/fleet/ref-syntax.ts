// Building blocks for a provider's reference grammar (see RefGrammar), so every provider rejects the same
// dangerous parts the same way.

// One path segment: no separators, no whitespace or control characters, not `.`/`..` (they would move the URL).
// biome-ignore lint/suspicious/noControlCharactersInRegex: excluding control characters is the point
const SEGMENT = /^(?!\.{1,2}$)[^/@:\s\u0000-\u001f\u007f]+$/;

// Semantic versioning 2.0.0, with prerelease and build metadata.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** Rejects a part of a reference that could not be one URL path segment (empty, `/ @ :`, whitespace, `.`/`..`). */
export function checkSegment(value: string | undefined, name: string, bad: (why: string) => never): asserts value is string {
  if (value === undefined || value === "") bad(`the ${name} is empty`);
  else if (!SEGMENT.test(value))
    bad(`the ${name} ${quoteRefPart(value)} has a character that is not allowed (/, @, :, whitespace) or is "." or ".."`);
}

/** Whether every `/`-separated part of `value` is a valid segment (for names such as `org/model`). */
export function isSegmentPath(value: string): boolean {
  return value.split("/").every((part) => SEGMENT.test(part));
}

/** Whether `value` is a semantic version such as `1.0.2`. */
export function isSemver(value: string): boolean {
  return SEMVER.test(value);
}

/** Splits `value` at the single `separator` it must contain, or calls `bad`. */
export function splitOnce(value: string, separator: string, bad: (why: string) => never, what: string): [string, string] {
  const parts = value.split(separator);
  if (parts.length !== 2) bad(`it needs exactly one ${separator} before the ${what}`);
  return parts as [string, string];
}

/** A part of a reference, quoted (and cut) for an error message. */
export function quoteRefPart(value: string): string {
  return JSON.stringify(value.length > 120 ? `${value.slice(0, 120)}…` : value);
}
