// `@modelfleet/sieve/fleet`: Sieve as a provider of the `modelfleet` facade. Not part of the main entry, so a
// user of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { sieveAdapter } from "./fleet/adapter.js";
import type { SieveFleetProvider } from "./fleet/types.js";
import { createSieveClient, type SieveClientOptions, sieveProvider } from "./generated/index.js";

export { normalizeSieveFunction, normalizeSieveVersion, SIEVE_STATUS, type SieveVersionContext } from "./fleet/normalize.js";
export type { SieveFleetProvider, SieveFleetTypes, SieveFleetVersion, SieveModelRef, SieveVersionRef } from "./fleet/types.js";

/**
 * Sieve for `createFleet({ providers: [sieve()] })`. Without options it is configured when `SIEVE_API_KEY` is
 * set (and its client is created on first use); with options (e.g. `{ apiKey, baseUrl }`) the client is created
 * by `createFleet`, so a missing key or bad option throws there.
 */
export function sieve(options?: SieveClientOptions): SieveFleetProvider {
  return { ...sieveAdapter, ...connectProvider(sieveProvider, createSieveClient, options) };
}
