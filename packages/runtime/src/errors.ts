/**
 * The modelfleet error hierarchy. Every error carries a `Symbol.for` marker on its prototype so that
 * `X.isInstance(e)` works even when two copies of this package are loaded (a bundled CLI and a user's own).
 *
 * Each class is registered right below its declaration with {@link registerErrorClass}, which marks it and gives
 * it its own `isInstance`; the class bodies hold only what differs (fields, message, `isRetryable`). The shared
 * parts live once in this file instead of once per class, which keeps every client bundle smaller. For the same
 * reason fields set by a constructor are `declare`d: the constructor's assignment creates them, in the same order,
 * without a separate empty field definition in the output.
 */

const markerOf = (name: string): symbol => Symbol.for(`modelfleet.error.${name}`);

/**
 * Gives an error class a `Symbol.for` marker on its prototype, for {@link hasErrorMarker}. For modelfleet's
 * own packages (the facade defines its errors with it); the marker name must be unique across them.
 */
export function markErrorClass(ctor: { prototype: object }, name: string): void {
  Object.defineProperty(ctor.prototype, markerOf(name), { value: true, enumerable: false });
  // The error's `name` comes from here, not from the class's own name, which a minifier renames (to "_").
  Object.defineProperty(ctor.prototype, "name", { value: name, writable: true, configurable: true, enumerable: false });
}

/** Whether `value` is an instance of the class marked `name`, from any copy of the package that defined it. */
export function hasErrorMarker(value: unknown, name: string): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[markerOf(name)] === true;
}

/**
 * Marks an error class and defines its static `isInstance`. That is a function of the marker alone (it does not
 * read `this`), so a detached `errors.filter(NotFoundError.isInstance)` works; it is defined the way a static
 * method would be: writable, configurable, not enumerable.
 */
function registerErrorClass(ctor: { prototype: object }, name: string): void {
  markErrorClass(ctor, name);
  Object.defineProperty(ctor, "isInstance", {
    value: (value: unknown) => hasErrorMarker(value, name),
    writable: true,
    configurable: true,
  });
}

/** Copies `keys` from `from` onto `to`, in that order (the order own properties and JSON keys then appear in). */
function copyFields<K extends string>(from: object, keys: readonly K[], to: object): Record<string, unknown> {
  for (const key of keys) (to as Record<string, unknown>)[key] = (from as Record<string, unknown>)[key];
  return to as Record<string, unknown>;
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

/** The fields of {@link RequestErrorContext}, in the order errors hold and serialize them. */
const CONTEXT_FIELDS = ["provider", "operationId", "method", "url", "attempts"] as const;

/** `sieve getVersion: <what> (GET https://…)`, the message of a request that got no response. */
const describeFailedRequest = (context: RequestErrorContext, what: string): string =>
  `${context.provider} ${context.operationId ?? context.method}: ${what} (${context.method} ${context.url})`;

/** Base class of every error modelfleet throws. */
export class ModelfleetError extends Error {
  /** True for any modelfleet error, from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is ModelfleetError;

  /** Whether repeating the same call may succeed (rate limits, 5xx, network faults, timeouts). */
  get isRetryable(): boolean {
    return false;
  }

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    // A registered class has its name on its prototype; a user's own subclass keeps its class name.
    this.name = Object.hasOwn(new.target.prototype, "name") ? new.target.prototype.name : new.target.name;
  }

  /** A plain object with the fields a log or error tracker needs; never a secret. */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, isRetryable: this.isRetryable };
  }
}
registerErrorClass(ModelfleetError, "ModelfleetError");

/** An option given to a client (or missing from the environment) is unusable; thrown before any request. */
export class ConfigurationError extends ModelfleetError {
  /** True for a `ConfigurationError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is ConfigurationError;
  /** The option at fault, e.g. `apiKey`, `baseUrl`, `timeoutMs`. */
  declare readonly option: string;
  /** The provider whose configuration is at fault (e.g. `sieve`), when one is; set by the fleet facade. */
  declare readonly provider: string | undefined;
  constructor(option: string, message: string, provider?: string) {
    super(message);
    this.option = option;
    this.provider = provider;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), option: this.option, provider: this.provider };
  }
}
registerErrorClass(ConfigurationError, "ConfigurationError");

/** An argument of a call is unusable (e.g. an empty or `..` path parameter); thrown before any request. */
export class InvalidArgumentError extends ModelfleetError {
  /** True for an `InvalidArgumentError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is InvalidArgumentError;
  /** The argument at fault, e.g. `deploy_id`. */
  declare readonly argument: string;
  constructor(argument: string, message: string) {
    super(message);
    this.argument = argument;
  }
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), argument: this.argument };
  }
}
registerErrorClass(InvalidArgumentError, "InvalidArgumentError");

