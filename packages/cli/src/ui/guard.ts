import { randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** What the guard decided about one request. */
export type Verdict =
  | { kind: "allow" }
  /** The first load, with the token in the URL: set the cookie and send the browser to the same URL without it. */
  | { kind: "login"; cookie: string; location: string }
  | { kind: "deny"; status: 403 | 405; reason: string };

/**
 * The checks every request passes before it is served, for a server on this machine that holds cloud API keys:
 * - `Host` must be the bound address (a DNS-rebinding page has its own name there);
 * - the per-run token: in the printed URL once, then in an HttpOnly, SameSite=Strict cookie;
 * - a change is a POST carrying the CSRF token (in the page's meta tag, which another origin cannot read) and JSON
 *   (which no cross-site form can send); reads are GET or HEAD.
 */
export class Guard {
  /** The token the printed URL carries. */
  readonly token = randomBytes(24).toString("hex");
  /** The token every change must carry in `x-csrf-token`; the page reads it from its meta tag. */
  readonly csrfToken = randomBytes(24).toString("hex");
  readonly #host: string;
  readonly #cookieName: string;

  /** `host` as the browser sends it in `Host`: `127.0.0.1:4800` or `[::1]:4800`. */
  constructor(host: string) {
    this.#host = host.toLowerCase();
    // Cookies are shared by every port of a host: one per port, so two servers do not log each other out.
    this.#cookieName = `modelfleet_ui_${host.replace(/\W/g, "_")}`;
  }

  check(request: IncomingMessage, mutating: boolean): Verdict {
    if ((request.headers.host ?? "").toLowerCase() !== this.#host) {
      return { kind: "deny", status: 403, reason: "this server answers only requests addressed to it by its own address" };
    }
    const url = new URL(request.url ?? "/", "http://localhost");
    const method = request.method ?? "GET";
    const fromUrl = url.searchParams.get("token");
    if (fromUrl !== null && (method === "GET" || method === "HEAD") && same(fromUrl, this.token)) {
      url.searchParams.delete("token");
      const cookie = `${this.#cookieName}=${this.token}; Path=/; HttpOnly; SameSite=Strict`;
      return { kind: "login", cookie, location: `${url.pathname}${url.search}` };
    }
    if (!same(cookieValue(request.headers.cookie, this.#cookieName) ?? "", this.token)) {
      return { kind: "deny", status: 403, reason: "missing or wrong token: open the URL that modelfleet ui printed" };
    }
    if (!mutating) {
      return method === "GET" || method === "HEAD" ? { kind: "allow" } : { kind: "deny", status: 405, reason: "only GET here" };
    }
    if (method !== "POST") return { kind: "deny", status: 405, reason: "a change is a POST" };
    if (!same(String(request.headers["x-csrf-token"] ?? ""), this.csrfToken)) {
      return { kind: "deny", status: 403, reason: "missing or wrong CSRF token" };
    }
    if (!(request.headers["content-type"] ?? "").startsWith("application/json")) {
      return { kind: "deny", status: 403, reason: "a change is sent as application/json" };
    }
    return { kind: "allow" };
  }
}

/** Constant-time comparison, so the token cannot be guessed a character at a time from response times. */
function same(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
