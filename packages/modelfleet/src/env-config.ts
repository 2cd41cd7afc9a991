// What a fleet reads from the environment besides keys: each provider's `<PROVIDER>_BASE_URL`, the variables the CLI
// and the generated clients read, so code run beside `npm run mocks` reaches the mocks.
import { baseUrlEnvVar, ConfigurationError } from "@modelfleet/runtime";

export { baseUrlEnvVar };

/** The base URL `env` sets for a provider, or undefined when its variable is unset or blank. */
export function baseUrlFromEnv(providerId: string, env: Readonly<Record<string, string | undefined>>): string | undefined {
  const value = env[baseUrlEnvVar(providerId)]?.trim();
  return value ? value : undefined;
}

/**
 * The error of a fleet with no provider configured: it names every key variable once (providers may share one,
 * as two APIs of one platform may).
 */
export function noProviderConfigured(providers: ReadonlyArray<{ envVar: string }>): ConfigurationError {
  const vars = [...new Set(providers.map((p) => p.envVar))];
  return new ConfigurationError("apiKey", `no provider is configured: set at least one of ${vars.join(", ")}`);
}

/** The process environment where there is one (Node), else nothing. */
export function processEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}
