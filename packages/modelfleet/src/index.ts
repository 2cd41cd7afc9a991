export {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InternalServerError,
  InvalidArgumentError,
  ModelfleetError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseTooLargeError,
  TimeoutError,
  UnprocessableEntityError,
} from "@modelfleet/runtime";
export {
  type Capabilities,
  type FleetProvider,
  type ModelVersion,
  PaginationError,
  type ProviderTypes,
  parseTimestamp,
  type Scaling,
  VERSION_STATUSES,
  type VersionStatus,
} from "@modelfleet/runtime/fleet";
export {
  InvalidReferenceError,
  PartialFailureError,
  type ProviderFailure,
  UnsupportedOperationError,
  type UnusableItem,
  UnusableItemError,
} from "./errors.js";
export {
  createFleet,
  type Fleet,
  type FleetCallOptions,
  type FleetOptions,
  type ListDeploymentsOptions,
  type ProviderStatus,
  type ScaleOptions,
  type SharedClientOptions,
} from "./fleet.js";
export type { DeploymentListing, ProviderSettled, SettledListing } from "./listing.js";
export { createReferences, type References } from "./refs.js";
export type {
  ClientOf,
  ModelRefOf,
  ModelVersionOf,
  ParsedModelRefOf,
  ParsedRefOf,
  ProviderIdOf,
  ProviderOfRef,
  ScalableOf,
  VersionRefOf,
} from "./types.js";
