/** What replaces a secret wherever one would have been shown. */
export const REDACTED = "[redacted]";

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
  if (depth > 32) return "[truncated]";
  if (Array.isArray(value)) return value.map((item) => redactJson(item, sensitiveKeys, depth + 1));
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = sensitiveKeys.includes(key) || SECRET_KEY_PATTERN.test(key) ? REDACTED : redactJson(child, sensitiveKeys, depth + 1);
  }
  return out;
}

/** Replaces every occurrence of `secret` in `text`; a last guard for provider bodies that echo the key. */
export function scrubSecret(text: string, secret: string | undefined): string {
  if (!secret || secret.length < 4) return text;
  return text.split(secret).join(REDACTED);
}

/** Same as {@link scrubSecret} for any JSON value. */
export function scrubSecretDeep(value: unknown, secret: string | undefined): unknown {
  if (!secret || secret.length < 4) return value;
  if (typeof value === "string") return scrubSecret(value, secret);
  if (Array.isArray(value)) return value.map((v) => scrubSecretDeep(v, secret));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubSecretDeep(v, secret)]));
  }
  return value;
}
