import openapiFetch, { type Client } from "openapi-fetch";
import { bodyEncodingOf } from "./body-encoding.js";
import { ApiError, apiErrorClassFor, ConnectionError, ModelfleetError, RateLimitError, TimeoutError } from "./errors.js";
import { type Logger, leveledLogger } from "./logger.js";
import {
  type ClientOptions,
  checkApiKey,
  checkBaseUrl,
  checkLogLevel,
  checkRetryOptions,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type RequestOptions,
} from "./options.js";
import { splitParams } from "./params.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";
import { scrubSecret, scrubSecretDeep } from "./redact.js";
import { backoffDelay, defaultSleep, retryAfterMs } from "./retry.js";
import { type CallState, sendWithRetries, type TransportConfig } from "./transport.js";

/**
 * openapi-fetch's `createClient`. In our CommonJS build a default import of openapi-fetch's CommonJS entry yields its
 * whole `exports` object (esbuild applies Node's ESM-to-CommonJS rules to this `type: module` package), so unwrap
 * `default` there; the ES module build gets the function itself.
 */
const createClient: typeof openapiFetch =
  typeof openapiFetch === "function" ? openapiFetch : (openapiFetch as unknown as { default: typeof openapiFetch }).default;

/** What a generated `paths` type must extend: openapi-fetch's own constraint, repeated so clients can name it. */
// biome-ignore lint/complexity/noBannedTypes: openapi-fetch's own constraint for a paths type
export type AnyPaths = {};

/** The openapi-fetch client of a provider, with modelfleet's auth, retries and timeouts underneath. */
export type RawClient<Paths extends AnyPaths> = Client<Paths, `${string}/${string}`>;

/** What generated clients are built on: the raw client and a way to call one operation. */
export interface ClientCore<Paths extends AnyPaths> {
  readonly raw: RawClient<Paths>;
  /** The provider's id, e.g. `sieve`, for errors raised above single calls (pagination). */
  readonly providerId: string;
  /** The base URL in use (no trailing slash); a listing's next URL must stay under it. */
  readonly baseUrl: string;
  /** Sends one operation and returns its parsed body, or throws an {@link ApiError} subclass. */
  call<T>(operation: OperationDescriptor, params: unknown, options?: RequestOptions): Promise<T>;
}

const DEFAULT_ERROR_MESSAGE_KEYS = ["message", "error", "detail"];
const EXCERPT_LENGTH = 300;

/**
 * Builds the shared machinery of one provider client. Every option is checked here, before any request,
 * and the API key is kept in this closure only: it is on no returned object.
 */
