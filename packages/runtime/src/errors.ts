/**
 * The modelfleet error hierarchy: plain classes, one per failure a caller may want to tell apart.
 *
 * Each class has a `Symbol.for` marker (a getter on its prototype, so it is shared by every instance and shows up
 * in no field listing) and a static `isInstance` that checks it. `instanceof` fails when two copies of this
 * package are loaded (a bundled CLI and a user's own); the marker does not. Each class also fixes its `name` as a
 * string (`errorName`), because an app's minifier renames classes.
 */

const markerOf = (name: string): symbol => Symbol.for(`modelfleet.error.${name}`);

/** Whether `value` carries the marker of the error class named `name`, from any copy of the package. */
export function hasErrorMarker(value: unknown, name: string): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[markerOf(name)] === true;
}

/**
 * Gives an error class defined outside this file a marker (for {@link hasErrorMarker}) and its fixed name. For
 * modelfleet's own packages (the facade defines its errors with it); the name must be unique across them.
 */
export function markErrorClass(ctor: { prototype: object }, name: string): void {
  Object.defineProperty(ctor.prototype, markerOf(name), { value: true, enumerable: false });
  Object.defineProperty(ctor, "errorName", { value: name, writable: true, configurable: true, enumerable: false });
}

/** Where a request-level error happened, without anything secret in it. */
export interface RequestErrorContext {
  /** Provider id, e.g. `sieve`. */
  provider: string;
  /** The spec's operationId, or `undefined` for calls made through `raw`. */
  operationId: string | undefined;
  method: string;
  /** The request URL with credentials and sensitive query values redacted. */
  url: string;
  /** How many attempts were made, retries included. */
  attempts: number;
}

/** `sieve getVersion: <what> (GET https://…)`, the message of a request that got no usable response. */
const describeFailedRequest = (context: RequestErrorContext, what: string): string =>
  `${context.provider} ${context.operationId ?? context.method}: ${what} (${context.method} ${context.url})`;

const MODELFLEET_ERROR: unique symbol = Symbol.for("modelfleet.error.ModelfleetError");

/** Base class of every error modelfleet throws. */
export class ModelfleetError extends Error {
  /** The `name` of this class's errors. A user's own subclass, which does not set it, keeps its class name. */
  static readonly errorName: string = "ModelfleetError";
  /** True for any modelfleet error, from this or another copy of the package. */
  static isInstance(value: unknown): value is ModelfleetError {
    return hasErrorMarker(value, "ModelfleetError");
  }
  get [MODELFLEET_ERROR](): true {
    return true;
  }

  /** Whether repeating the same call may succeed (rate limits, 5xx, network faults, timeouts). */
  get isRetryable(): boolean {
    return false;
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = Object.hasOwn(new.target, "errorName") ? new.target.errorName : new.target.name;
  }

  /** A plain object with the fields a log or error tracker needs; never a secret. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, isRetryable: this.isRetryable };
  }
}

const CONFIGURATION_ERROR: unique symbol = Symbol.for("modelfleet.error.ConfigurationError");

/** An option given to a client (or missing from the environment) is unusable; thrown before any request. */
export class ConfigurationError extends ModelfleetError {
  static override readonly errorName: string = "ConfigurationError";
  /** True for a `ConfigurationError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is ConfigurationError {
    return hasErrorMarker(value, "ConfigurationError");
  }
  get [CONFIGURATION_ERROR](): true {
    return true;
  }

  /** The option at fault, e.g. `apiKey`, `baseUrl`, `timeoutMs`. */
  readonly option: string;
  /** The provider whose configuration is at fault (e.g. `sieve`), when one is; set by the fleet facade. */
  readonly provider: string | undefined;
  constructor(option: string, message: string, provider?: string) {
    super(message);
    this.option = option;
    this.provider = provider;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option, provider: this.provider };
  }
}

const INVALID_ARGUMENT_ERROR: unique symbol = Symbol.for("modelfleet.error.InvalidArgumentError");

/**
 * An argument of a call is unusable (an empty or `..` path parameter, a bad per-call option, a request that
 * cannot be built); thrown before any request.
 */
export class InvalidArgumentError extends ModelfleetError {
  static override readonly errorName: string = "InvalidArgumentError";
  /** True for an `InvalidArgumentError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is InvalidArgumentError {
    return hasErrorMarker(value, "InvalidArgumentError");
  }
  get [INVALID_ARGUMENT_ERROR](): true {
    return true;
  }

  /** The argument at fault, e.g. `deploy_id` or `options.timeoutMs`. */
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.argument = argument;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), argument: this.argument };
  }
}

