// `@modelfleet/modzy/fleet`: Modzy as a provider of the `modelfleet` facade. Not part of the main entry, so a user
// of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { modzyAdapter } from "./fleet/adapter.js";
import type { ModzyFleetProvider } from "./fleet/types.js";
import { createModzyClient, type ModzyClientOptions, modzyProvider } from "./generated/index.js";

export { MODZY_STATUS, type ModzyVersionContext, normalizeModzyVersion } from "./fleet/normalize.js";
export type { ModzyFleetProvider, ModzyFleetTypes, ModzyFleetVersion, ModzyModelRef, ModzyVersionRef } from "./fleet/types.js";

/**
 * Modzy for `createFleet({ providers: [modzy()] })`. Without options it is configured when `MODZY_API_KEY` is set
 * (its client created on first use); with options (e.g. `{ apiKey, baseUrl }`) the client is created by
 * `createFleet`, so a missing key or bad option throws there.
 */
export function modzy(options?: ModzyClientOptions): ModzyFleetProvider {
  return { ...modzyAdapter, ...connectProvider(modzyProvider, createModzyClient, options) };
}
