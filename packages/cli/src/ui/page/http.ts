import type { ErrorView } from "../view-types.js";

/** An answer other than 2xx, with the server's one-line reason. */
export class RequestError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "RequestError";
    this.status = status;
  }
}

/** The CSRF token the server put in the page's meta tag; every change sends it back. */
function csrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="modelfleet-csrf"]')?.content ?? "";
}

/** GETs JSON from the server (the token travels in its cookie). */
export function getJson<T>(path: string): Promise<T> {
  return request<T>(path, { method: "GET" });
}

/** POSTs a change as JSON with the CSRF token. */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return request<T>(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": csrfToken() },
    body: JSON.stringify(body),
  });
}

async function request<T>(path: string, init: RequestInit): Promise<T> {
  const response = await fetch(path, { ...init, credentials: "same-origin" });
  const body = (await response.json().catch(() => null)) as T | ErrorView | null;
  if (!response.ok) {
    const reason = body && typeof body === "object" && "error" in body ? body.error : response.statusText;
    throw new RequestError(response.status, reason);
  }
  return body as T;
}