const CONNECTION_ERROR: unique symbol = Symbol.for("modelfleet.error.ConnectionError");

/** The request never got an HTTP response: refused, reset, DNS failure, or a body cut off mid-way. */
export class ConnectionError extends ModelfleetError implements RequestErrorContext {
  static override readonly errorName: string = "ConnectionError";
  /** True for a `ConnectionError` (a `TimeoutError` included) from this or another copy of the package. */
  static override isInstance(value: unknown): value is ConnectionError {
    return hasErrorMarker(value, "ConnectionError");
  }
  get [CONNECTION_ERROR](): true {
    return true;
  }

  override get isRetryable(): boolean {
    return true;
  }
  readonly provider: string;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  attempts: number;
  constructor(context: RequestErrorContext, message?: string, options?: { cause?: unknown }) {
    super(message ?? describeFailedRequest(context, "connection failed"), options);
    this.provider = context.provider;
    this.operationId = context.operationId;
    this.method = context.method;
    this.url = context.url;
    this.attempts = context.attempts;
  }
  override toJSON(): Record<string, unknown> {
    const { provider, operationId, method, url, attempts } = this;
    return { ...super.toJSON(), provider, operationId, method, url, attempts };
  }
}

const TIMEOUT_ERROR: unique symbol = Symbol.for("modelfleet.error.TimeoutError");

/** An attempt (request, redirects and body) took longer than `timeoutMs`. Retried like a connection failure. */
export class TimeoutError extends ConnectionError {
  static override readonly errorName: string = "TimeoutError";
  /** True for a `TimeoutError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is TimeoutError {
    return hasErrorMarker(value, "TimeoutError");
  }
  get [TIMEOUT_ERROR](): true {
    return true;
  }

  readonly timeoutMs: number;
  constructor(context: RequestErrorContext, timeoutMs: number) {
    super(context, describeFailedRequest(context, `timed out after ${timeoutMs} ms`));
    this.timeoutMs = timeoutMs;
  }
}

/** What an {@link ApiError} is built from. */
export interface ApiErrorInit extends RequestErrorContext {
  status: number;
  statusText: string;
  requestId: string | undefined;
  /** The parsed error body (JSON), or a short excerpt of a non-JSON body. */
  body: unknown;
  /** The provider's own message, taken from its error body. */
  providerMessage: string | undefined;
}

const API_ERROR: unique symbol = Symbol.for("modelfleet.error.ApiError");

/** The provider answered with a non-2xx status (or a response the client could not use). */
export class ApiError extends ModelfleetError implements RequestErrorContext {
  static override readonly errorName: string = "ApiError";
  /** True for any `ApiError` (every status subclass included) from this or another copy of the package. */
  static override isInstance(value: unknown): value is ApiError {
    return hasErrorMarker(value, "ApiError");
  }
  get [API_ERROR](): true {
    return true;
  }

  readonly status: number;
  readonly provider: string;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  /** From `x-request-id`, `request-id` or the provider's own header; quote it to the provider's support. */
  readonly requestId: string | undefined;
  attempts: number;
  /** The parsed error body, or a short excerpt when it was not JSON. */
  readonly body: unknown;
  /** The provider's own message (Sieve `detail`, DeepInfra `error`, Opper and Modzy `message`). */
  readonly providerMessage: string | undefined;

  constructor(init: ApiErrorInit, message?: string) {
    super(message ?? describeApiError(init));
    this.status = init.status;
    this.provider = init.provider;
    this.operationId = init.operationId;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.requestId;
    this.attempts = init.attempts;
    this.body = init.body;
    this.providerMessage = init.providerMessage;
  }

  override get isRetryable(): boolean {
    return isRetryableStatus(this.status);
  }

