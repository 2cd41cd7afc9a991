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
  TimeoutError,
  UnprocessableEntityError,
} from "@modelfleet/runtime";
export type { Capabilities } from "./capabilities.js";
export {
  InvalidReferenceError,
  PartialFailureError,
  type ProviderFailure,
  UnsupportedOperationError,
} from "./errors.js";
export {
  createFleet,
  type Fleet,
  type FleetCallOptions,
  type FleetOptions,
  type ListDeploymentsOptions,
  type ProviderStatus,
  type ScalableProvider,
  type ScalableVersionRef,
  type ScaleOptions,
  type SharedClientOptions,
} from "./fleet.js";
export type { DeploymentListing, SettledListing } from "./listing.js";
export {
  type ModelVersion,
  type ModelVersionFor,
  type ModelVersionOf,
  type RawVersionByProvider,
  type Scaling,
  VERSION_STATUSES,
  type VersionStatus,
} from "./model-version.js";
export { parseTimestamp } from "./normalize/timestamp.js";
export { PROVIDER_IDS, type ProviderId } from "./providers.js";
export {
  type DeepInfraVersionRef,
  formatModelRef,
  formatRef,
  MODEL_REF_FORMS,
  type ModelRef,
  type ModzyVersionRef,
  type OpperVersionRef,
  type ParsedModelRef,
  type ParsedModelRefOf,
  type ParsedRef,
  type ParsedRefOf,
  type ProviderOfRef,
  parseModelRef,
  parseRef,
  type SieveVersionRef,
  VERSION_REF_FORMS,
  type VersionRef,
  type VersionRefOf,
} from "./refs.js";
export type { ClientByProvider, ClientOptionsByProvider } from "./registry.js";