/** The request never got an HTTP response: refused, reset, DNS failure, or a body cut off mid-way. */
export class ConnectionError extends ModelfleetError implements RequestErrorContext {
  /** True for a `ConnectionError` (a `TimeoutError` included) from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is ConnectionError;
  override get isRetryable(): boolean {
    return true;
  }
  // Set from the context by the constructor, in CONTEXT_FIELDS order.
  declare readonly provider: string;
  declare readonly operationId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  declare attempts: number;
  constructor(context: RequestErrorContext, message?: string, options?: { cause?: unknown }) {
    super(message ?? describeFailedRequest(context, "connection failed"), options);
    copyFields(context, CONTEXT_FIELDS, this);
  }
  override toJSON(): Record<string, unknown> {
    return copyFields(this, CONTEXT_FIELDS, super.toJSON());
  }
}
registerErrorClass(ConnectionError, "ConnectionError");

/** An attempt took longer than `timeoutMs`. Retried like a connection failure. */
export class TimeoutError extends ConnectionError {
  /** True for a `TimeoutError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is TimeoutError;
  declare readonly timeoutMs: number;
  constructor(context: RequestErrorContext, timeoutMs: number) {
    super(context, describeFailedRequest(context, `timed out after ${timeoutMs} ms`));
    this.timeoutMs = timeoutMs;
  }
}
registerErrorClass(TimeoutError, "TimeoutError");

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

/** The fields an {@link ApiError} takes from its {@link ApiErrorInit}, in the order it holds them. */
const API_ERROR_FIELDS = [
  "status",
  "provider",
  "operationId",
  "method",
  "url",
  "requestId",
  "attempts",
  "body",
  "providerMessage",
] as const;
/** The same fields in the order `toJSON()` gives them: the potentially long body last. */
const API_ERROR_JSON_FIELDS = [
  "status",
  "provider",
  "operationId",
  "method",
  "url",
  "requestId",
  "attempts",
  "providerMessage",
  "body",
] as const;

/** The provider answered with a non-2xx status (or a 2xx the client could not parse). */
export class ApiError extends ModelfleetError implements RequestErrorContext {
  /** True for any `ApiError` (every status subclass included) from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is ApiError;
  // Set from the init by the constructor, in API_ERROR_FIELDS order.
  declare readonly status: number;
  declare readonly provider: string;
  declare readonly operationId: string | undefined;
  declare readonly method: string;
  declare readonly url: string;
  /** From `x-request-id`, `request-id` or the provider's own header; quote it to the provider's support. */
  declare readonly requestId: string | undefined;
  declare attempts: number;
  /** The parsed error body, or a short excerpt when it was not JSON. */
  declare readonly body: unknown;
  /** The provider's own message (Sieve `detail`, DeepInfra `error`, Opper and Modzy `message`). */
  declare readonly providerMessage: string | undefined;

  constructor(init: ApiErrorInit, message?: string) {
    super(message ?? describeApiError(init));
    copyFields(init, API_ERROR_FIELDS, this);
  }

  override get isRetryable(): boolean {
    return isRetryableStatus(this.status);
  }

  override toJSON(): Record<string, unknown> {
    return copyFields(this, API_ERROR_JSON_FIELDS, super.toJSON());
  }
}
registerErrorClass(ApiError, "ApiError");

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
  /** True for a `BadRequestError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is BadRequestError;
  declare readonly status: 400;
}
registerErrorClass(BadRequestError, "BadRequestError");

/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends ApiError {
  /** True for an `AuthenticationError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is AuthenticationError;
  declare readonly status: 401;
}
registerErrorClass(AuthenticationError, "AuthenticationError");

/** 403: the key is valid but may not do this. */
export class PermissionDeniedError extends ApiError {
  /** True for a `PermissionDeniedError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is PermissionDeniedError;
  declare readonly status: 403;
}
registerErrorClass(PermissionDeniedError, "PermissionDeniedError");

/** 404: the model, version or deployment does not exist (or is not visible to this key). */
export class NotFoundError extends ApiError {
  /** True for a `NotFoundError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is NotFoundError;
  declare readonly status: 404;
}
registerErrorClass(NotFoundError, "NotFoundError");

/** 409: the request conflicts with the resource's current state. */
export class ConflictError extends ApiError {
  /** True for a `ConflictError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is ConflictError;
  declare readonly status: 409;
}
registerErrorClass(ConflictError, "ConflictError");

/** 422: the provider's validation rejected the parameters or body. */
export class UnprocessableEntityError extends ApiError {
  /** True for an `UnprocessableEntityError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is UnprocessableEntityError;
  declare readonly status: 422;
}
registerErrorClass(UnprocessableEntityError, "UnprocessableEntityError");

/** 429: too many requests. `retryAfterMs` says how long the provider asked to wait, when it said. */
export class RateLimitError extends ApiError {
  /** True for a `RateLimitError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is RateLimitError;
  declare readonly status: 429;
  // A real field, unlike the declared ones: it exists (as `undefined`) from construction; the client sets it after.
  /** The wait the provider asked for, in milliseconds, when it sent `Retry-After` or `retry-after-ms`. */
  retryAfterMs: number | undefined;
  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs };
  }
}
registerErrorClass(RateLimitError, "RateLimitError");

/** 5xx: the provider failed. */
export class InternalServerError extends ApiError {
  /** True for an `InternalServerError` from this or another copy of the package. */
  declare static isInstance: (value: unknown) => value is InternalServerError;
}
registerErrorClass(InternalServerError, "InternalServerError");

/** The class of each status that has its own; other 4xx are plain `ApiError`s and every 5xx an `InternalServerError`. */
const CLASS_BY_STATUS: Readonly<Record<number, typeof ApiError>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The error class for an HTTP status. */
export function apiErrorClassFor(status: number): typeof ApiError {
  return CLASS_BY_STATUS[status] ?? (status >= 500 ? InternalServerError : ApiError);
}
