/** What replaces a secret wherever one would have been shown. */
export const REDACTED = "[redacted]";
/** What replaces a value nested deeper than {@link MAX_DEPTH}. */
const TRUNCATED = "[truncated]";
/**
 * How deep the walkers below go. Provider JSON can nest arbitrarily deep (JSON.parse takes it), but the walkers,
 * `JSON.stringify` and `inspect` recurse: past this depth a value is replaced, so none of them overflows the stack.
 */
export const MAX_DEPTH = 32;

/** Headers that carry credentials in any provider, besides the provider's own auth header. */
const CREDENTIAL_HEADERS = ["authorization", "proxy-authorization", "x-api-key", "api-key", "cookie", "set-cookie"];

/** Query and body keys whose values are treated as secrets even when the spec does not say so. */
const SECRET_KEY_PATTERN = /(^|[_-])(api[_-]?key|apikey|token|secret|password|passwd|signature|credentials?)$/i;

/** Redacts credential headers (and `extra`, e.g. the provider's own auth header) for logging. */
export function redactHeaders(headers: Headers, extra: readonly string[] = []): Record<string, string> {
  const secret = new Set([...CREDENTIAL_HEADERS, ...extra.map((h) => h.toLowerCase())]);
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    out[key] = secret.has(key.toLowerCase()) ? REDACTED : value;
  });
  return out;
}

/** Removes user info and secret-looking query values from a URL. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  if (parsed.username || parsed.password) {
    parsed.username = "";
    parsed.password = "";
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_KEY_PATTERN.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  return parsed.toString();
}

/** Deep copy of a JSON value with sensitive keys (from the spec, or secret-looking) replaced. */
export function redactJson(value: unknown, sensitiveKeys: readonly string[], depth = 0): unknown {
  if (depth > MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) return value.map((item) => redactJson(item, sensitiveKeys, depth + 1));
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      sensitiveKeys.includes(key) || SECRET_KEY_PATTERN.test(key) ? REDACTED : redactJson(child, sensitiveKeys, depth + 1),
    ]),
  );
}

/** Replaces every occurrence of `secret` in `text`; a guard for anything a provider could echo the key in. */
export function scrubSecret<T extends string | undefined>(text: T, secret: string): T {
  if (text === undefined || secret.length < 4) return text;
  return text.split(secret).join(REDACTED) as T;
}

/** A copy of a JSON value with {@link scrubSecret} applied to every string and key, cut at {@link MAX_DEPTH}. */
export function scrubSecretDeep(value: unknown, secret: string, depth = 0): unknown {
  if (typeof value === "string") return scrubSecret(value, secret);
  if (typeof value !== "object" || value === null) return value;
  if (depth > MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) return value.map((v) => scrubSecretDeep(v, secret, depth + 1));
  // fromEntries defines keys, so a `__proto__` key in a provider's body stays a plain key.
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [scrubSecret(key, secret), scrubSecretDeep(child, secret, depth + 1)]),
  );
}
