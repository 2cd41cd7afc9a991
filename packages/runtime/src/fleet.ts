// `@modelfleet/runtime/fleet`: the contract between the `modelfleet` facade and the provider packages' `./fleet`
// adapters, and the helpers adapters share. Separate from the main entry so a raw client pays nothing for it.
export { type Capabilities, COST_VERBS, LIFECYCLE_VERBS, VERBS, type Verb } from "./fleet/capabilities.js";
export { mapBounded } from "./fleet/concurrency.js";
export { type ConnectionIdentity, connectProvider } from "./fleet/connect.js";
export { type ModelVersion, type Scaling, VERSION_STATUSES, type VersionStatus } from "./fleet/model-version.js";
export {
  type AmountUnit,
  amountToMicroUsd,
  formatUsd,
  hourlyRateToMicroUsd,
  MAX_HOURLY_RATE_USD,
  type MicroUsd,
  type MoneySource,
  type RateUnit,
} from "./fleet/money.js";
export { hasNextLink, MAX_PAGES, type OffsetPage, offsetPages, PageGuard } from "./fleet/paginate.js";
export { PaginationError } from "./fleet/pagination-error.js";
export type {
  CallContext,
  CostContext,
  FleetProvider,
  KeySource,
  ModelVersionOfTypes,
  ProviderConnection,
  ProviderTypes,
  RefGrammar,
  ScaleBounds,
  SharedClientOptions,
  TypesOf,
  UnitPrice,
  Usage,
  UsageWindow,
  VersionTarget,
} from "./fleet/provider.js";
export { count, flag, items, mapStatus, type Received, received, type StatusTable, text } from "./fleet/readers.js";
export { checkSegment, isSegmentPath, isSemver, quoteRefPart, splitOnce } from "./fleet/ref-syntax.js";
export { parseTimestamp } from "./fleet/timestamp.js";
