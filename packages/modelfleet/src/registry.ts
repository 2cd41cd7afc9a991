import { createDeepInfraClient, type DeepInfraClient, type DeepInfraClientOptions, deepinfraProvider } from "@modelfleet/deepinfra";
import { createModzyClient, type ModzyClient, type ModzyClientOptions, modzyProvider } from "@modelfleet/modzy";
import { createOpperClient, type OpperClient, type OpperClientOptions, opperProvider } from "@modelfleet/opper";
import { createSieveClient, type SieveClient, type SieveClientOptions, sieveProvider } from "@modelfleet/sieve";
import type { ProviderAdapter } from "./adapters/adapter.js";
import { deepInfraAdapter } from "./adapters/deepinfra.js";
import { modzyAdapter } from "./adapters/modzy.js";
import { opperAdapter } from "./adapters/opper.js";
import { sieveAdapter } from "./adapters/sieve.js";
import type { ProviderId } from "./providers.js";

/** The generated client of each provider, as `fleet.client(provider)` returns it. */
export interface ClientByProvider {
  sieve: SieveClient;
  modzy: ModzyClient;
  deepinfra: DeepInfraClient;
  opper: OpperClient;
}

/** The options each provider's client accepts. */
export interface ClientOptionsByProvider {
  sieve: SieveClientOptions;
  modzy: ModzyClientOptions;
  deepinfra: DeepInfraClientOptions;
  opper: OpperClientOptions;
}

/** How the facade reaches one provider: its generated client factory, identity and adapter. */
export interface ProviderEntry<P extends ProviderId> {
  name: string;
  envVar: string;
  create(options: ClientOptionsByProvider[P]): ClientByProvider[P];
  adapter: ProviderAdapter<P, ClientByProvider[P]>;
}

/** Every provider the facade ships with. */
export const REGISTRY: { readonly [P in ProviderId]: ProviderEntry<P> } = {
  sieve: { name: sieveProvider.name, envVar: sieveProvider.envVar, create: createSieveClient, adapter: sieveAdapter },
  modzy: { name: modzyProvider.name, envVar: modzyProvider.envVar, create: createModzyClient, adapter: modzyAdapter },
  deepinfra: {
    name: deepinfraProvider.name,
    envVar: deepinfraProvider.envVar,
    create: createDeepInfraClient,
    adapter: deepInfraAdapter,
  },
  opper: { name: opperProvider.name, envVar: opperProvider.envVar, create: createOpperClient, adapter: opperAdapter },
};
