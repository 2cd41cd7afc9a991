import type { ClientOptions } from "../options.js";
import type { KeySource, ProviderConnection, SharedClientOptions } from "./provider.js";

/** The identity a generated client package exports (its `<id>Provider` descriptor has these fields). */
export interface ConnectionIdentity {
  readonly id: string;
  readonly name: string;
  readonly envVar: string;
  readonly sensitiveKeys?: readonly string[];
}

/**
 * The {@link ProviderConnection} part of a provider factory, from the generated client factory and the options
 * the user passed. `options` undefined means "configured from the environment, if its variable is set". It
 * imports nothing at runtime, so a `./fleet` entry adds no second copy of the runtime's error classes.
 *
 * @example
 * export function sieve(options?: SieveClientOptions): SieveFleetProvider {
 *   return { ...connectProvider(sieveProvider, createSieveClient, options), ...sieveAdapter };
 * }
 */
export function connectProvider<Options extends ClientOptions, Client>(
  identity: ConnectionIdentity,
  create: (options: Options) => Client,
  options: Options | undefined,
): ProviderConnection<Client> {
  const own = options;
  const envKey = (env: Readonly<Record<string, string | undefined>>) => {
    const value = env[identity.envVar];
    return value !== undefined && value.trim() !== "" ? value : undefined;
  };
  return {
    name: identity.name,
    envVar: identity.envVar,
    sensitiveKeys: identity.sensitiveKeys ?? [],
    explicit: own !== undefined,
    keySource(env): KeySource {
      if (own !== undefined) return own.apiKey !== undefined ? "option" : "env";
      return envKey(env) !== undefined ? "env" : null;
    },
    createClient(shared: SharedClientOptions, env) {
      const apiKey = own?.apiKey ?? env[identity.envVar];
      return create({ ...shared, ...own, ...(apiKey === undefined ? {} : { apiKey }) } as Options);
    },
  };
}
