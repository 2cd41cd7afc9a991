import type { ApiError, ApiErrorInit } from "./errors.js";
import { apiErrorClassFor, RateLimitError, type RequestErrorContext } from "./errors.js";
import { MAX_DEPTH, scrubSecret, scrubSecretDeep } from "./redact.js";
import { retryAfterMs } from "./retry.js";

/** What the error built from a response needs to know about the provider and the key. */
export interface ErrorSource {
  /** The provider's own request-id response header, if it has one. */
  requestIdHeader?: string | undefined;
  /** Keys of the error body holding the provider's message, in order of preference. */
  errorMessageKeys?: readonly string[] | undefined;
  /** The bare API key: scrubbed from every string the error holds, whatever the provider echoed. */
  apiKey: string;
}

const DEFAULT_ERROR_MESSAGE_KEYS = ["message", "error", "detail"];
/** A non-JSON body is cut to this many characters before anything else looks at it. */
const EXCERPT_INPUT = 4096;
const EXCERPT_LENGTH = 300;

/**
 * The {@link ApiError} subclass for a response's status, with the provider's message and request id. The API key
 * is scrubbed from every field (and so from the message, the stack, `toJSON` and `inspect`), and the body is cut to
 * a depth every serializer can walk.
 */
export function apiErrorFrom(
  source: ErrorSource,
  context: RequestErrorContext,
  response: Response,
  rawBody: unknown,
  message?: string,
): ApiError {
  const ErrorClass = apiErrorClassFor(response.status);
  const error = new ErrorClass(errorInitFrom(source, context, response, rawBody), message && scrubSecret(message, source.apiKey));
  if (error instanceof RateLimitError) error.retryAfterMs = retryAfterMs(response.headers);
  return error;
}

/** The fields of an {@link ApiError} for a response, the key scrubbed from each. */
export function errorInitFrom(source: ErrorSource, context: RequestErrorContext, response: Response, rawBody: unknown): ApiErrorInit {
  const body = scrubSecretDeep(typeof rawBody === "string" ? excerpt(rawBody) : rawBody, source.apiKey);
  return {
    ...context,
    url: scrubSecret(context.url, source.apiKey),
    status: response.status,
    statusText: scrubSecret(response.statusText, source.apiKey),
    requestId: scrubSecret(readRequestId(response.headers, source.requestIdHeader), source.apiKey),
    body,
    providerMessage: extractMessage(body, source.errorMessageKeys ?? DEFAULT_ERROR_MESSAGE_KEYS),
  };
}

function readRequestId(headers: Headers, providerHeader: string | undefined): string | undefined {
  for (const name of [providerHeader, "x-request-id", "request-id"]) {
    const value = name ? headers.get(name) : null;
    if (value) return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  return undefined;
}

/**
 * A non-JSON body (an HTML page from a proxy) reduced to a short single-line excerpt. The input is cut first, so
 * the work is linear in the body's size whatever the patterns below would do on a hostile one.
 */
export function excerpt(text: string): string {
  const flat = text
    .slice(0, EXCERPT_INPUT)
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

/** The provider's own message: the first usable key of its error body, FastAPI validation lists included. */
export function extractMessage(body: unknown, keys: readonly string[], depth = 0): string | undefined {
  if (typeof body === "string") return body || undefined;
  if (typeof body !== "object" || body === null || depth > MAX_DEPTH) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value.trim()) return value.trim();
    if (Array.isArray(value) && value.length > 0) return value.slice(0, 20).map(describeIssue).join("; ");
    if (typeof value === "object" && value !== null) {
      const nested = extractMessage(value, keys, depth + 1);
      if (nested) return nested;
    }
  }
  return undefined;
}

/** One entry of a list of problems (FastAPI's `[{ loc, msg }]`, or plain strings). */
function describeIssue(item: unknown): string {
  if (typeof item === "string") return item;
  if (typeof item !== "object" || item === null) return String(item);
  const entry = item as { loc?: unknown; msg?: unknown; message?: unknown };
  const text = typeof entry.msg === "string" ? entry.msg : typeof entry.message === "string" ? entry.message : JSON.stringify(item);
  return Array.isArray(entry.loc) ? `${entry.loc.join(".")}: ${text}` : text;
}
