import { onAbort } from "./abort-listeners.js";
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

/** A request as the transport sends it. */
export interface OutgoingRequest {
  /** Upper-case. */
  method: string;
  url: string;
  /** Owned by the transport from here on: the key and User-Agent are added to this object, never to the caller's. */
  headers: Headers;
  /** Sent again as it is by a retry or a 307/308 redirect, so never a one-shot stream. */
  body: string | ArrayBuffer | Blob | FormData | URLSearchParams | undefined;
}

/** The final response of a call and its body, read within the size limit (or a size-limited stream). */
export interface ReceivedResponse {
  /** The response as fetch returned it; its body has been read (or is being handed over as {@link body}). */
  response: Response;
  body: Uint8Array<ArrayBuffer> | ReadableStream<Uint8Array>;
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
  /** Ends the call: the caller's signal (or, through `raw`, the request's own); none when the caller gave none. */
  signal: AbortSignal | undefined;
  /**
   * Set for a `responseAs: "stream"` operation: a 2xx body is handed over as it arrives, through a stream that
   * fails with `ResponseTooLargeError` past the size limit, instead of being read to the end first. The timeout
   * then covers the attempt up to the headers; the caller's abort still ends the stream.
   */
  streamBody: boolean;
}

/**
 * Sends one call: auth, User-Agent, redirects, per-attempt timeouts, the response size limit and retries happen
 * here, below openapi-fetch's middleware, so user middleware sees one logical request however many attempts it took
 * and never sees the key. Every attempt takes the same path, and its body is read (within the size limit) under the
 * attempt's timer. The caller's abort is final: its reason is rethrown untouched and never retried.
 */
export async function sendWithRetries(config: TransportConfig, request: OutgoingRequest, call: CallState): Promise<ReceivedResponse> {
  const retryable = call.idempotent ?? isIdempotentMethod(request.method);
  call.url = redactUrl(request.url);
  const log = config.logger ? callLogger(config, config.logger, call, request) : undefined;
  request.headers.set(config.auth.header, config.auth.value);
  if (!request.headers.has("user-agent")) request.headers.set("user-agent", config.userAgent);

  for (let attempt = 1; ; attempt++) {
    call.attempts = attempt;
    const started = log ? performance.now() : 0;
    let received: ReceivedResponse | undefined;
    let failure: ModelfleetError | undefined;
    try {
      received = await fetchWithTimeout(config, call, request);
    } catch (error) {
      if (!ModelfleetError.isInstance(error) || !error.isRetryable) throw error;
      failure = error;
    }
    const response = received?.response;
    log?.attempt(attempt, response?.status ?? failure?.name, started);

    const mayRetry = retryable && attempt <= call.maxRetries && (response ? shouldRetry(response) : true);
    const delayMs = mayRetry ? retryDelay(attempt, response?.headers, config.random) : undefined;
    if (delayMs === undefined || delayMs > MAX_RETRY_AFTER_MS) {
      log?.final(attempt, retryable, response, failure, delayMs);
      if (failure) throw failure;
      return received as ReceivedResponse;
    }
    log?.retry(attempt, delayMs, response?.status, failure?.name);
    await config.sleep(delayMs, call.signal ?? NEVER_ABORTED);
  }
}

/** What `sleep` is given when the caller has no signal. */
const NEVER_ABORTED = new AbortController().signal;

/**
 * One attempt: the request (and its same-origin redirects) and the whole body, under one timer. Failures become
 * modelfleet errors: `TimeoutError`, `ConnectionError`, `ResponseTooLargeError`, or an `ApiError` for a refused
 * redirect.
 */
async function fetchWithTimeout(config: TransportConfig, call: CallState, request: OutgoingRequest): Promise<ReceivedResponse> {
  const callerSignal = call.signal;
  if (callerSignal?.aborted) throw callerSignal.reason;
  const controller = new AbortController();
  let timedOut = false;
  const timer =
    call.timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, call.timeoutMs);
  // Forwarded by hand and unregistered after the attempt, through the signal's one shared listener: a caller
  // signal shared by many calls in flight keeps no listener per call (and this costs far less than AbortSignal.any
  // on every attempt).
  const release = callerSignal ? onAbort(callerSignal, () => controller.abort(callerSignal.reason)) : () => {};
  let handedOver = false;
  try {
    const response = await fetchFollowingRedirects(config, call, request, controller.signal);
    if (call.streamBody && response.ok && response.body !== null) {
      const tooLarge = () =>
        new ResponseTooLargeError(errorInitFrom(config, contextOf(config, call, request), response, undefined), call.maxResponseBytes);
      handedOver = true;
      return { response, body: streamWithin(response.body, call.maxResponseBytes, tooLarge, release) };
    }
    const body = await readBodyWithin(response.body, call.maxResponseBytes);
    if (body === undefined) {
      throw new ResponseTooLargeError(errorInitFrom(config, contextOf(config, call, request), response, undefined), call.maxResponseBytes);
    }
    return { response, body };
  } catch (error) {
    if (callerSignal?.aborted) throw callerSignal.reason;
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
  request: OutgoingRequest,
  signal: AbortSignal,
): Promise<Response> {
  let url = request.url;
  let method = request.method;
  let body = request.body;
  for (let redirects = 0; ; redirects++) {
    const response = await config.fetch(url, { method, headers: request.headers, body, signal, redirect: "manual" });
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
    if (!step.keepBody && body !== undefined) {
      body = undefined;
      request.headers.delete("content-type");
    }
  }
}

function contextOf(config: TransportConfig, call: CallState, request: OutgoingRequest): RequestErrorContext {
  return {
    provider: config.provider.id,
    operationId: call.operationId,
    method: request.method,
    url: call.url,
    attempts: call.attempts,
  };
}

/**
 * The log lines of one call, all starting `modelfleet <provider> <operation>`. Headers are redacted; a request
 * body is logged as JSON with the spec's sensitive keys and the key itself redacted, else only as its size.
 */
function callLogger(config: TransportConfig, logger: Logger, call: CallState, request: OutgoingRequest) {
  const { method, body } = request;
  const requestHeaders = redactHeaders(request.headers, [config.auth.header]);
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

/** A request body as a log line shows it: JSON with sensitive keys and the bare key redacted, else what it is. */
function describeBody(body: NonNullable<OutgoingRequest["body"]>, sensitiveKeys: readonly string[], apiKey: string): unknown {
  const text = typeof body === "string" ? body : body instanceof ArrayBuffer ? new TextDecoder().decode(body) : undefined;
  try {
    if (text !== undefined) return scrubSecretDeep(redactJson(JSON.parse(text), sensitiveKeys), apiKey);
  } catch {
    // Not JSON: described below.
  }
  if (text !== undefined) return `<${text.length} characters>`;
  return body instanceof Blob ? `<${body.size} bytes>` : `<${body.constructor.name}>`;
}
