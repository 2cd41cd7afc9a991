import { apiErrorFrom, type ErrorSource, errorInitFrom } from "./error-response.js";
import { ConnectionError, ModelfleetError, type RequestErrorContext, ResponseTooLargeError, TimeoutError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { ProviderDescriptor } from "./provider.js";
import { readBodyWithin, streamWithin } from "./read-body.js";
import { redactHeaders, redactJson, redactUrl, scrubSecretDeep } from "./redact.js";
import { isRedirect, MAX_REDIRECTS, nextRedirect } from "./redirects.js";
import { isIdempotentMethod, MAX_RETRY_AFTER_MS, retryDelay, shouldRetry } from "./retry.js";

/** What the transport needs from the client; built once per client. */
export interface TransportConfig extends ErrorSource {
  provider: ProviderDescriptor;
  /** Sends one HTTP request; the global `fetch`, or the `fetch` option given a `Request`. */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** The auth header's name and full value; held only here, never logged or attached to errors. */
  auth: { header: string; value: string };
  userAgent: string;
  logger: Logger | undefined;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** One logical call: its limits in, and what happened out (read by the client to build errors). */
export interface CallState {
  /** The spec's operationId; `undefined` for calls through `raw`. */
  operationId: string | undefined;
  /** Whether the call may be sent again; `undefined` for `raw` calls, which go by the method. */
  idempotent: boolean | undefined;
  /** Per-attempt timeout; `undefined` for none. */
  timeoutMs: number | undefined;
  maxRetries: number;
  maxResponseBytes: number;
  /** Attempts made so far. */
  attempts: number;
  /** The redacted URL of the request. */
  url: string;
  /** The caller's signal, when the client was given it; otherwise the request's own (the `raw` client's case). */
  signal?: AbortSignal | undefined;
  /**
   * Set by the client for its own calls: the final body is left here instead of in the returned response, which
   * then has none. The client parses it itself, and building a second body stream costs more than the parse.
   */
  body?: Uint8Array<ArrayBuffer> | undefined;
  keepBody?: boolean;
  /**
   * Set by the client for a `responseAs: "stream"` operation: a 2xx body is handed over as it arrives, through a
   * stream that fails with `ResponseTooLargeError` past the size limit, instead of being read to the end first.
   * The timeout then covers the attempt up to the headers; the caller's abort still ends the stream.
   */
  streamBody?: boolean;
}

/** Statuses whose response has no body by definition (`new Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The `fetch` given to openapi-fetch: auth, User-Agent, redirects, per-attempt timeouts, the response size limit
 * and retries happen here, below openapi-fetch's middleware, so user middleware sees one logical request however
 * many attempts it took and never sees the key. Every attempt takes the same path. The response returned has its
 * body already read (within the size limit), so the timeout covers the body and openapi-fetch parses from memory.
 * The caller's abort is final: its reason is rethrown untouched and never retried.
 */
export async function sendWithRetries(config: TransportConfig, request: Request, call: CallState): Promise<Response> {
  const method = request.method.toUpperCase();
  const retryable = call.idempotent ?? isIdempotentMethod(method);
  // Read once so every attempt (and a 307/308 redirect) can send it again intact.
  const body = request.body === null ? undefined : await request.arrayBuffer();
  call.url = redactUrl(request.url);
  const log = config.logger ? callLogger(config, config.logger, call, request, body) : undefined;

  for (let attempt = 1; ; attempt++) {
    call.attempts = attempt;
    const started = log ? performance.now() : 0;
    let response: Response | undefined;
    let failure: ModelfleetError | undefined;
    try {
      response = await fetchWithTimeout(config, call, request, body);
    } catch (error) {
      if (!ModelfleetError.isInstance(error) || !error.isRetryable) throw error;
      failure = error;
    }
    log?.attempt(attempt, response?.status ?? failure?.name, started);

    const mayRetry = retryable && attempt <= call.maxRetries && (response ? shouldRetry(response) : true);
    const delayMs = mayRetry ? retryDelay(attempt, response?.headers, config.random) : undefined;
    if (delayMs === undefined || delayMs > MAX_RETRY_AFTER_MS) {
      log?.final(attempt, retryable, response, failure, delayMs);
      if (failure) throw failure;
      return response as Response;
    }
    log?.retry(attempt, delayMs, response?.status, failure?.name);
    await config.sleep(delayMs, call.signal ?? request.signal);
  }
}

/**
 * One attempt: the request (and its same-origin redirects) and the whole body, under one timer. Failures become
 * modelfleet errors: `TimeoutError`, `ConnectionError`, `ResponseTooLargeError`, or an `ApiError` for a refused
 * redirect.
 */
async function fetchWithTimeout(
  config: TransportConfig,
  call: CallState,
  request: Request,
  body: ArrayBuffer | undefined,
): Promise<Response> {
  const callerSignal = call.signal ?? request.signal;
  if (callerSignal.aborted) throw callerSignal.reason;
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    call.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, call.timeoutMs);
  // Forwarded by hand and removed after the attempt, so a long-lived caller signal keeps no listener per call
  // (and this costs far less than AbortSignal.any on every attempt).
  const forwardAbort = () => controller.abort(callerSignal.reason);
  callerSignal.addEventListener("abort", forwardAbort, { once: true });
  const release = () => callerSignal.removeEventListener("abort", forwardAbort);
  let handedOver = false;
  try {
    const response = await fetchFollowingRedirects(config, call, request, body, controller.signal);
    const init = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (call.streamBody && response.ok && response.body !== null) {
      const tooLarge = () =>
        new ResponseTooLargeError(errorInitFrom(config, contextOf(config, call, request), response, undefined), call.maxResponseBytes);
      handedOver = true;
      return new Response(streamWithin(response.body, call.maxResponseBytes, tooLarge, release), init);
    }
    const bytes = await readBodyWithin(response, call.maxResponseBytes);
    if (bytes === undefined) {
      throw new ResponseTooLargeError(errorInitFrom(config, contextOf(config, call, request), response, undefined), call.maxResponseBytes);
    }
    if (call.keepBody) call.body = bytes;
    return new Response(call.keepBody || NULL_BODY_STATUSES.has(response.status) ? null : bytes, init);
  } catch (error) {
    if (callerSignal.aborted) throw callerSignal.reason;
    if (ModelfleetError.isInstance(error)) throw error;
    const context = contextOf(config, call, request);
    if (timedOut) throw new TimeoutError(context, call.timeoutMs as number);
    throw new ConnectionError(context, undefined, { cause: error });
  } finally {
    clearTimeout(timer);
    if (!handedOver) release();
  }
}

/** Sends the request with the key, following only same-origin redirects (see redirects.ts). */
async function fetchFollowingRedirects(
  config: TransportConfig,
  call: CallState,
  request: Request,
  body: ArrayBuffer | undefined,
  signal: AbortSignal,
): Promise<Response> {
  let url = request.url;
  let method = request.method;
  let sent = body;
  for (let redirects = 0; ; redirects++) {
    const response = await config.fetch(url, withCredentials(config, request.headers, method, sent, signal));
    if (!isRedirect(response.status)) return response;
    response.body?.cancel().catch(() => {});
    const step =
      redirects < MAX_REDIRECTS
        ? nextRedirect(response, url, method)
        : { follow: false as const, reason: `more than ${MAX_REDIRECTS} redirects` };
    if (!step.follow) {
      const context = contextOf(config, call, request);
      const message = `${context.provider} ${context.operationId ?? context.method}: ${response.status} is ${step.reason} (${context.method} ${context.url})`;
      throw apiErrorFrom(config, context, response, undefined, message);
    }
    url = step.url;
    method = step.method;
    if (!step.keepBody) sent = undefined;
  }
}

/** The request as sent: the caller's headers plus the key and User-Agent, never following redirects itself. */
function withCredentials(
  config: TransportConfig,
  callerHeaders: Headers,
  method: string,
  body: ArrayBuffer | undefined,
  signal: AbortSignal,
): RequestInit {
  const headers = headersWithCredentials(config, callerHeaders);
  if (body === undefined) headers.delete("content-type");
  return { method, headers, body, signal, redirect: "manual" };
}

function headersWithCredentials(config: TransportConfig, callerHeaders: Headers): Headers {
  const headers = new Headers(callerHeaders);
  headers.set(config.auth.header, config.auth.value);
  if (!headers.has("user-agent")) headers.set("user-agent", config.userAgent);
  return headers;
}

function contextOf(config: TransportConfig, call: CallState, request: Request): RequestErrorContext {
  return {
    provider: config.provider.id,
    operationId: call.operationId,
    method: request.method.toUpperCase(),
    url: call.url,
    attempts: call.attempts,
  };
}

/**
 * The log lines of one call, all starting `modelfleet <provider> <operation>`. Headers are redacted; a request
 * body is logged as JSON with the spec's sensitive keys and the key itself redacted, else only as its size.
 */
function callLogger(config: TransportConfig, logger: Logger, call: CallState, request: Request, body: ArrayBuffer | undefined) {
  const method = request.method.toUpperCase();
  const requestHeaders = redactHeaders(headersWithCredentials(config, request.headers), [config.auth.header]);
  const base = { provider: config.provider.id, operationId: call.operationId, method, url: call.url };
  const label = `modelfleet ${config.provider.id} ${call.operationId ?? method}`;
  return {
    attempt(attempt: number, outcome: number | string | undefined, started: number) {
      logger.debug(`${label} attempt ${attempt}: ${outcome}`, {
        ...base,
        attempt,
        status: typeof outcome === "number" ? outcome : undefined,
        durationMs: Math.round(performance.now() - started),
        requestHeaders,
        requestBody: body === undefined ? undefined : describeBody(body, config.provider.sensitiveKeys, config.apiKey),
      });
    },
    retry(attempt: number, delayMs: number, status: number | undefined, error: string | undefined) {
      logger.info(`${label}: retrying in ${delayMs} ms (attempt ${attempt + 1} of ${call.maxRetries + 1})`, {
        ...base,
        attempt,
        status,
        error,
        retryInMs: delayMs,
      });
    },
    final(
      attempt: number,
      retryable: boolean,
      response: Response | undefined,
      failure: ModelfleetError | undefined,
      delayMs: number | undefined,
    ) {
      if (delayMs !== undefined) {
        logger.warn(`${label}: not retrying, the provider asked to wait ${delayMs} ms (more than ${MAX_RETRY_AFTER_MS} ms)`, {
          ...base,
          status: response?.status,
          retryAfterMs: delayMs,
        });
      } else if (failure) {
        logger.warn(`${label}: ${failure.name} after ${attempt} attempt(s)`, { ...base, attempts: attempt, retryable });
      } else if (response && !response.ok) {
        logger.warn(`${label} failed with ${response.status} after ${attempt} attempt(s)`, {
          ...base,
          status: response.status,
          attempts: attempt,
          retryable,
        });
      }
    },
  };
}

/** A request body as a log line shows it: JSON with sensitive keys and the bare key redacted, else its size. */
function describeBody(body: ArrayBuffer, sensitiveKeys: readonly string[], apiKey: string): unknown {
  try {
    return scrubSecretDeep(redactJson(JSON.parse(new TextDecoder().decode(body)), sensitiveKeys), apiKey);
  } catch {
    return `<${body.byteLength} bytes>`;
  }
}
