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
  type CallContext,
  type Capabilities,
  type CostContext,
  type FleetProvider,
  formatUsd,
  InvalidPriceError,
  type MicroUsd,
  type ModelVersion,
  PaginationError,
  PriceNotFoundError,
  type ProviderTypes,
  parseTimestamp,
  type Scaling,
  type UnitPrice,
  type Usage,
  type UsageWindow,
  UsageWindowError,
  VERSION_STATUSES,
  type Verb,
  type VersionStatus,
  type VersionTarget,
  type WriteRequest,
} from "@modelfleet/runtime/fleet";
export { checkPriceTable, type PriceTable, type PriceTableIssue } from "./cost/price-table.js";
export type {
  CostFigure,
  CostOptions,
  CostReport,
  CostTotal,
  DeploymentCost,
  FigureSource,
  KnownFigure,
  ProviderCostTotal,
  Range,
  TotalFigure,
  UnitPriceFigure,
  UnknownFigure,
  UnusedPrice,
} from "./cost/types.js";
export { type CostWindow, type CostWindowInput, parseCostWindow } from "./cost/window.js";
export type { ReferenceReader } from "./desired-state/access.js";
export { type CheckDesiredStateOptions, checkDesiredState, type DesiredStateIssue } from "./desired-state/check.js";
export { desiredStateOf, type ExportAccess } from "./desired-state/export.js";
export { describeApplyResult, describeChange, describePlanItem, formatChangeValue } from "./desired-state/format.js";
export type {
  ApplyItemResult,
  ApplyOptions,
  ApplyOutcome,
  ApplyResult,
  CannotReason,
  DeploymentState,
  DesiredDeployment,
  DesiredScaling,
  DesiredState,
  FleetPlan,
  ObservedState,
  PlanCannotItem,
  PlanChangeItem,
  PlanErrorItem,
  PlanItem,
  PlanNoOpItem,
  PlannedChange,
  PlanOptions,
  PlanSummary,
} from "./desired-state/types.js";
export { baseUrlEnvVar, noProviderConfigured } from "./env-config.js";
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
  type FleetCapabilities,
  type FleetOptions,
  type ListDeploymentsOptions,
  type ProviderStatus,
  type ScaleOptions,
  type SharedClientOptions,
  type VersionChangeOptions,
} from "./fleet.js";
export type { DeploymentListing, ProviderSettled, SettledListing } from "./listing.js";
export { createReferences, type References } from "./refs.js";
export type {
  CapableOf,
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
export { type WaitForOptions, WaitForStatusError } from "./wait-for.js";
