import { type ClientOptions, ConfigurationError, InvalidArgumentError } from "@modelfleet/runtime";
import type { CallContext, ProviderAdapter, ScaleBounds } from "./adapters/adapter.js";
import type { Capabilities } from "./capabilities.js";
import { UnsupportedOperationError } from "./errors.js";
import { createListing, type DeploymentListing } from "./listing.js";
import { type ModelVersion, type ModelVersionFor, VERSION_STATUSES, type VersionStatus } from "./model-version.js";
import { isProviderId, PROVIDER_IDS, type ProviderId } from "./providers.js";
import {
  formatModelRef,
  formatRef,
  type ModelRef,
  type ParsedModelRef,
  type ParsedRef,
  type ParsedRefOf,
  type ProviderOfRef,
  parseModelRef,
  parseRef,
  type VersionRef,
} from "./refs.js";
import { type ClientByProvider, type ClientOptionsByProvider, REGISTRY } from "./registry.js";

/** Runtime options shared by every provider's client; a provider's own entry overrides them. */
export type SharedClientOptions = Omit<ClientOptions, "apiKey" | "baseUrl">;

/**
 * Options of {@link createFleet}. A provider is configured when it has an entry here (its key from `apiKey` or
 * its environment variable) or, without an entry, when its environment variable is set. `false` leaves it out.
 */
export interface FleetOptions extends SharedClientOptions {
  sieve?: ClientOptionsByProvider["sieve"] | false;
  modzy?: ClientOptionsByProvider["modzy"] | false;
  deepinfra?: ClientOptionsByProvider["deepinfra"] | false;
  opper?: ClientOptionsByProvider["opper"] | false;
  /** How many providers `listDeployments` queries at once, and how many follow-up reads one provider may have in flight. Default 4. */
  concurrency?: number;
  /** Where provider keys are looked up; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

/** Options of one facade call. */
export interface FleetCallOptions {
  /** Aborts the call (every request it makes); surfaces as the platform's `AbortError`. */
  signal?: AbortSignal;
}

/** Options of {@link Fleet.listDeployments}. */
export interface ListDeploymentsOptions extends FleetCallOptions {
  /** Which providers to ask; default: every configured one. Naming one that is not configured throws before any request. */
  providers?: readonly ProviderId[];
  /** Only versions with this normalized status (or one of these). */
  status?: VersionStatus | readonly VersionStatus[];
}

/** New replica bounds for {@link Fleet.scale}: integers with 0 ≤ min ≤ max. */
export interface ScaleOptions extends FleetCallOptions {
  min: number;
  max: number;
}

/** How one provider is set up in a fleet. */
export interface ProviderStatus {
  id: ProviderId;
  /** Display name, e.g. `DeepInfra`. */
  name: string;
  /** The environment variable its key is read from. */
  envVar: string;
  configured: boolean;
  /** Where the key comes from: the `apiKey` option, the environment variable, or nowhere. */
  keySource: "option" | "env" | null;
  capabilities: Capabilities;
}

/** The providers that can be scaled. */
export type ScalableProvider = "sieve" | "modzy" | "deepinfra";
/** A version reference on a provider that can be scaled; `opper:…` is a compile error where it is known statically. */
export type ScalableVersionRef = `sieve:${string}/${string}@${string}` | `modzy:${string}@${string}` | `deepinfra:${string}`;

/** Many providers as one fleet. Every request goes through the providers' generated clients. */
export interface Fleet {
  /** Reads one version, e.g. `sieve:acme/whisper@latest`. */
  getVersion<R extends VersionRef>(ref: R, options?: FleetCallOptions): Promise<ModelVersionFor<ProviderOfRef<R>>>;
  getVersion(ref: string | ParsedRef, options?: FleetCallOptions): Promise<ModelVersion>;
  /** Every version of a model, across all pages, e.g. `opper:<function_id>` or `sieve:acme/whisper`. */
  listVersions<R extends ModelRef>(modelRef: R, options?: FleetCallOptions): AsyncIterable<ModelVersionFor<ProviderOfRef<R>>>;
  listVersions(modelRef: string | ParsedModelRef, options?: FleetCallOptions): AsyncIterable<ModelVersion>;
  /** The deployments of every configured provider (or those named), queried concurrently. */
  listDeployments(options?: ListDeploymentsOptions): DeploymentListing;
  /**
   * Sets a version's replica bounds and returns the version as it is afterwards.
   * @throws InvalidArgumentError before any request when `min`/`max` are not integers with 0 ≤ min ≤ max.
   * @throws UnsupportedOperationError for a provider without scaling (see {@link Fleet.capabilities}).
   */
  scale<R extends ScalableVersionRef>(ref: R, options: ScaleOptions): Promise<ModelVersionFor<ProviderOfRef<R>>>;
  scale(ref: ParsedRefOf<ScalableProvider>, options: ScaleOptions): Promise<ModelVersion>;
  /** What the fleet can do with a provider, known before any request. */
  capabilities(provider: ProviderId): Capabilities;
  /** Which providers are configured, and how. */
  providers(): ProviderStatus[];
  /** The provider's generated client, for anything the facade does not cover. */
  client<P extends ProviderId>(provider: P): ClientByProvider[P];
}

const DEFAULT_CONCURRENCY = 4;
const SHARED_KEYS = [
  "fetch",
  "headers",
  "timeoutMs",
  "maxRetries",
  "logger",
  "logLevel",
  "userAgent",
  "middleware",
  "sleep",
] as const satisfies readonly (keyof SharedClientOptions)[];

/**
 * Creates a fleet. Providers with an entry in `options` are set up at once (a missing or malformed key throws
 * here); providers picked up from the environment are set up on first use.
 *
 * @example
 * const fleet = createFleet(); // keys from SIEVE_API_KEY, MODZY_API_KEY, DEEPINFRA_API_KEY, OPPER_API_KEY
 * const version = await fleet.getVersion("deepinfra:fkj843kjh8");
 */
export function createFleet(options: FleetOptions = {}): Fleet {
  const env = options.env ?? readProcessEnv();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigurationError("concurrency", `concurrency must be a positive integer, got ${String(concurrency)}`);
  }
  const shared: Record<string, unknown> = {};
  for (const key of SHARED_KEYS) if (options[key] !== undefined) shared[key] = options[key];

