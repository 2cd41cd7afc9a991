import { ConfigurationError, createFleet, type Fleet, type FleetOptions, PROVIDER_IDS, type ProviderId } from "modelfleet";
import type { OutStream } from "./io.js";
import { GENERAL_USAGE, UsageError } from "./usage.js";

/** Where a provider's API address comes from, when it is not the spec's default. */
export interface BaseUrlOverride {
  url: string;
  /** `--base-url` or the environment variable's name, e.g. `SIEVE_BASE_URL`. */
  source: string;
}

/** The environment variable that overrides a provider's base URL, e.g. `SIEVE_BASE_URL`. */
export function baseUrlEnvVar(provider: ProviderId): string {
  return `${provider.toUpperCase()}_BASE_URL`;
}

/** Base URLs from `--base-url provider=url` (which win) and `<PROVIDER>_BASE_URL`. */
export function resolveBaseUrls(flags: readonly string[], env: Record<string, string | undefined>): Map<ProviderId, BaseUrlOverride> {
  const overrides = new Map<ProviderId, BaseUrlOverride>();
  for (const provider of PROVIDER_IDS) {
    const name = baseUrlEnvVar(provider);
    const url = env[name]?.trim();
    if (url) overrides.set(provider, { url, source: name });
  }
  for (const flag of flags) {
    const at = flag.indexOf("=");
    const provider = at < 0 ? "" : flag.slice(0, at).trim();
    const url = at < 0 ? "" : flag.slice(at + 1).trim();
    if (!(PROVIDER_IDS as readonly string[]).includes(provider) || url === "") {
      throw new UsageError(
        `--base-url takes <provider>=<url> with a provider among ${PROVIDER_IDS.join(", ")}, got ${JSON.stringify(flag)}`,
        GENERAL_USAGE,
      );
    }
    overrides.set(provider as ProviderId, { url, source: "--base-url" });
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
}

/**
 * Creates the facade's fleet for one CLI run: keys from the environment only, base URL overrides applied to the
 * providers that have a key (a provider without one stays unconfigured, and using it names its variable).
 */
export function createCliFleet({ env, baseUrls, debug, log }: CliFleetOptions): Fleet {
  const shared: FleetOptions = {
    env,
    logger: lineLogger(log),
    ...(debug ? { logLevel: "debug" as const } : {}),
  };
  const configured = new Set(
    createFleet({ env })
      .providers()
      .filter((p) => p.configured)
      .map((p) => p.id),
  );
  const entries: FleetOptions = {};
  for (const [provider, override] of baseUrls) {
    if (!configured.has(provider)) continue;
    // One fleet per override first, so that a bad URL is reported with the provider and the place it was set.
    try {
      createFleet({ ...shared, ...onlyProvider(provider), [provider]: { baseUrl: override.url } });
    } catch (error) {
      if (ConfigurationError.isInstance(error)) {
        throw new ConfigurationError(error.option, `${describeSource(override.source, provider)}: ${error.message}`);
      }
      throw error;
    }
    Object.assign(entries, { [provider]: { baseUrl: override.url } });
  }
  return createFleet({ ...shared, ...entries });
}

function onlyProvider(provider: ProviderId): FleetOptions {
  return Object.fromEntries(PROVIDER_IDS.filter((p) => p !== provider).map((p) => [p, false]));
}

function describeSource(source: string, provider: ProviderId): string {
  return source === "--base-url" ? `--base-url ${provider}=…` : source;
}

/** The runtime's logger, one line per entry on the given stream; details are already redacted by the runtime. */
function lineLogger(stream: OutStream): NonNullable<FleetOptions["logger"]> {
  const line = (level: string) => (message: string, details?: Record<string, unknown>) => {
    stream.write(`[${level}] ${message}${details && Object.keys(details).length ? ` ${safeJson(details)}` : ""}\n`);
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
