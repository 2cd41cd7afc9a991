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
  /** Attempts made so far; a call that starts over (a body cut off mid-way) continues the count. */
  attempts: number;
  /** The redacted URL of the request. */
  url: string;
  /** Status of the last response, once there is one. */
  status?: number;
  /**
   * The caller's own signal, when the client knows it (`call`). Without it the request's signal is taken as the
   * caller's (the `raw` client, where openapi-fetch put the caller's signal on the request).
   */
  callerSignal?: AbortSignal;
  /**
   * Set by the client when the request openapi-fetch built already carries this controller's signal (no user
   * middleware could have replaced it): the first attempt then sends that request as it is, without a copy.
   */
  firstAttempt?: AbortController;
  /** Whether the last attempt's timer fired (it stays armed while the body is read). */
  timedOut?: boolean;
  /** Stops the last attempt's timer; the client calls it once the body has been read. */
  release?: () => void;
}

/**
 * The `fetch` given to openapi-fetch: auth, User-Agent, per-attempt timeouts and retries happen here, below
 * openapi-fetch's middleware, so user middleware sees one logical request however many attempts it took.
 * The final response is returned with its body unread (openapi-fetch parses it); the attempt's timer stays
 * armed until the client calls `state.release()`, so the timeout covers the body too.
 */
export async function sendWithRetries(config: TransportConfig, request: Request, state: CallState): Promise<Response> {
  const { provider, logger, auth } = config;
  const method = request.method.toUpperCase();
  const retryable = state.operation ? state.operation.idempotent : isIdempotentMethod(method);
  const callerSignal = state.operation ? state.callerSignal : request.signal;
  // A body is read once up front so every attempt can re-send it intact.
  const body = request.body === null ? undefined : await request.arrayBuffer();
  const url = redactUrl(request.url);
  state.url = url;
  const operationId = state.operation?.operationId;
  const logBase = { provider: provider.id, operationId, method, url };
  // Every log line starts like this: `modelfleet sieve getVersion`.
  const label = `modelfleet ${provider.id} ${operationId ?? method}`;

  for (let attempt = state.attempts + 1; ; attempt++) {
    state.attempts = attempt;
    state.timedOut = false;
    if (callerSignal?.aborted) throw callerSignal.reason;
    // The fast path: the request already carries this attempt's signal and is sent as it is. Auth is added for
    // the send only and removed again, so middleware never sees the key on the request object it holds.
    const firstAttempt = attempt === 1 && body === undefined ? state.firstAttempt : undefined;
    const controller = firstAttempt ?? new AbortController();
    const headers = firstAttempt ? request.headers : new Headers(request.headers);
    const addUserAgent = !headers.has("user-agent");
    headers.set(auth.header, auth.value);
    if (addUserAgent) headers.set("user-agent", config.userAgent);
    const outgoing = firstAttempt
      ? request
      : new Request(request.url, {
          method,
          headers,
          body: body === undefined ? undefined : body.slice(0),
          // AbortSignal.any holds its sources weakly, so a long-lived caller signal collects no listeners.
          signal: callerSignal ? AbortSignal.any([callerSignal, controller.signal]) : controller.signal,
          redirect: request.redirect,
        });
    const logHeaders = logger ? redactHeaders(outgoing.headers, [auth.header]) : undefined;
    const timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort();
    }, state.timeoutMs);
    const started = logger ? performance.now() : 0;
    let response: Response | undefined;
    let failure: ModelfleetError | undefined;
    try {
      response = await config.fetch(outgoing);
      state.status = response.status;
    } catch (error) {
      clearTimeout(timer);
      // The caller's own abort is final: rethrow the platform's AbortError untouched.
      if (callerSignal?.aborted) throw callerSignal.reason ?? error;
      const context = { ...logBase, attempts: attempt };
      failure = state.timedOut ? new TimeoutError(context, state.timeoutMs) : new ConnectionError(context, undefined, { cause: error });
    } finally {
      if (firstAttempt) {
        headers.delete(auth.header);
        if (addUserAgent) headers.delete("user-agent");
      }
    }
    const retriesLeft = attempt <= state.maxRetries;

    if (logger) {
      logger.debug(`${label} attempt ${attempt}: ${response ? response.status : failure?.name}`, {
        ...logBase,
        attempt,
        status: response?.status,
        durationMs: Math.round(performance.now() - started),
        requestHeaders: logHeaders,
        requestBody: body === undefined ? undefined : describeBody(body, provider.sensitiveKeys, auth.value),
      });
    }

    let delayMs: number;
    if (response) {
      const retry = isRetryableStatus(response.status) && retryable && retriesLeft;
      const requested = retry ? retryAfterMs(response.headers) : undefined;
      const waitTooLong = requested !== undefined && requested > MAX_RETRY_AFTER_MS;
      if (!retry || waitTooLong) {
        if (waitTooLong) {
          logger?.warn(`${label}: not retrying, the provider asked to wait ${requested} ms (more than ${MAX_RETRY_AFTER_MS} ms)`, {
            ...logBase,
            status: response.status,
            retryAfterMs: requested,
          });
        } else if (!response.ok) {
          logger?.warn(`${label} failed with ${response.status} after ${attempt} attempt(s)`, {
            ...logBase,
            status: response.status,
            attempts: attempt,
            retryable,
          });
        }
        // The timer keeps covering the body; unref'd so an unread `raw` body never holds the process open.
        (timer as { unref?: () => void }).unref?.();
        state.release = () => clearTimeout(timer);
        return response;
      }
      clearTimeout(timer);
      // The body of a response that is retried is not needed; cancelling frees the connection. Not awaited:
      // cancelling one branch of a tee'd body (a cloned Response) settles only when the other branch ends.
      response.body?.cancel().catch(() => {});
      delayMs = requested ?? backoffDelay(attempt, config.random);
    } else {
      const error = failure as ModelfleetError;
      if (!retryable || !retriesLeft) {
        logger?.warn(`${label}: ${error.name} after ${attempt} attempt(s)`, { ...logBase, attempts: attempt, retryable });
        throw error;
      }
      delayMs = backoffDelay(attempt, config.random);
    }
    logger?.info(`${label}: retrying in ${delayMs} ms (attempt ${attempt + 1} of ${state.maxRetries + 1})`, {
      ...logBase,
      attempt,
      status: response?.status,
      error: failure?.name,
      retryInMs: delayMs,
    });
    await config.sleep(delayMs, callerSignal ?? NEVER_ABORTED);
  }
}

const NEVER_ABORTED = new AbortController().signal;

/** A request body as a log line shows it: JSON with sensitive keys redacted, else its size. */
function describeBody(body: ArrayBuffer, sensitiveKeys: readonly string[], secret: string): unknown {
  try {
    return scrubSecretDeep(redactJson(JSON.parse(new TextDecoder().decode(body)), sensitiveKeys), secret);
  } catch {
    return `<${body.byteLength} bytes>`;
  }
}