export function createClientCore<Paths extends AnyPaths>(provider: ProviderDescriptor, options: ClientOptions = {}): ClientCore<Paths> {
  const env = readEnv();
  const fromOption = options.apiKey !== undefined;
  const apiKey = checkApiKey(
    fromOption ? options.apiKey : env[provider.envVar],
    fromOption ? "the apiKey option" : provider.envVar,
    provider.envVar,
    provider.name,
  );
  const baseUrl = checkBaseUrl(options.baseUrl ?? provider.baseUrl);
  checkRetryOptions(options);
  const logLevel = checkLogLevel(options.logLevel, "logLevel") ?? checkLogLevel(env.MODELFLEET_LOG, "MODELFLEET_LOG") ?? "off";
  const logger: Logger | undefined = logLevel === "off" ? undefined : leveledLogger(options.logger ?? console, logLevel);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const baseFetch = options.fetch ?? ((input: Request) => globalThis.fetch(input));

  const transport: TransportConfig = {
    provider,
    fetch: baseFetch,
    auth: { header: provider.auth.header, value: `${provider.auth.prefix}${apiKey}` },
    userAgent: options.userAgent ?? `modelfleet/${provider.packageName}@${provider.packageVersion}`,
    logger,
    sleep: options.sleep ?? defaultSleep,
  };
  const newState = (operation: OperationDescriptor | undefined, call: RequestOptions = {}): CallState => ({
    operation,
    timeoutMs: call.timeoutMs ?? timeoutMs,
    maxRetries: call.maxRetries ?? maxRetries,
    attempts: 0,
    url: "",
  });

  const raw = createClient<Paths>({
    baseUrl,
    headers: options.headers,
    fetch: (request: Request) => sendWithRetries(transport, request, newState(undefined)),
  }) as RawClient<Paths>;
  if (options.middleware?.length) raw.use(...options.middleware);

  const hasMiddleware = Boolean(options.middleware?.length);

  async function call<T>(operation: OperationDescriptor, params: unknown, callOptions: RequestOptions = {}): Promise<T> {
    checkRetryOptions(callOptions, "options.");
    const { params: requestParams, body } = splitParams(operation, params);
    const encoding = bodyEncodingOf(operation);
    const state = newState(operation, callOptions);
    state.callerSignal = callOptions.signal;
    const request = (raw as unknown as { request: (method: string, path: string, init: object) => Promise<FetchResult> }).request;
    const send = (req: Request) => sendWithRetries(transport, req, state);
    for (;;) {
      // Without user middleware the request openapi-fetch builds keeps the signal given here, so the first
      // attempt can be sent as it is (see CallState.firstAttempt).
      const first = hasMiddleware ? undefined : new AbortController();
      state.firstAttempt = first;
      const signal = first ? (callOptions.signal ? AbortSignal.any([callOptions.signal, first.signal]) : first.signal) : callOptions.signal;
      let result: FetchResult;
      try {
        result = await request(operation.method, operation.path, {
          params: requestParams,
          body,
          headers: encoding ? { ...encoding.headers, ...callOptions.headers } : callOptions.headers,
          bodySerializer: encoding?.bodySerializer,
          parseAs: operation.responseAs ?? "json",
          signal,
          fetch: send,
        });
      } catch (error) {
        const failure = bodyFailure(operation, state, error, callOptions.signal);
        // A body cut off or stalled after the headers: the call starts over while attempts remain.
        if (failure.isRetryable && operation.idempotent && state.attempts <= state.maxRetries) {
          await transport.sleep(backoffDelay(state.attempts), callOptions.signal ?? new AbortController().signal);
          continue;
        }
        throw failure;
      } finally {
        state.release?.();
        state.release = undefined;
      }
      if (result.response.ok) {
        callOptions.onResponse?.(result.response);
        return result.data as T;
      }
      throw buildApiError(operation, state, result.response, result.error);
    }
  }

  /** What a failure while openapi-fetch read or parsed the body becomes. Errors from the transport pass through. */
  function bodyFailure(
    operation: OperationDescriptor,
    state: CallState,
    error: unknown,
    callerSignal: AbortSignal | undefined,
  ): ModelfleetError {
    if (ModelfleetError.isInstance(error)) throw error;
    if (callerSignal?.aborted) throw callerSignal.reason ?? error;
    // openapi-fetch parses 2xx bodies itself; a body that is not JSON surfaces here as a SyntaxError.
    if (error instanceof SyntaxError) {
      throw new ApiError(
        {
          ...contextOf(operation, state),
          status: state.status ?? 200,
          statusText: "",
          requestId: undefined,
          body: undefined,
          providerMessage: undefined,
        },
        `${provider.id} ${operation.operationId}: the response body is not valid JSON`,
      );
    }
    if (state.timedOut) return new TimeoutError(contextOf(operation, state), state.timeoutMs);
    if (error instanceof TypeError || (error instanceof Error && error.name === "AbortError")) {
      return new ConnectionError(contextOf(operation, state), undefined, { cause: error });
    }
    throw error;
  }

  function contextOf(operation: OperationDescriptor, state: CallState) {
    return {
      provider: provider.id,
      operationId: operation.operationId,
      method: operation.method,
      url: state.url,
      attempts: state.attempts,
    };
  }

  function buildApiError(operation: OperationDescriptor, state: CallState, response: Response, rawBody: unknown): ApiError {
    const body = scrubSecretDeep(typeof rawBody === "string" ? excerpt(rawBody) : rawBody, apiKey);
    const message = extractMessage(body, provider.errorMessageKeys ?? DEFAULT_ERROR_MESSAGE_KEYS);
    const ErrorClass = apiErrorClassFor(response.status);
    const error = new ErrorClass({
      ...contextOf(operation, state),
      status: response.status,
      statusText: response.statusText,
      requestId: readRequestId(response.headers, provider.requestIdHeader),
      body,
      providerMessage: message === undefined ? undefined : scrubSecret(message, apiKey),
    });
    if (error instanceof RateLimitError) error.retryAfterMs = retryAfterMs(response.headers);
    return error;
  }

  return { raw, call, providerId: provider.id, baseUrl };
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

function readEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}

function readRequestId(headers: Headers, providerHeader: string | undefined): string | undefined {
  for (const name of [providerHeader, "x-request-id", "request-id"]) {
    const value = name ? headers.get(name) : null;
    if (value) return value;
  }
  return undefined;
}

/** A non-JSON body (an HTML page from a proxy) reduced to a short single-line excerpt. */
function excerpt(text: string): string {
  const flat = text
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH)}…` : flat;
}

/** The provider's own message: the first usable key of its error body, FastAPI validation lists included. */
export function extractMessage(body: unknown, keys: readonly string[]): string | undefined {
  if (typeof body === "string") return body || undefined;
  if (typeof body !== "object" || body === null) return undefined;
  const record = body as Record<string, unknown>;
  for (const key of keys) {
    const value = record[key];
    if (typeof value === "string" && value.trim()) return value.trim();
    if (Array.isArray(value) && value.length > 0) {
      const parts = value.map((item) => {
        if (typeof item === "string") return item;
        if (typeof item === "object" && item !== null) {
          const entry = item as { loc?: unknown; msg?: unknown; message?: unknown };
          const text = typeof entry.msg === "string" ? entry.msg : typeof entry.message === "string" ? entry.message : JSON.stringify(item);
          return Array.isArray(entry.loc) ? `${entry.loc.join(".")}: ${text}` : text;
        }
        return String(item);
      });
      return parts.join("; ");
    }
    if (typeof value === "object" && value !== null) {
      const nested = extractMessage(value, keys);
      if (nested) return nested;
    }
  }
  return undefined;
}
