// `@modelfleet/opper-v2/fleet`: Opper v2 as a provider of the `modelfleet` facade. Not part of the main entry, so a user
// of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { opperV2Adapter } from "./fleet/adapter.js";
import type { OpperV2FleetProvider } from "./fleet/types.js";
import { createOpperV2Client, type OpperV2ClientOptions, opperV2Provider } from "./generated/index.js";

export { normalizeOpperV2Version, type OpperV2VersionContext } from "./fleet/normalize.js";
export type {
  OpperV2FleetProvider,
  OpperV2FleetTypes,
  OpperV2FleetVersion,
  OpperV2ModelRef,
  OpperV2RawVersion,
  OpperV2VersionRef,
} from "./fleet/types.js";

/**
 * Opper v2 for `createFleet({ providers: [opperV2()] })`. Without options it is configured when `OPPER_API_KEY` is set
 * (its client created on first use); with options (e.g. `{ apiKey, baseUrl }`) the client is created by
 * `createFleet`, so a missing key or bad option throws there. Opper v2 has no scaling: `fleet.scale` refuses its
 * references at compile time.
 */
export function opperV2(options?: OpperV2ClientOptions): OpperV2FleetProvider {
  return { ...opperV2Adapter, ...connectProvider(opperV2Provider, createOpperV2Client, options) };
}