  override toJSON(): Record<string, unknown> {
    const { status, provider, operationId, method, url, requestId, attempts, providerMessage, body } = this;
    // The potentially long body last.
    return { ...super.toJSON(), status, provider, operationId, method, url, requestId, attempts, providerMessage, body };
  }
}

function describeApiError(init: ApiErrorInit): string {
  const what = `${init.provider} ${init.operationId ?? `${init.method} ${init.url}`}`;
  const status = `${init.status}${init.statusText ? ` ${init.statusText}` : ""}`;
  const detail = init.providerMessage ? `: ${init.providerMessage}` : "";
  const requestId = init.requestId ? ` (request id ${init.requestId})` : "";
  return `${what} failed with ${status}${detail}${requestId}`;
}

/** Statuses worth retrying: timeouts, conflicts from concurrent writes, rate limits and server faults. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

const RESPONSE_TOO_LARGE_ERROR: unique symbol = Symbol.for("modelfleet.error.ResponseTooLargeError");

/**
 * The response body (counted after decompression) exceeded `maxResponseBytes`; reading stopped there, so memory
 * stays bounded. Not retried: the same request would get the same body.
 */
export class ResponseTooLargeError extends ApiError {
  static override readonly errorName: string = "ResponseTooLargeError";
  /** True for a `ResponseTooLargeError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is ResponseTooLargeError {
    return hasErrorMarker(value, "ResponseTooLargeError");
  }
  get [RESPONSE_TOO_LARGE_ERROR](): true {
    return true;
  }

  /** The limit that was exceeded, in bytes. */
  readonly maxResponseBytes: number;
  constructor(init: ApiErrorInit, maxResponseBytes: number) {
    super(init, describeFailedRequest(init, `the ${init.status} response body is larger than maxResponseBytes (${maxResponseBytes})`));
    this.maxResponseBytes = maxResponseBytes;
  }
  override get isRetryable(): boolean {
    return false;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), maxResponseBytes: this.maxResponseBytes };
  }
}

// Declared statuses let `if (e instanceof NotFoundError) e.status` narrow to the literal.

const BAD_REQUEST_ERROR: unique symbol = Symbol.for("modelfleet.error.BadRequestError");

