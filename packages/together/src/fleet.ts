// `@modelfleet/together/fleet`: Together AI as a provider of the `modelfleet` facade. Not part of the main entry, so
// a user of the raw client pays nothing for it.
import { connectProvider } from "@modelfleet/runtime/fleet";
import { togetherAdapter } from "./fleet/adapter.js";
import type { TogetherFleetProvider } from "./fleet/types.js";
import { createTogetherClient, type TogetherClientOptions, togetherProvider } from "./generated/index.js";

export { normalizeTogetherEndpoint, TOGETHER_STATUS } from "./fleet/normalize.js";
export type {
  TogetherFleetProvider,
  TogetherFleetTypes,
  TogetherFleetVersion,
  TogetherModelRef,
  TogetherVersionRef,
} from "./fleet/types.js";

/**
 * Together AI for `createFleet({ providers: [together()] })`. Without options it is configured when
 * `TOGETHER_API_KEY` is set (its client created on first use); with options (e.g. `{ apiKey, baseUrl }`) the client
 * is created by `createFleet`, so a missing key or bad option throws there.
 */
export function together(options?: TogetherClientOptions): TogetherFleetProvider {
  return { ...togetherAdapter, ...connectProvider(togetherProvider, createTogetherClient, options) };
}
