import { type BuiltInProvider, baseUrlEnvVar, builtInProviders, type Capabilities, type ProviderId } from "modelfleet/all";

/** What the CLI knows about one provider before any fleet exists: all of it read from the provider itself. */
export interface ProviderInfo {
  id: ProviderId;
  name: string;
  /** Where its key is read from, e.g. `SIEVE_API_KEY`. */
  keyEnvVar: string;
  /** Where its base URL override is read from, e.g. `SIEVE_BASE_URL`. */
  baseUrlEnvVar: string;
  versionRefForm: string;
  modelRefForm: string;
  /** Property names its spec marks `x-modelfleet-sensitive`, masked in output unless `--show-secrets`. */
  sensitiveKeys: readonly string[];
  /** What the facade can do with it (a missing flag is `false`). */
  capabilities: Capabilities;
  /** Whether `env` holds its key. */
  configuredIn(env: Record<string, string | undefined>): boolean;
}

function describe(provider: BuiltInProvider): ProviderInfo {
  return {
    id: provider.id,
    name: provider.name,
    keyEnvVar: provider.envVar,
    baseUrlEnvVar: baseUrlEnvVar(provider.id),
    versionRefForm: provider.versionRef.form,
    modelRefForm: provider.modelRef.form,
    sensitiveKeys: provider.sensitiveKeys ?? [],
    capabilities: provider.capabilities,
    configuredIn: (env) => provider.keySource(env) !== null,
  };
}

/** The providers the CLI registers (every built-in one), in their stable order. */
export const PROVIDERS: readonly ProviderInfo[] = builtInProviders().map(describe);

/** The provider with this id, if the CLI registers one. */
export function providerInfo(id: string): ProviderInfo | undefined {
  return PROVIDERS.find((p) => p.id === id);
}

/** `a, b and c`. */
export function listWords(words: readonly string[], last = "and"): string {
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} ${last} ${words.at(-1)}`;
}