  // Keys stay inside this closure (and the clients' own): nothing returned holds them.
  const clients = new Map<ProviderId, unknown>();
  const setup = new Map<ProviderId, { keySource: "option" | "env" } | null>();
  for (const id of PROVIDER_IDS) {
    const entry = options[id];
    const envKey = env[REGISTRY[id].envVar];
    if (entry === false) setup.set(id, null);
    else if (entry !== undefined) setup.set(id, { keySource: entry.apiKey !== undefined ? "option" : "env" });
    else setup.set(id, envKey !== undefined && envKey.trim() !== "" ? { keySource: "env" } : null);
  }

  function client<P extends ProviderId>(provider: P): ClientByProvider[P] {
    checkProvider(provider, "provider");
    const existing = clients.get(provider);
    if (existing) return existing as ClientByProvider[P];
    const entry = REGISTRY[provider];
    if (!setup.get(provider)) {
      throw new ConfigurationError(
        provider,
        `${entry.name} is not configured: set the ${entry.envVar} environment variable or pass { ${provider}: { apiKey } } to createFleet`,
      );
    }
    const own: ClientOptions = options[provider] || {};
    const apiKey = own.apiKey ?? env[entry.envVar];
    const created = entry.create({ ...shared, ...own, ...(apiKey === undefined ? {} : { apiKey }) } as never);
    clients.set(provider, created);
    return created as ClientByProvider[P];
  }
  // Explicitly configured providers fail fast on a bad key or option.
  for (const id of PROVIDER_IDS) if (options[id]) client(id);

  const context = (signal: AbortSignal | undefined): CallContext => ({ signal, concurrency });

  function adapterFor(provider: ProviderId) {
    // Each adapter is typed for its own client; the registry pairs them, so this cast only forgets the pairing.
    return REGISTRY[provider].adapter as unknown as ProviderAdapter<ProviderId, unknown>;
  }

