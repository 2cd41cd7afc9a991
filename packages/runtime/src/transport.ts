import { ConnectionError, isRetryableStatus, type ModelfleetError, TimeoutError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";
import { redactHeaders, redactJson, redactUrl, scrubSecretDeep } from "./redact.js";
import { backoffDelay, isIdempotentMethod, MAX_RETRY_AFTER_MS, retryAfterMs } from "./retry.js";

/** What the transport needs from the client; built once per client. */
export interface TransportConfig {
  provider: ProviderDescriptor;
  fetch: (input: Request) => Promise<Response>;
  /** The auth header's name and full value; held only here, never logged or attached to errors. */
  auth: { header: string; value: string };
  userAgent: string;
  logger: Logger | undefined;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random?: () => number;
}

/** One logical call: its limits in, and what happened out (read by the client to build errors). */
export interface CallState {
  operation: OperationDescriptor | undefined;
  timeoutMs: number;
  maxRetries: number;
  /** Attempts made so far. */
  attempts: number;
  /** The redacted URL of the request. */
  url: string;
  /** Status of the last response, once there is one. */
  status?: number;
}

/** Statuses whose responses must not carry a body. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * The `fetch` given to openapi-fetch: auth, User-Agent, per-attempt timeouts and retries happen here, below
 * openapi-fetch's middleware, so user middleware sees one logical request however many attempts it took.
 * Each response body is read inside its attempt, so a slow or cut-off body counts as that attempt's failure.
 */
export async function sendWithRetries(config: TransportConfig, request: Request, state: CallState): Promise<Response> {
  const { provider, logger } = config;
  const method = request.method.toUpperCase();
  const retryable = state.operation ? state.operation.idempotent : isIdempotentMethod(method);
  const body = request.body === null ? undefined : await request.arrayBuffer();
  const callerSignal = request.signal;
  const url = redactUrl(request.url);
  state.url = url;
  const operationId = state.operation?.operationId;
  const logBase = { provider: provider.id, operationId, method, url };

  for (let attempt = 1; ; attempt++) {
    state.attempts = attempt;
    const headers = new Headers(request.headers);
    headers.set(config.auth.header, config.auth.value);
    if (!headers.has("user-agent")) headers.set("user-agent", config.userAgent);
    // One controller per attempt, aborted by the timer or by the caller. (AbortSignal.any would do the same but
    // costs tens of microseconds per call on Node 20, a measurable share of a loopback request.)
    if (callerSignal.aborted) throw callerSignal.reason;
    const attemptController = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      attemptController.abort();
    }, state.timeoutMs);
    const onCallerAbort = () => attemptController.abort(callerSignal.reason);
    callerSignal.addEventListener("abort", onCallerAbort, { once: true });
    const started = performance.now();
    let response: Response | undefined;
    let failure: ModelfleetError | undefined;
    try {
      const sent = await config.fetch(
        new Request(request.url, {
          method,
          headers,
          body: body === undefined ? undefined : body.slice(0),
          signal: attemptController.signal,
          redirect: request.redirect,
        }),
      );
      const buffered = NULL_BODY_STATUSES.has(sent.status) ? null : await sent.arrayBuffer();
      response = new Response(buffered, { status: sent.status, statusText: sent.statusText, headers: sent.headers });
      state.status = sent.status;
    } catch (error) {
      // The caller's own abort is final: rethrow the platform's AbortError untouched.
      if (callerSignal.aborted) throw callerSignal.reason ?? error;
      const context = { provider: provider.id, operationId, method, url, attempts: attempt };
      failure = timedOut ? new TimeoutError(context, state.timeoutMs) : new ConnectionError(context, undefined, { cause: error });
    } finally {
      clearTimeout(timer);
      callerSignal.removeEventListener("abort", onCallerAbort);
    }
    const durationMs = Math.round(performance.now() - started);
    const retriesLeft = attempt <= state.maxRetries;

    logger?.debug(`modelfleet ${provider.id} ${operationId ?? method} attempt ${attempt}: ${response ? response.status : failure?.name}`, {
      ...logBase,
      attempt,
      status: response?.status,
      durationMs,
      requestHeaders: redactHeaders(headers, [config.auth.header]),
      requestBody: body === undefined ? undefined : describeBody(body, provider.sensitiveKeys, config.auth.value),
    });

    let delayMs: number;
    if (response) {
      if (!isRetryableStatus(response.status) || !retryable || !retriesLeft) {
        if (!response.ok)
          logger?.warn(`modelfleet ${provider.id} ${operationId ?? method} failed with ${response.status} after ${attempt} attempt(s)`, {
            ...logBase,
            status: response.status,
            attempts: attempt,
            retryable,
          });
        return response;
      }
      const requested = retryAfterMs(response.headers);
      if (requested !== undefined && requested > MAX_RETRY_AFTER_MS) {
        logger?.warn(
          `modelfleet ${provider.id} ${operationId ?? method}: not retrying, the provider asked to wait ${requested} ms (more than ${MAX_RETRY_AFTER_MS} ms)`,
          { ...logBase, status: response.status, retryAfterMs: requested },
        );
        return response;
      }
      delayMs = requested ?? backoffDelay(attempt, config.random);
    } else {
      const error = failure as ModelfleetError;
      if (!retryable || !retriesLeft) {
        logger?.warn(`modelfleet ${provider.id} ${operationId ?? method}: ${error.name} after ${attempt} attempt(s)`, {
          ...logBase,
          attempts: attempt,
          retryable,
        });
        throw error;
      }
      delayMs = backoffDelay(attempt, config.random);
    }
    logger?.info(
      `modelfleet ${provider.id} ${operationId ?? method}: retrying in ${delayMs} ms (attempt ${attempt + 1} of ${state.maxRetries + 1})`,
      {
        ...logBase,
        attempt,
        status: response?.status,
        error: failure?.name,
        retryInMs: delayMs,
      },
    );
    await config.sleep(delayMs, callerSignal);
  }
}

/** A request body as a log line shows it: JSON with sensitive keys redacted, else its size. */
function describeBody(body: ArrayBuffer, sensitiveKeys: readonly string[], secret: string): unknown {
  try {
    return scrubSecretDeep(redactJson(JSON.parse(new TextDecoder().decode(body)), sensitiveKeys), secret);
  } catch {
    return `<${body.byteLength} bytes>`;
  }
}
