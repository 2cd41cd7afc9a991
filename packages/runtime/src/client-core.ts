import openapiFetch, {
  type Client,
  createFinalURL,
  createQuerySerializer,
  defaultPathSerializer,
  type HeadersOptions,
  type Middleware,
  mergeHeaders,
} from "openapi-fetch";
import { type BodyEncoding, bodyEncodingOf } from "./body-encoding.js";
import { apiErrorFrom, errorInitFrom } from "./error-response.js";
import { ConfigurationError, InvalidArgumentError, type RequestErrorContext, ResponseTooLargeError } from "./errors.js";
import { type Logger, leveledLogger } from "./logger.js";
import {
  baseUrlEnvVar,
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
import { type SplitParams, splitParams } from "./params.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";
import { readBodyWithin } from "./read-body.js";
import { defaultSleep } from "./retry.js";
import { type CallState, type OutgoingRequest, type ReceivedResponse, sendWithRetries, type TransportConfig } from "./transport.js";

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
/** Statuses whose response has no body by definition (`new Response` refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

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
  // Like the key, the base URL comes from the environment (`<PROVIDER>_BASE_URL`) only when the key does: a caller
  // passing its own key (the fleet facade, reading its own `env`) passes its own base URL too.
  const baseUrlVar = baseUrlEnvVar(provider.id);
  const envBaseUrl = options.baseUrl === undefined && !fromOption ? env[baseUrlVar]?.trim() || undefined : undefined;
  let baseUrl: string;
  try {
    baseUrl = checkBaseUrl(options.baseUrl ?? envBaseUrl ?? provider.baseUrl);
  } catch (error) {
    if (envBaseUrl === undefined || !ConfigurationError.isInstance(error)) throw error;
    throw new ConfigurationError(error.option, `${baseUrlVar}: ${error.message}`);
  }
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
  const newCall = (operation: OperationDescriptor | undefined, call: RequestOptions, signal: AbortSignal | undefined): CallState => ({
    operationId: operation?.operationId,
    idempotent: operation?.idempotent,
    timeoutMs: effectiveTimeout(call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    maxRetries: call.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES,
    maxResponseBytes: call.maxResponseBytes ?? options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    attempts: 0,
    url: "",
    signal,
    // A stream success body is handed over as it arrives (size-limited), not read to the end first.
    streamBody: operation?.responseAs === "stream",
  });

  const raw = createClient<Paths>({
    baseUrl,
    headers: options.headers,
    fetch: (request: Request) => sendRequest(request, newCall(undefined, {}, request.signal)),
  }) as RawClient<Paths>;
  const middleware = trackMiddleware(raw);
  if (options.middleware?.length) raw.use(...options.middleware);
  const request = (raw as unknown as { request: (method: string, path: string, init: object) => Promise<FetchResult> }).request;
  const querySerializer = createQuerySerializer();

  /** A `Request` openapi-fetch built (for `raw`, or a call a middleware sees) sent by the transport. */
  async function sendRequest(request: Request, state: CallState): Promise<Response> {
    const outgoing: OutgoingRequest = {
      method: request.method.toUpperCase(),
      url: request.url,
      headers: new Headers(request.headers),
      // Read once so every attempt (and a 307/308 redirect) can send it again intact.
      body: request.body === null ? undefined : await request.arrayBuffer(),
    };
    const { response, body } = await sendWithRetries(transport, outgoing, state);
    const init = { status: response.status, statusText: response.statusText, headers: response.headers };
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : body, init);
  }

  async function call<T>(operation: OperationDescriptor, params: unknown, callOptions: RequestOptions = {}): Promise<T> {
    checkCallLimits(callOptions);
    const parts = requestParts(operation, params, callOptions);
    const state = newCall(operation, callOptions, callOptions.signal);
    // Without middleware nothing needs a `Request` object: the transport sends what was built above. A middleware
    // sees the call as openapi-fetch builds it from the same parts, with the same serializers.
    const received =
      middleware.length === 0
        ? await sendWithRetries(transport, parts.outgoing, state)
        : await sendThroughMiddleware(operation, parts, state);
    const { response } = received;
    const context = contextOf(operation, state);
    if (!response.ok) {
      throw apiErrorFrom(transport, context, response, parseErrorBody(decoder.decode(received.body as Uint8Array)));
    }
    const bodyless =
      NO_CONTENT_STATUSES.has(response.status) || operation.method === "HEAD" || operation.emptyStatuses?.includes(response.status);
    const data = bodyless ? undefined : await successBody(operation, context, response, received.body);
    callOptions.onResponse?.(response);
    return data as T;
  }

  /**
   * The request of a call, built before anything is sent: a request that cannot be built (a body on a GET, a header
   * value fetch refuses, a body JSON cannot represent) fails here with `InvalidArgumentError`, never retried.
   */
  function requestParts(operation: OperationDescriptor, input: unknown, callOptions: RequestOptions): RequestParts {
    const { params, body } = splitParams(operation, input);
    const encoding = bodyEncodingOf(operation);
    const headers = encoding ? { ...encoding.headers, ...callOptions.headers } : callOptions.headers;
    const cannotBuild = (reason: string, cause?: unknown) =>
      new InvalidArgumentError("params", `${provider.id} ${operation.operationId}: the request cannot be built: ${reason}`, { cause });
    if (body !== undefined && (operation.method === "GET" || operation.method === "HEAD")) {
      throw cannotBuild(`a ${operation.method} request cannot have a body`);
    }
    try {
      const serialized = body === undefined ? undefined : encoding ? encoding.bodySerializer(body) : JSON.stringify(body);
      // As openapi-fetch merges them: JSON's content type unless there is no body or fetch sets a multipart one,
      // then the client's headers, the call's, and the header parameters.
      const contentType = serialized === undefined || serialized instanceof FormData ? undefined : JSON_CONTENT_TYPE;
      const outgoing: OutgoingRequest = {
        method: operation.method,
        url: createFinalURL(operation.path, { baseUrl, params, querySerializer, pathSerializer: defaultPathSerializer }),
        headers: mergeHeaders(contentType, options.headers, headers, params.header as HeadersOptions),
        body: serialized,
      };
      return { outgoing, params, body, headers, bodySerializer: encoding?.bodySerializer };
    } catch (error) {
      throw cannotBuild(error instanceof Error ? error.message : String(error), error);
    }
  }

  /** A call through openapi-fetch, so user middleware sees it: one logical request, whatever the attempts. */
  async function sendThroughMiddleware(operation: OperationDescriptor, parts: RequestParts, state: CallState): Promise<ReceivedResponse> {
    const { response, data, error } = await request(operation.method, operation.path, {
      params: parts.params,
      body: parts.body,
      headers: parts.headers,
      bodySerializer: parts.bodySerializer,
      // The caller's signal goes to the transport (state.signal), not onto the request: a Request holds a
      // listener on its signal until it is collected, and a long-lived caller signal would pile them up.
      parseAs: "stream",
      fetch: (req: Request) => sendRequest(req, state),
    });
    // openapi-fetch has read an error body already (and parsed it when it was JSON): it is turned back into text, to
    // be read as every error body is. A success body is the stream the transport gave, or one a middleware made up,
    // read within the size limit like any other.
    if (!response.ok)
      return { response, body: encoder.encode(error === undefined ? "" : typeof error === "string" ? error : JSON.stringify(error)) };
    const stream = (data ?? null) as ReadableStream<Uint8Array<ArrayBuffer>> | null;
    if (state.streamBody && stream !== null) return { response, body: stream };
    const body = await readBodyWithin(stream, state.maxResponseBytes);
    if (body === undefined)
      throw new ResponseTooLargeError(errorInitFrom(transport, contextOf(operation, state), response, undefined), state.maxResponseBytes);
    return { response, body };
  }

  /** A 2xx body as the operation declares it: JSON by default, else a string, a Blob or the stream itself. */
  async function successBody(
    operation: OperationDescriptor,
    context: RequestErrorContext,
    response: Response,
    body: ReceivedResponse["body"],
  ): Promise<unknown> {
    // Only a stream operation's 2xx body is handed over as a stream (CallState.streamBody); every other is bytes.
    if (body instanceof ReadableStream) return body;
    const bytes = body;
    if (operation.responseAs === "stream") return new Blob([bytes]).stream();
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
const encoder = new TextEncoder();

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

/** What a call sends, and the same parts as openapi-fetch takes them when a middleware must see the call. */
interface RequestParts {
  outgoing: OutgoingRequest;
  params: SplitParams["params"];
  body: unknown;
  headers: Record<string, string> | undefined;
  bodySerializer: BodyEncoding["bodySerializer"] | undefined;
}

/**
 * The middleware registered on `raw` (through the `middleware` option or `raw.use`), kept in step with
 * openapi-fetch's own list, which it does not expose.
 */
function trackMiddleware(raw: RawClient<AnyPaths>): readonly Middleware[] {
  const registered: Middleware[] = [];
  const { use, eject } = raw;
  raw.use = (...added) => {
    use(...added);
    registered.push(...added.filter(Boolean));
  };
  raw.eject = (...removed) => {
    eject(...removed);
    for (const m of removed) {
      const i = registered.indexOf(m);
      if (i !== -1) registered.splice(i, 1);
    }
  };
  return registered;
}

const JSON_CONTENT_TYPE = { "Content-Type": "application/json" };

/** The transport's way to send: the global `fetch` as is (read at call time, so test doubles apply), or the `fetch` option, which takes a `Request`. */
function sendWith(fetch: ClientOptions["fetch"]): TransportConfig["fetch"] {
  if (fetch) return (url, init) => fetch(new Request(url, init));
  return (url, init) => globalThis.fetch(url, init);
}

function readEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}
