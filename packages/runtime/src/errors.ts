/**
 * The modelfleet error hierarchy. Every error carries a `Symbol.for` marker on its prototype so that
 * `X.isInstance(e)` works even when two copies of this package are loaded (a bundled CLI and a user's own).
 */

const markerOf = (name: string): symbol => Symbol.for(`modelfleet.error.${name}`);

/**
 * Gives an error class a `Symbol.for` marker on its prototype, for {@link hasErrorMarker}. For modelfleet's
 * own packages (the facade defines its errors with it); the marker name must be unique across them.
 */
export function markErrorClass(ctor: { prototype: object }, name: string): void {
  Object.defineProperty(ctor.prototype, markerOf(name), { value: true, enumerable: false });
}

/** Whether `value` is an instance of the class marked `name`, from any copy of the package that defined it. */
export function hasErrorMarker(value: unknown, name: string): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[markerOf(name)] === true;
}

const mark = markErrorClass;
const hasMarker = hasErrorMarker;

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

/** Base class of every error modelfleet throws. */
export class ModelfleetError extends Error {
  /** Whether repeating the same call may succeed (rate limits, 5xx, network faults, timeouts). */
  get isRetryable(): boolean {
    return false;
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }

  /** True for any modelfleet error, from this or another copy of the package. */
  static isInstance(value: unknown): value is ModelfleetError {
    return hasMarker(value, "ModelfleetError");
  }

  /** A plain object with the fields a log or error tracker needs; never a secret. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, isRetryable: this.isRetryable };
  }
}
mark(ModelfleetError, "ModelfleetError");

/** An option given to a client (or missing from the environment) is unusable; thrown before any request. */
export class ConfigurationError extends ModelfleetError {
  /** The option at fault, e.g. `apiKey`, `baseUrl`, `timeoutMs`. */
  readonly option: string;
  constructor(option: string, message: string) {
    super(message);
    this.option = option;
  }
  static override isInstance(value: unknown): value is ConfigurationError {
    return hasMarker(value, "ConfigurationError");
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option };
  }
}
mark(ConfigurationError, "ConfigurationError");

/** An argument of a call is unusable (e.g. an empty or `..` path parameter); thrown before any request. */
export class InvalidArgumentError extends ModelfleetError {
  /** The argument at fault, e.g. `deploy_id`. */
  readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
  static override isInstance(value: unknown): value is InvalidArgumentError {
    return hasMarker(value, "InvalidArgumentError");
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), argument: this.argument };
  }
}
mark(InvalidArgumentError, "InvalidArgumentError");

/** The request never got an HTTP response: refused, reset, DNS failure, or a body cut off mid-way. */
export class ConnectionError extends ModelfleetError implements RequestErrorContext {
  override get isRetryable(): boolean {
    return true;
  }
  readonly provider: string;
  readonly operationId: string | undefined;
  readonly method: string;
  readonly url: string;
  attempts: number;
  constructor(context: RequestErrorContext, message?: string, options?: { cause?: unknown }) {
    super(
      message ?? `${context.provider} ${context.operationId ?? context.method}: connection failed (${context.method} ${context.url})`,
      options,
    );
    this.provider = context.provider;
    this.operationId = context.operationId;
    this.method = context.method;
    this.url = context.url;
    this.attempts = context.attempts;
  }
  static override isInstance(value: unknown): value is ConnectionError {
    return hasMarker(value, "ConnectionError");
  }
  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      provider: this.provider,
      operationId: this.operationId,
      method: this.method,
      url: this.url,
      attempts: this.attempts,
    };
  }
}
mark(ConnectionError, "ConnectionError");

/** An attempt took longer than `timeoutMs`. Retried like a connection failure. */
export class TimeoutError extends ConnectionError {
  readonly timeoutMs: number;
  constructor(context: RequestErrorContext, timeoutMs: number) {
    super(
      context,
      `${context.provider} ${context.operationId ?? context.method}: timed out after ${timeoutMs} ms (${context.method} ${context.url})`,
    );
    this.timeoutMs = timeoutMs;
  }
  static override isInstance(value: unknown): value is TimeoutError {
    return hasMarker(value, "TimeoutError");
  }
}
mark(TimeoutError, "TimeoutError");

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

/** The provider answered with a non-2xx status (or a 2xx the client could not parse). */
export class ApiError extends ModelfleetError implements RequestErrorContext {
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

  static override isInstance(value: unknown): value is ApiError {
    return hasMarker(value, "ApiError");
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      status: this.status,
      provider: this.provider,
      operationId: this.operationId,
      method: this.method,
      url: this.url,
      requestId: this.requestId,
      attempts: this.attempts,
      providerMessage: this.providerMessage,
      body: this.body,
    };
  }
}
mark(ApiError, "ApiError");

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

// Declared statuses let `if (e instanceof NotFoundError) e.status` narrow to the literal.
/** 400: the provider rejected the request as malformed. */
export class BadRequestError extends ApiError {
  declare readonly status: 400;
  static override isInstance(value: unknown): value is BadRequestError {
    return hasMarker(value, "BadRequestError");
  }
}
mark(BadRequestError, "BadRequestError");

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  declare readonly status: 401;
  static override isInstance(value: unknown): value is AuthenticationError {
    return hasMarker(value, "AuthenticationError");
  }
}
mark(AuthenticationError, "AuthenticationError");

/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends ApiError {
  declare readonly status: 403;
  static override isInstance(value: unknown): value is PermissionDeniedError {
    return hasMarker(value, "PermissionDeniedError");
  }
}
mark(PermissionDeniedError, "PermissionDeniedError");

/** 404: the model, version or deployment does not exist (or is not visible to this key). */
export class NotFoundError extends ApiError {
  declare readonly status: 404;
  static override isInstance(value: unknown): value is NotFoundError {
    return hasMarker(value, "NotFoundError");
  }
}
mark(NotFoundError, "NotFoundError");

/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  declare readonly status: 409;
  static override isInstance(value: unknown): value is ConflictError {
    return hasMarker(value, "ConflictError");
  }
}
mark(ConflictError, "ConflictError");

/** 422: the provider's validation rejected the parameters or body. */
export class UnprocessableEntityError extends ApiError {
  declare readonly status: 422;
  static override isInstance(value: unknown): value is UnprocessableEntityError {
    return hasMarker(value, "UnprocessableEntityError");
  }
}
mark(UnprocessableEntityError, "UnprocessableEntityError");

/** 429: too many requests. `retryAfterMs` says how long the provider asked to wait, when it said. */
export class RateLimitError extends ApiError {
  declare readonly status: 429;
  /** The wait the provider asked for, in milliseconds, when it sent `Retry-After` or `retry-after-ms`. */
  retryAfterMs: number | undefined;
  static override isInstance(value: unknown): value is RateLimitError {
    return hasMarker(value, "RateLimitError");
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
mark(RateLimitError, "RateLimitError");

/** 5xx: the provider failed. */
export class InternalServerError extends ApiError {
  static override isInstance(value: unknown): value is InternalServerError {
    return hasMarker(value, "InternalServerError");
  }
}
mark(InternalServerError, "InternalServerError");

/** The error class for an HTTP status. */
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
