// `@modelfleet/baseten/fleet`: Baseten as a provider of the `modelfleet` facade. Not part of the main entry, so a
// user of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { basetenAdapter } from "./fleet/adapter.js";
import type { BasetenFleetProvider } from "./fleet/types.js";
import { type BasetenClientOptions, basetenProvider, createBasetenClient } from "./generated/index.js";

export { BASETEN_STATUS, type BasetenRequested, normalizeBasetenDeployment } from "./fleet/normalize.js";
export type { BasetenFleetProvider, BasetenFleetTypes, BasetenFleetVersion, BasetenModelRef, BasetenVersionRef } from "./fleet/types.js";

/**
 * Baseten for `createFleet({ providers: [baseten()] })`. Without options it is configured when `BASETEN_API_KEY` is
 * set (its client created on first use); with options (e.g. `{ apiKey, baseUrl }`) the client is created by
 * `createFleet`, so a missing key or bad option throws there.
 */
export function baseten(options?: BasetenClientOptions): BasetenFleetProvider {
  return { ...basetenAdapter, ...connectProvider(basetenProvider, createBasetenClient, options) };
}
