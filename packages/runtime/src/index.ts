export { type AnyPaths, type ClientCore, createClientCore, type RawClient } from "./client-core.js";
export { describeValue } from "./describe-value.js";
export {
  ApiError,
  type ApiErrorInit,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  hasErrorMarker,
  InternalServerError,
  InvalidArgumentError,
  ModelfleetError,
  markErrorClass,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type RequestErrorContext,
  ResponseTooLargeError,
  TimeoutError,
  UnprocessableEntityError,
} from "./errors.js";
export type { Logger, LogLevel } from "./logger.js";
export { baseUrlEnvVar, type ClientOptions, type RequestOptions } from "./options.js";
export type { PaginationDescriptor } from "./pagination/descriptor.js";
export { PaginationError, type PaginationStopReason } from "./pagination/error.js";
export {
  DEFAULT_MAX_PAGES,
  type Page,
  type PaginateOptions,
  type PagingCore,
  paginateItems,
  paginatePages,
} from "./pagination/paginate.js";
export type { OperationDescriptor, ProviderDescriptor } from "./provider.js";
