/**
 * Redirect policy. fetch's own redirect handling would carry every header but `Authorization` to any origin
 * (an `X-API-Key` included, even from https to plain http), so requests are sent with `redirect: "manual"` and
 * redirects are decided here: only same-origin redirects are followed (same scheme, host and port, so never
 * https to http), at most {@link MAX_REDIRECTS} of them. Any other redirect is refused and the call fails with an
 * `ApiError` carrying the 3xx status; the key is never sent anywhere but the client's own origin.
 */

export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** The next request of a redirect chain, or why it is not followed. */
export type RedirectStep = { follow: true; url: string; method: string; keepBody: boolean } | { follow: false; reason: string };

/**
 * What to do with a redirect `response` to a request for `from` with `method`. 303, and 301/302 after a POST,
 * continue as a GET without a body (what browsers and fetch do); 307 and 308 repeat the method and body.
 */
export function nextRedirect(response: Response, from: string, method: string): RedirectStep {
  const location = response.headers.get("location");
  if (location === null) return { follow: false, reason: "a redirect without a Location header" };
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return { follow: false, reason: "a redirect to an invalid URL" };
  }
  if (target.origin !== new URL(from).origin) {
    // Only the origin is named: the rest of the location may carry tokens of its own.
    return {
      follow: false,
      reason: `a redirect to another origin (${target.origin}), not followed so the API key stays with the client's origin`,
    };
  }
  const asGet = response.status === 303 ? method !== "HEAD" : (response.status === 301 || response.status === 302) && method === "POST";
  return { follow: true, url: target.href, method: asGet ? "GET" : method, keepBody: !asGet };
}