  const fleet: Fleet = {
    async getVersion(ref: string | ParsedRef, callOptions: FleetCallOptions = {}) {
      const parsed = parseRef(typeof ref === "string" ? ref : formatRef(ref));
      return adapterFor(parsed.provider).getVersion(client(parsed.provider), parsed as never, context(callOptions.signal)) as never;
    },

    listVersions(modelRef: string | ParsedModelRef, callOptions: FleetCallOptions = {}) {
      const parsed = parseModelRef(typeof modelRef === "string" ? modelRef : formatModelRef(modelRef));
      const adapter = adapterFor(parsed.provider);
      if (!adapter.capabilities.listVersions) {
        throw new UnsupportedOperationError(parsed.provider, "listVersions", adapter.listVersionsUnsupportedReason ?? "not available");
      }
      const providerClient = client(parsed.provider);
      return adapter.listVersions(providerClient, parsed as never, context(callOptions.signal)) as never;
    },

    listDeployments(listOptions: ListDeploymentsOptions = {}) {
      const statuses = checkStatuses(listOptions.status);
      let providers: ProviderId[];
      if (listOptions.providers === undefined) {
        providers = PROVIDER_IDS.filter((id) => setup.get(id));
      } else {
        if (!Array.isArray(listOptions.providers))
          throw new InvalidArgumentError("providers", "providers must be an array of provider ids");
        providers = [...new Set(listOptions.providers)];
        for (const id of providers) checkProvider(id, "providers");
      }
      // Resolve every client now, so an unconfigured provider is reported before any request.
      const resolved = new Map(providers.map((id) => [id, client(id)] as const));
      return createListing(
        providers,
        concurrency,
        async (provider, signal) => {
          const versions: ModelVersion[] = [];
          for await (const version of adapterFor(provider).listDeployments(resolved.get(provider), context(signal))) {
            if (!statuses || statuses.has(version.status)) versions.push(version as ModelVersion);
          }
          return versions;
        },
        listOptions.signal,
      );
    },

    async scale(ref: string | ParsedRef, scaleOptions: ScaleOptions) {
      const parsed = parseRef(typeof ref === "string" ? ref : formatRef(ref));
      const bounds = checkBounds(scaleOptions);
      const adapter = adapterFor(parsed.provider);
      if (!adapter.capabilities.scale || !adapter.scale) {
        throw new UnsupportedOperationError(parsed.provider, "scale", adapter.scaleUnsupportedReason ?? "not available");
      }
      return adapter.scale(client(parsed.provider), parsed as never, bounds, context(scaleOptions.signal)) as never;
    },

    capabilities(provider: ProviderId) {
      checkProvider(provider, "provider");
      return { ...REGISTRY[provider].adapter.capabilities };
    },

    providers() {
      return PROVIDER_IDS.map((id) => {
        const state = setup.get(id) ?? null;
        return {
          id,
          name: REGISTRY[id].name,
          envVar: REGISTRY[id].envVar,
          configured: state !== null,
          keySource: state?.keySource ?? null,
          capabilities: { ...REGISTRY[id].adapter.capabilities },
        };
      });
    },

    client,
  } as Fleet;
  return fleet;
}

function checkProvider(value: unknown, argument: string): asserts value is ProviderId {
  if (!isProviderId(value)) {
    throw new InvalidArgumentError(argument, `Unknown provider ${JSON.stringify(value)}. Known providers: ${PROVIDER_IDS.join(", ")}`);
  }
}

function checkStatuses(status: ListDeploymentsOptions["status"]): Set<VersionStatus> | undefined {
  if (status === undefined) return undefined;
  const list = typeof status === "string" ? [status] : status;
  if (!Array.isArray(list)) throw new InvalidArgumentError("status", "status must be a status or an array of statuses");
  for (const s of list) {
    if (!VERSION_STATUSES.includes(s)) {
      throw new InvalidArgumentError("status", `Unknown status ${JSON.stringify(s)}. Known statuses: ${VERSION_STATUSES.join(", ")}`);
    }
  }
  return new Set(list);
}

function checkBounds(options: ScaleOptions | undefined): ScaleBounds {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("options", "scale needs { min, max }");
  }
  const { min, max } = options;
  for (const [name, value] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new InvalidArgumentError(name, `${name} must be a non-negative integer, got ${JSON.stringify(value) ?? String(value)}`);
    }
  }
  if (min > max) throw new InvalidArgumentError("min", `min (${min}) must not exceed max (${max})`);
  return { min, max };
}

function readProcessEnv(): Record<string, string | undefined> {
  const processLike = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return processLike?.env ?? {};
}
