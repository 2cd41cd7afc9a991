import { json, type RecordedRequest } from "@modelfleet/test-utils";

/** Answers a request routed to it; `attempt` counts calls of this route (1-based). */
export type RouteReply = Response | ((request: Request, attempt: number) => Response | Promise<Response>);

/**
 * A `fetch` for the fleet that routes by `METHOD url-without-query` (or with the query, when the route has one)
 * to canned replies and records every request. An unrouted request gets a 404, so a wrong URL fails the test
 * with the URL in the message instead of hanging.
 */
export function fakeProviders(routes: Record<string, RouteReply | RouteReply[]>) {
  const requests: RecordedRequest[] = [];
  const attempts = new Map<string, number>();
  const fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const text = request.body === null ? undefined : await request.clone().text();
    let body: unknown = text;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {}
    }
    requests.push({ method: request.method, url, headers: new Headers(request.headers), body });
    const withQuery = `${request.method} ${url.origin}${url.pathname}${url.search}`;
    const withoutQuery = `${request.method} ${url.origin}${url.pathname}`;
    const key = Object.hasOwn(routes, withQuery) ? withQuery : withoutQuery;
    const route = routes[key];
    if (route === undefined) return json(404, { detail: `no route for ${withQuery}`, error: "no route", message: "no route" });
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    const replies = Array.isArray(route) ? route : [route];
    const reply = replies[Math.min(attempt - 1, replies.length - 1)] as RouteReply;
    return typeof reply === "function" ? reply(request, attempt) : reply.clone();
  };
  return { fetch, requests };
}

export const SIEVE = "https://mango.sievedata.com/v2";
export const MODZY = "https://app.modzy.com/api";
export const DEEPINFRA = "https://api.deepinfra.com";
export const OPPER = "https://api.opper.ai/v2";

/** Keys for every provider, as a user's environment would hold them. */
export const ENV_KEYS = {
  SIEVE_API_KEY: "sieve-key-SECRET-1",
  MODZY_API_KEY: "modzy-key-SECRET-2",
  DEEPINFRA_API_KEY: "deepinfra-key-SECRET-3",
  OPPER_API_KEY: "opper-key-SECRET-4",
};
