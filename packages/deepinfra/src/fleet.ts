// `@modelfleet/deepinfra/fleet`: DeepInfra as a provider of the `modelfleet` facade. Not part of the main entry, so
// a user of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { deepInfraAdapter } from "./fleet/adapter.js";
import type { DeepInfraFleetProvider } from "./fleet/types.js";
import { createDeepInfraClient, type DeepInfraClientOptions, deepinfraProvider } from "./generated/index.js";

export { DEEPINFRA_STATUS, normalizeDeepInfraDeployment } from "./fleet/normalize.js";
export type {
  DeepInfraFleetProvider,
  DeepInfraFleetTypes,
  DeepInfraFleetVersion,
  DeepInfraModelRef,
  DeepInfraVersionRef,
} from "./fleet/types.js";

/**
 * DeepInfra for `createFleet({ providers: [deepinfra()] })`. Without options it is configured when
 * `DEEPINFRA_API_KEY` is set (its client created on first use); with options (e.g. `{ apiKey, baseUrl }`) the
 * client is created by `createFleet`, so a missing key or bad option throws there.
 */
export function deepinfra(options?: DeepInfraClientOptions): DeepInfraFleetProvider {
  return { ...deepInfraAdapter, ...connectProvider(deepinfraProvider, createDeepInfraClient, options) };
}
