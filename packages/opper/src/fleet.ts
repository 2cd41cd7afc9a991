// `@modelfleet/opper/fleet`: Opper (v3) as a provider of the `modelfleet` facade. Not part of the main entry, so a
// user of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { opperAdapter } from "./fleet/adapter.js";
import type { OpperFleetProvider } from "./fleet/types.js";
import { createOpperClient, type OpperClientOptions, opperProvider } from "./generated/index.js";

export { normalizeOpperFunction, normalizeOpperRevision, type OpperRevisionContext } from "./fleet/normalize.js";
export type {
  OpperFleetProvider,
  OpperFleetTypes,
  OpperFleetVersion,
  OpperModelRef,
  OpperRawVersion,
  OpperVersionRef,
} from "./fleet/types.js";

/**
 * Opper (v3) for `createFleet({ providers: [opper()] })`. Without options it is configured when `OPPER_API_KEY` is
 * set (its client created on first use); with options (e.g. `{ apiKey, baseUrl }`) the client is created by
 * `createFleet`, so a missing key or bad option throws there. Opper has no scaling: `fleet.scale` refuses its
 * references at compile time. Accounts still on Opper's v2 API use `opperV2()` from `@modelfleet/opper-v2/fleet`.
 */
export function opper(options?: OpperClientOptions): OpperFleetProvider {
  return { ...opperAdapter, ...connectProvider(opperProvider, createOpperClient, options) };
}
