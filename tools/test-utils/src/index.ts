/** A request as the server would have seen it, captured by {@link recordingFetch}. */
export interface RecordedRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Parsed JSON when the body was JSON, the raw text otherwise, `undefined` without a body. */
  body: unknown;
}

/** Answers one request: a ready Response, or a function of the request (to echo, to throw, to hang). */
export type Reply = Response | ((request: Request, attempt: number) => Response | Promise<Response>);

/**
 * A `fetch` that records every request and answers with the given replies in order (the last one repeats).
 * Tests inject it through the client's `fetch` option; nothing global is mocked.
 */
export function recordingFetch(...replies: Reply[]) {
  const requests: RecordedRequest[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    const text = request.body === null ? undefined : await request.clone().text();
    let body: unknown = text;
    if (text !== undefined && text !== "") {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    requests.push({ method: request.method, url: new URL(request.url), headers: new Headers(request.headers), body });
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)];
    if (reply === undefined) throw new Error("recordingFetch: no reply configured");
    return typeof reply === "function" ? reply(request, requests.length) : reply.clone();
  };
  return { fetch, requests };
}

/** A JSON response, as providers send them. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** A plain-text or HTML response (proxies, load balancers). */
export function text(status: number, body: string, contentType = "text/html"): Response {
  return new Response(body, { status, headers: { "content-type": contentType } });
}

/** A response without a body (e.g. 204). */
export function empty(status = 204, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

/** The request path exactly as sent (still percent-encoded), for asserting encoding. */
export function rawPath(request: RecordedRequest): string {
  return request.url.pathname;
}

/** Sleep replacement that records the delays asked for and returns at once. */
export function recordingSleep() {
  const delays: number[] = [];
  const sleep = async (ms: number, signal: AbortSignal) => {
    delays.push(ms);
    if (signal.aborted) throw signal.reason;
  };
  return { sleep, delays };
}

/** A key that tests search for in every string an error or a log line produces. */
export const SECRET_KEY = "sk-live-TOPSECRET-1234567890";
