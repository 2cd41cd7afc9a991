// `@modelfleet/replicate/fleet`: Replicate as a provider of the `modelfleet` facade. Not part of the main entry, so
// a user of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { replicateAdapter } from "./fleet/adapter.js";
import type { ReplicateFleetProvider } from "./fleet/types.js";
import { createReplicateClient, type ReplicateClientOptions, replicateProvider } from "./generated/index.js";

export { REPLICATE_MAX_MAX_INSTANCES, REPLICATE_MAX_MIN_INSTANCES } from "./fleet/adapter.js";
export { normalizeReplicateDeployment, normalizeReplicateVersion } from "./fleet/normalize.js";
export type {
  ReplicateFleetProvider,
  ReplicateFleetTypes,
  ReplicateFleetVersion,
  ReplicateModelParts,
  ReplicateModelRef,
  ReplicateVersionParts,
  ReplicateVersionRef,
} from "./fleet/types.js";

/**
 * Replicate for `createFleet({ providers: [replicate()] })`. Without options it is configured when
 * `REPLICATE_API_TOKEN` is set (its client created on first use); with options (e.g. `{ apiKey, baseUrl }`) the
 * client is created by `createFleet`, so a missing key or bad option throws there.
 */
export function replicate(options?: ReplicateClientOptions): ReplicateFleetProvider {
  return { ...replicateAdapter, ...connectProvider(replicateProvider, createReplicateClient, options) };
}
