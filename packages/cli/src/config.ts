import { type AllFleetOptions, type BuiltInFleet, ConfigurationError, createFleet, type ProviderId } from "modelfleet/all";
import type { OutStream } from "./io.js";
import { escapeControls } from "./output.js";
import { PROVIDERS, providerInfo } from "./registry.js";
import { GENERAL_USAGE, UsageError } from "./usage.js";

/** Where a provider's API address comes from, when it is not the spec's default. */
export interface BaseUrlOverride {
  url: string;
  /** `--base-url` or the environment variable's name, e.g. `SIEVE_BASE_URL`. */
  source: string;
}

/** Base URLs from `--base-url provider=url` (which win) and each provider's `<PROVIDER>_BASE_URL`. */
export function resolveBaseUrls(flags: readonly string[], env: Record<string, string | undefined>): Map<ProviderId, BaseUrlOverride> {
  const overrides = new Map<ProviderId, BaseUrlOverride>();
  for (const provider of PROVIDERS) {
    const url = env[provider.baseUrlEnvVar]?.trim();
    if (url) overrides.set(provider.id, { url, source: provider.baseUrlEnvVar });
  }
  for (const flag of flags) {
    const at = flag.indexOf("=");
    const provider = providerInfo(at < 0 ? "" : flag.slice(0, at).trim());
    const url = at < 0 ? "" : flag.slice(at + 1).trim();
    if (!provider || url === "") {
      throw new UsageError(
        `--base-url takes <provider>=<url> with a provider among ${PROVIDERS.map((p) => p.id).join(", ")}, got ${JSON.stringify(flag)}`,
        GENERAL_USAGE,
      );
    }
    overrides.set(provider.id, { url, source: "--base-url" });
  }
  for (const [provider, { url, source }] of overrides) {
    if (!URL.canParse(url)) throw new UsageError(`${describeSource(source, provider)} is not an absolute URL: ${JSON.stringify(url)}`);
  }
  return overrides;
}

/** What the CLI builds a fleet from. */
export interface CliFleetOptions {
  env: Record<string, string | undefined>;
  baseUrls: Map<ProviderId, BaseUrlOverride>;
  debug: boolean;
  /** Where the runtime's log lines go (never stdout, which may be JSON for a script). */
  log: OutStream;
  /** Each request attempt's limit (`--timeout`); the command's own deadline bounds the retries. */
  timeoutMs: number;
}

/**
 * Creates the facade's fleet for one CLI run: keys from the environment only, base URL overrides applied to the
 * providers that have a key (a provider without one stays unconfigured, and using it names its variable). A bad
 * URL is reported with the provider and the place it was set, which the error's `provider` names.
 */
export function createCliFleet({ env, baseUrls, debug, log, timeoutMs }: CliFleetOptions): BuiltInFleet {
  // Commands that need a provider say so themselves (`ls` names the variables); `providers` runs with none.
  // The CLI resolves base URLs itself (`--base-url` wins over the variables, and errors name where a URL came
  // from), so the fleet is given them as options and an environment without the variables.
  const baseUrlVars = new Set(PROVIDERS.map((p) => p.baseUrlEnvVar));
  const options: AllFleetOptions = {
    env: Object.fromEntries(Object.entries(env).filter(([name]) => !baseUrlVars.has(name))),
    timeoutMs,
    requireProvider: false,
    logger: lineLogger(log),
    ...(debug ? { logLevel: "debug" as const } : {}),
  };
  for (const [provider, override] of baseUrls) {
    if (providerInfo(provider)?.configuredIn(env)) Object.assign(options, { [provider]: { baseUrl: override.url } });
  }
  try {
    return createFleet(options);
  } catch (error) {
    const override =
      ConfigurationError.isInstance(error) && error.provider !== undefined ? baseUrls.get(error.provider as ProviderId) : undefined;
    if (ConfigurationError.isInstance(error) && override) {
      throw new ConfigurationError(
        error.option,
        `${describeSource(override.source, error.provider as ProviderId)}: ${error.message}`,
        error.provider,
      );
    }
    throw error;
  }
}

function describeSource(source: string, provider: ProviderId): string {
  return source === "--base-url" ? `--base-url ${provider}=…` : source;
}

/** The runtime's logger, one line per entry on the given stream; details are already redacted by the runtime. */
function lineLogger(stream: OutStream): NonNullable<AllFleetOptions["logger"]> {
  const line = (level: string) => (message: string, details?: Record<string, unknown>) => {
    const text = `[${level}] ${message}${details && Object.keys(details).length ? ` ${safeJson(details)}` : ""}`;
    stream.write(`${escapeControls(text)}\n`);
  };
  return { debug: line("debug"), info: line("info"), warn: line("warn"), error: line("error") };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
