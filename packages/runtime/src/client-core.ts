import openapiFetch, { type Client } from "openapi-fetch";
import { bodyEncodingOf } from "./body-encoding.js";
import { apiErrorFrom } from "./error-response.js";
import { InvalidArgumentError, type RequestErrorContext } from "./errors.js";
import { type Logger, leveledLogger } from "./logger.js";
import {
  type ClientOptions,
  checkApiKey,
  checkBaseUrl,
  checkCallLimits,
  checkClientLimits,
  checkLogLevel,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  effectiveTimeout,
  type RequestOptions,
} from "./options.js";
import { splitParams } from "./params.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";
import { defaultSleep } from "./retry.js";
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

/** Statuses that answer without a body by definition; any other 2xx must carry the JSON the operation returns. */
const NO_CONTENT_STATUSES = new Set([204, 205]);

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
  checkClientLimits(options);
  const logLevel = checkLogLevel(options.logLevel, "logLevel") ?? checkLogLevel(env.MODELFLEET_LOG, "MODELFLEET_LOG") ?? "off";
  const logger: Logger | undefined = logLevel === "off" ? undefined : leveledLogger(options.logger ?? console, logLevel);

  const transport: TransportConfig = {
    provider,
    fetch: sendWith(options.fetch),
    apiKey,
    auth: { header: provider.auth.header, value: `${provider.auth.prefix}${apiKey}` },
    requestIdHeader: provider.requestIdHeader,
    errorMessageKeys: provider.errorMessageKeys,
    userAgent: options.userAgent ?? `modelfleet/${provider.packageName}@${provider.packageVersion}`,
    logger,
    sleep: options.sleep ?? defaultSleep,
  };
  /** A call's limits: its own options over the client's over the defaults. */
  const newCall = (operation: OperationDescriptor | undefined, call: RequestOptions = {}): CallState => ({
    operationId: operation?.operationId,
    idempotent: operation?.idempotent,
    timeoutMs: effectiveTimeout(call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    maxRetries: call.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES,
    maxResponseBytes: call.maxResponseBytes ?? options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    attempts: 0,
    url: "",
  });

  const raw = createClient<Paths>({
    baseUrl,
    headers: options.headers,
    fetch: (request: Request) => sendWithRetries(transport, request, newCall(undefined)),
  }) as RawClient<Paths>;
  if (options.middleware?.length) raw.use(...options.middleware);
  const request = (raw as unknown as { request: (method: string, path: string, init: object) => Promise<FetchResult> }).request;

  async function call<T>(operation: OperationDescriptor, params: unknown, callOptions: RequestOptions = {}): Promise<T> {
    checkCallLimits(callOptions);
    const { params: requestParams, body } = splitParams(operation, params);
    const encoding = bodyEncodingOf(operation);
    const state = newCall(operation, callOptions);
    state.signal = callOptions.signal;
    state.keepBody = true;
    // A stream success body is handed over as it arrives (size-limited), not read to the end first.
    state.streamBody = operation.responseAs === "stream";
    let result: FetchResult;
    try {
      result = await request(operation.method, operation.path, {
        params: requestParams,
        body,
        headers: encoding ? { ...encoding.headers, ...callOptions.headers } : callOptions.headers,
        bodySerializer: encoding?.bodySerializer,
        // The caller's signal goes to the transport (state.signal), not onto the request: a Request holds a
        // listener on its signal until it is collected, and a long-lived caller signal would pile them up.
        // The transport leaves the body in state.body (see CallState.keepBody); it is parsed below, where a bad one
        // can become an ApiError with the response at hand.
        parseAs: "stream",
        fetch: (req: Request) => sendWithRetries(transport, req, state),
      });
    } catch (error) {
      // Nothing was sent: building the request failed (e.g. a body on a GET). Sending it again cannot help.
      if (state.attempts === 0 && error instanceof TypeError) {
        throw new InvalidArgumentError("params", `${provider.id} ${operation.operationId}: the request cannot be built: ${error.message}`, {
          cause: error,
        });
      }
      // A modelfleet error from the transport, the caller's own abort, or an error of the caller's middleware.
      throw error;
    }
    const { response } = result;
    const context = contextOf(operation, state);
    // The transport's response has no body of its own (it is in state.body), except a stream operation's 2xx body,
    // which it hands over as a size-limited stream. One a user's middleware made up has a body, and openapi-fetch
    // has read it already when it is an error (result.error) and left it unread otherwise.
    const fromTransport = response.body === null;
    if (!response.ok) {
      const text = fromTransport && state.body ? decoder.decode(state.body) : "";
      throw apiErrorFrom(transport, context, response, fromTransport ? parseErrorBody(text) : result.error);
    }
    const bodyless =
      NO_CONTENT_STATUSES.has(response.status) || operation.method === "HEAD" || operation.emptyStatuses?.includes(response.status);
    const data = bodyless ? undefined : await successBody(operation, context, response, state.body);
    callOptions.onResponse?.(response);
    return data as T;
  }

  /** A 2xx body as the operation declares it: JSON by default, else a string, a Blob or the stream itself. */
  async function successBody(
    operation: OperationDescriptor,
    context: RequestErrorContext,
    response: Response,
    kept: Uint8Array<ArrayBuffer> | undefined,
  ): Promise<unknown> {
    if (operation.responseAs === "stream") return response.body ?? new Blob([]).stream();
    const bytes = response.body === null ? (kept ?? new Uint8Array(0)) : new Uint8Array(await response.arrayBuffer());
    if (operation.responseAs === "blob") return new Blob([bytes], { type: response.headers.get("content-type") ?? "" });
    const text = decoder.decode(bytes);
    return operation.responseAs === "text" ? text : parseJson(context, response, text);
  }

  /** A 2xx body as the operation's JSON; an empty or malformed one is an ApiError with the response's status. */
  function parseJson(context: RequestErrorContext, response: Response, text: string): unknown {
    if (text === "") {
      throw apiErrorFrom(
        transport,
        context,
        response,
        "",
        `${provider.id} ${context.operationId}: the ${response.status} response has an empty body where JSON was expected`,
      );
    }
    try {
      return JSON.parse(text);
    } catch {
      throw apiErrorFrom(transport, context, response, text, `${provider.id} ${context.operationId}: the response body is not valid JSON`);
    }
  }

  function contextOf(operation: OperationDescriptor, state: CallState): RequestErrorContext {
    return {
      provider: provider.id,
      operationId: operation.operationId,
      method: operation.method,
      url: state.url,
      attempts: state.attempts,
    };
  }

  return { raw, call, providerId: provider.id, baseUrl };
}

const decoder = new TextDecoder();

/** An error body as JSON when it is JSON, else as text (excerpted later). */
function parseErrorBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The transport's way to send: the global `fetch` as is (read at call time, so test doubles apply), or the `fetch` option, which takes a `Request`. */
function sendWith(fetch: ClientOptions["fetch"]): TransportConfig["fetch"] {
  if (fetch) return (url, init) => fetch(new Request(url, init));
  return (url, init) => globalThis.fetch(url, init);
}

function readEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}