/** 400: the provider rejected the request as malformed. */
export class BadRequestError extends ApiError {
  static override readonly errorName: string = "BadRequestError";
  /** True for a `BadRequestError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is BadRequestError {
    return hasErrorMarker(value, "BadRequestError");
  }
  get [BAD_REQUEST_ERROR](): true {
    return true;
  }
  declare readonly status: 400;
}

const AUTHENTICATION_ERROR: unique symbol = Symbol.for("modelfleet.error.AuthenticationError");

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  static override readonly errorName: string = "AuthenticationError";
  /** True for an `AuthenticationError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is AuthenticationError {
    return hasErrorMarker(value, "AuthenticationError");
  }
  get [AUTHENTICATION_ERROR](): true {
    return true;
  }
  declare readonly status: 401;
}

const PERMISSION_DENIED_ERROR: unique symbol = Symbol.for("modelfleet.error.PermissionDeniedError");

/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends ApiError {
  static override readonly errorName: string = "PermissionDeniedError";
  /** True for a `PermissionDeniedError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is PermissionDeniedError {
    return hasErrorMarker(value, "PermissionDeniedError");
  }
  get [PERMISSION_DENIED_ERROR](): true {
    return true;
  }
  declare readonly status: 403;
}

const NOT_FOUND_ERROR: unique symbol = Symbol.for("modelfleet.error.NotFoundError");

/** 404: the model, version or deployment does not exist (or is not visible to this key). */
export class NotFoundError extends ApiError {
  static override readonly errorName: string = "NotFoundError";
  /** True for a `NotFoundError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is NotFoundError {
    return hasErrorMarker(value, "NotFoundError");
  }
  get [NOT_FOUND_ERROR](): true {
    return true;
  }
  declare readonly status: 404;
}

const CONFLICT_ERROR: unique symbol = Symbol.for("modelfleet.error.ConflictError");

/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  static override readonly errorName: string = "ConflictError";
  /** True for a `ConflictError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is ConflictError {
    return hasErrorMarker(value, "ConflictError");
  }
  get [CONFLICT_ERROR](): true {
    return true;
  }
  declare readonly status: 409;
}

const UNPROCESSABLE_ENTITY_ERROR: unique symbol = Symbol.for("modelfleet.error.UnprocessableEntityError");

/** 422: the provider's validation rejected the parameters or body. */
export class UnprocessableEntityError extends ApiError {
  static override readonly errorName: string = "UnprocessableEntityError";
  /** True for an `UnprocessableEntityError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return hasErrorMarker(value, "UnprocessableEntityError");
  }
  get [UNPROCESSABLE_ENTITY_ERROR](): true {
    return true;
  }
  declare readonly status: 422;
}

const RATE_LIMIT_ERROR: unique symbol = Symbol.for("modelfleet.error.RateLimitError");

/** 429: too many requests. `retryAfterMs` says how long the provider asked to wait, when it said. */
export class RateLimitError extends ApiError {
  static override readonly errorName: string = "RateLimitError";
  /** True for a `RateLimitError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is RateLimitError {
    return hasErrorMarker(value, "RateLimitError");
  }
  get [RATE_LIMIT_ERROR](): true {
    return true;
  }
  declare readonly status: 429;
  /** The wait the provider asked for, in milliseconds, when it sent `Retry-After` or `retry-after-ms`. */
  retryAfterMs: number | undefined = undefined;
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}

const INTERNAL_SERVER_ERROR: unique symbol = Symbol.for("modelfleet.error.InternalServerError");

/** 5xx: the provider failed. */
export class InternalServerError extends ApiError {
  static override readonly errorName: string = "InternalServerError";
  /** True for an `InternalServerError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is InternalServerError {
    return hasErrorMarker(value, "InternalServerError");
  }
  get [INTERNAL_SERVER_ERROR](): true {
    return true;
  }
}

/** The class for a status: its own when it has one, `InternalServerError` for every 5xx, else a plain `ApiError`. */
export function apiErrorClassFor(status: number): typeof ApiError {
  switch (status) {
    case 400:
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 409:
      return ConflictError;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    default:
      return status >= 500 ? InternalServerError : ApiError;
  }
}

const PRICE_NOT_FOUND_ERROR: unique symbol = Symbol.for("modelfleet.error.PriceNotFoundError");

/**
 * No price for a deployment: the platform's catalogue lacks the deployment's hardware, or the deployment names
 * no hardware at all. Reported for that deployment; its price is unknown, never zero.
 */
export class PriceNotFoundError extends ModelfleetError {
  static override readonly errorName: string = "PriceNotFoundError";
  /** True for a `PriceNotFoundError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is PriceNotFoundError {
    return hasErrorMarker(value, "PriceNotFoundError");
  }
  get [PRICE_NOT_FOUND_ERROR](): true {
    return true;
  }

  /** The provider's id, e.g. `together`. */
  readonly provider: string;
  /** The hardware that was looked up, in the platform's words; `null` when the deployment names none. */
  readonly hardware: string | null;
  constructor(provider: string, hardware: string | null, message?: string) {
    super(
      message ??
        (hardware === null
          ? `${provider}: the deployment names no hardware, so it has no price`
          : `${provider}: the price catalogue has no entry for hardware ${JSON.stringify(hardware)}`),
    );
    this.provider = provider;
    this.hardware = hardware;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, hardware: this.hardware };
  }
}

const INVALID_PRICE_ERROR: unique symbol = Symbol.for("modelfleet.error.InvalidPriceError");

/**
 * A price or amount of money is unusable: not a number or decimal string, not finite, negative, or absurd (more
 * than 1 000 000 USD per replica-hour, or more micro-dollars than can be summed exactly). Never read as zero.
 */
export class InvalidPriceError extends ModelfleetError {
  static override readonly errorName: string = "InvalidPriceError";
  /** True for an `InvalidPriceError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is InvalidPriceError {
    return hasErrorMarker(value, "InvalidPriceError");
  }
  get [INVALID_PRICE_ERROR](): true {
    return true;
  }

  /** The provider whose value it is, e.g. `baseten`; `undefined` when the value did not come from a provider. */
  readonly provider: string | undefined;
  /** What held the value, e.g. `price of A10G:1x4x16`, when known. */
  readonly field: string | undefined;
  constructor(provider: string | undefined, field: string | undefined, message: string) {
    super(message);
    this.provider = provider;
    this.field = field;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider, field: this.field };
  }
}

const USAGE_WINDOW_ERROR: unique symbol = Symbol.for("modelfleet.error.UsageWindowError");

/**
 * A usage window the platform refuses (too long, too short, too early: Sieve one week at most, Baseten 31 days
 * and not before 2026-01-01, Modzy 7 days at least). Thrown before any request is sent.
 */
export class UsageWindowError extends ModelfleetError {
  static override readonly errorName: string = "UsageWindowError";
  /** True for a `UsageWindowError` from this or another copy of the package. */
  static override isInstance(value: unknown): value is UsageWindowError {
    return hasErrorMarker(value, "UsageWindowError");
  }
  get [USAGE_WINDOW_ERROR](): true {
    return true;
  }

  /** The provider whose limit the window breaks. */
  readonly provider: string;
  constructor(provider: string, message: string) {
    super(`${provider}: ${message}`);
    this.provider = provider;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), provider: this.provider };
  }
}
