import { ConfigurationError, InvalidArgumentError } from "@modelfleet/runtime";
import {
  type CallContext,
  type Capabilities,
  type FleetProvider,
  type KeySource,
  type ModelVersion,
  quoteRefPart,
  type ScaleBounds,
  type SharedClientOptions,
  VERSION_STATUSES,
  type VersionStatus,
} from "@modelfleet/runtime/fleet";
import { UnsupportedOperationError, type UnusableItem, UnusableItemError } from "./errors.js";
import { createListing, type DeploymentListing, type ProviderSettled } from "./listing.js";
import { createReferences, type References } from "./refs.js";
import type {
  ClientOf,
  ModelRefOf,
  ModelVersionOf,
  ParsedModelRefOf,
  ParsedRefOf,
  ProviderIdOf,
  ProviderOfRef,
  ScalableOf,
  VersionRefOf,
} from "./types.js";

export type { SharedClientOptions } from "@modelfleet/runtime/fleet";

/**
 * Options of {@link createFleet}: the providers, and runtime options every provider's client shares (a provider's
 * own options, given to its factory, override them).
 */
export interface FleetOptions<P extends FleetProvider = FleetProvider> extends SharedClientOptions {
  /**
   * The providers of the fleet, each made by the factory its package's `./fleet` entry exports (the `<id>` export of `@modelfleet/<id>/fleet`).
   * A provider given options is set up at once (a missing or malformed key throws here); one without options is
   * configured when its environment variable is set, and set up on first use.
   */
  providers: readonly P[];
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
export interface ListDeploymentsOptions<Id extends string = string, V extends ModelVersionOf<FleetProvider> = ModelVersionOf<FleetProvider>>
  extends FleetCallOptions {
  /** Which providers to ask; default: every configured one. Naming one that is not configured throws before any request. */
  providers?: readonly Id[];
  /** Only versions with this normalized status (or one of these). */
  status?: VersionStatus | readonly VersionStatus[];
  /**
   * Called once per provider as soon as it has answered or failed (before its versions are yielded), e.g. to show
   * progress. An exception thrown here ends the listing.
   */
  onProviderSettled?: (outcome: ProviderSettled<V>) => void;
}

/** New replica bounds for {@link Fleet.scale}: integers with 0 ≤ min ≤ max. */
export interface ScaleOptions extends FleetCallOptions {
  min: number;
  max: number;
}

/** How one provider is set up in a fleet. */
export interface ProviderStatus<Id extends string = string> {
  id: Id;
  /** Display name. */
  name: string;
  /** The environment variable its key is read from. */
  envVar: string;
  configured: boolean;
  /** Where the key comes from: the `apiKey` option, the environment variable, or nowhere. */
  keySource: KeySource;
  capabilities: Capabilities;
  /** The expected form of its version reference, e.g. `acme:<model>@<version>`. */
  versionRefForm: string;
  /** The expected form of its model reference. */
  modelRefForm: string;
}

/**
 * Many providers as one fleet; every request goes through the providers' generated clients. Its reference types,
 * `ModelVersion` union and which references `scale` accepts are inferred from the providers `P` it was created with.
 */
export interface Fleet<P extends FleetProvider = FleetProvider> extends References<P> {
  /** Reads one version, by a reference such as `<provider id>:<model>@<version>` (each provider has its own form). */
  getVersion<R extends VersionRefOf<P>>(ref: R, options?: FleetCallOptions): Promise<ModelVersionOf<ProviderOfRef<P, R>>>;
  getVersion(ref: string | ParsedRefOf<P>, options?: FleetCallOptions): Promise<ModelVersionOf<P>>;
  /** Every version of a model (a model reference, `<provider id>:<model>` in the provider's form), across all pages. */
  listVersions<R extends ModelRefOf<P>>(modelRef: R, options?: FleetCallOptions): AsyncIterable<ModelVersionOf<ProviderOfRef<P, R>>>;
  listVersions(modelRef: string | ParsedModelRefOf<P>, options?: FleetCallOptions): AsyncIterable<ModelVersionOf<P>>;
  /** The deployments of every configured provider (or those named), queried concurrently. */
  listDeployments(options?: ListDeploymentsOptions<ProviderIdOf<P>, ModelVersionOf<P>>): DeploymentListing<ModelVersionOf<P>>;
  /**
   * Sets a version's replica bounds and returns the version as it is afterwards. Only references of providers that
   * can scale type-check.
   * @throws InvalidArgumentError before any request when `min`/`max` are not integers with 0 ≤ min ≤ max.
   * @throws UnsupportedOperationError for a provider without scaling (see {@link Fleet.capabilities}).
   */
  scale<R extends VersionRefOf<ScalableOf<P>>>(ref: R, options: ScaleOptions): Promise<ModelVersionOf<ProviderOfRef<P, R>>>;
  scale(ref: ParsedRefOf<ScalableOf<P>>, options: ScaleOptions): Promise<ModelVersionOf<ScalableOf<P>>>;
  /** What the fleet can do with a provider, known before any request. */
  capabilities(provider: ProviderIdOf<P>): Capabilities;
  /** The fleet's providers in the order given, and how each is set up. */
  providers(): ProviderStatus<ProviderIdOf<P>>[];
  /** The provider's generated client, for anything the facade does not cover. */
  client<Id extends ProviderIdOf<P>>(provider: Id): ClientOf<P, Id>;
}

const DEFAULT_CONCURRENCY = 4;
const PROVIDER_ID = /^[a-z][a-z0-9-]*$/;
const SHARED_KEYS = [
  "fetch",
  "headers",
  "timeoutMs",
  "maxRetries",
  "maxResponseBytes",
  "logger",
  "logLevel",
  "userAgent",
  "middleware",
  "sleep",
] as const satisfies readonly (keyof SharedClientOptions)[];

/**
 * Creates a fleet of the given providers.
 *
 * @example
 * // Each provider package's `./fleet` entry exports its factory; `modelfleet/all` has every built-in one.
 * const fleet = createFleet({ providers: [acme(), other({ apiKey })] }); // acme's key from its environment variable
 * const version = await fleet.getVersion("acme:model@v1"); // typed as acme's ModelVersion
 * @throws ConfigurationError for an unusable provider list, `concurrency`, or (for a provider given options) key or option.
 */
export function createFleet<const P extends FleetProvider>(options: FleetOptions<P>): Fleet<P> {
  if (typeof options !== "object" || options === null) throw new ConfigurationError("providers", "createFleet needs { providers: [...] }");
  const env = options.env ?? readProcessEnv();
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new ConfigurationError("concurrency", `concurrency must be a positive integer, got ${String(concurrency)}`);
  }
  const providerList: readonly FleetProvider[] = checkProviders(options.providers);
  const byId = new Map(providerList.map((p) => [p.id, p]));
  const ids = providerList.map((p) => p.id);
  const shared: Record<string, unknown> = {};
  for (const key of SHARED_KEYS) if (options[key] !== undefined) shared[key] = options[key];
  const references = createReferences(providerList);

  // Keys stay inside the providers' closures and the clients: nothing returned holds them.
  const clients = new Map<string, unknown>();
  const keySources = new Map(providerList.map((p) => [p.id, p.keySource(env)]));

  function providerOf(id: unknown, argument: string): FleetProvider {
    const provider = typeof id === "string" ? byId.get(id) : undefined;
    if (!provider) throw new InvalidArgumentError(argument, `Unknown provider ${JSON.stringify(id)}. Known providers: ${ids.join(", ")}`);
    return provider;
  }

  function clientOf(provider: FleetProvider): unknown {
    const existing = clients.get(provider.id);
    if (existing) return existing;
    if (!keySources.get(provider.id)) {
      throw new ConfigurationError(
        provider.id,
        `${provider.name} is not configured: set the ${provider.envVar} environment variable or pass { apiKey } to ${provider.id}()`,
        provider.id,
      );
    }
    let created: unknown;
    try {
      created = provider.createClient(shared as SharedClientOptions, env);
    } catch (error) {
      // Name the provider, so a caller with many (the CLI) can tell which one is misconfigured.
      if (ConfigurationError.isInstance(error) && error.provider === undefined) {
        throw new ConfigurationError(error.option, error.message, provider.id);
      }
      throw error;
    }
    clients.set(provider.id, created);
    return created;
  }
  // Providers given options fail fast on a bad key or option.
  for (const provider of providerList) if (provider.explicit) clientOf(provider);

  const context = (signal: AbortSignal | undefined): CallContext => ({ signal, concurrency });
  const unsupported = (provider: FleetProvider, verb: keyof Capabilities) =>
    new UnsupportedOperationError(provider.id, verb, provider.unsupported?.[verb] ?? "not available");

  // A version's reference must read back as a reference of its own provider: an id missing from the provider's
  // data (an empty part) or unusable in a reference (`..`, `/`, `@`) must not become a reference to something else.
  const unusable = (provider: FleetProvider, version: ModelVersion): UnusableItem | undefined => {
    const ref = typeof version.ref === "string" ? version.ref : String(version.ref);
    try {
      const parsed = references.parseRef(ref);
      if (parsed.provider === provider.id) return undefined;
      return { ref: quoteRefPart(ref), reason: `it names provider ${parsed.provider}` };
    } catch (error) {
      const reason = error instanceof Error ? error.message.replace(/^Invalid [^:]*: /, "").replace(/\. Expected .*$/s, "") : "";
      return { ref: quoteRefPart(ref), reason };
    }
  };
  const checked = <V extends ModelVersion>(provider: FleetProvider, version: V): V => {
    const bad = unusable(provider, version);
    if (bad) throw new UnusableItemError(provider.id, [bad]);
    return version;
  };
  async function* checkedAll<V extends ModelVersion>(provider: FleetProvider, source: AsyncIterable<V>): AsyncGenerator<V> {
    const bad: UnusableItem[] = [];
    for await (const version of source) {
      const why = unusable(provider, version);
      if (why) bad.push(why);
      else yield version;
    }
    if (bad.length) throw new UnusableItemError(provider.id, bad);
  }

  const fleet = {
    ...references,

    async getVersion(ref: string | { provider: string }, callOptions: FleetCallOptions = {}) {
      const parsed = references.parseRef(typeof ref === "string" ? ref : (references.formatRef(ref as never) as string));
      const provider = providerOf(parsed.provider, "ref");
      if (!provider.capabilities.getVersion) throw unsupported(provider, "getVersion");
      return checked(provider, await provider.getVersion(clientOf(provider), parsed, context(callOptions.signal)));
    },

    listVersions(modelRef: string | { provider: string }, callOptions: FleetCallOptions = {}) {
      const parsed = references.parseModelRef(
        typeof modelRef === "string" ? modelRef : (references.formatModelRef(modelRef as never) as string),
      );
      const provider = providerOf(parsed.provider, "modelRef");
      if (!provider.capabilities.listVersions) throw unsupported(provider, "listVersions");
      return checkedAll(provider, provider.listVersions(clientOf(provider), parsed, context(callOptions.signal)));
    },

    listDeployments(listOptions: ListDeploymentsOptions = {}) {
      const statuses = checkStatuses(listOptions.status);
      let chosen: FleetProvider[];
      if (listOptions.providers === undefined) {
        chosen = providerList.filter((p) => keySources.get(p.id) && p.capabilities.listDeployments);
      } else {
        if (!Array.isArray(listOptions.providers))
          throw new InvalidArgumentError("providers", "providers must be an array of provider ids");
        chosen = [...new Set(listOptions.providers)].map((id) => providerOf(id, "providers"));
        for (const provider of chosen) if (!provider.capabilities.listDeployments) throw unsupported(provider, "listDeployments");
      }
      // Resolve every client now, so an unconfigured provider is reported before any request.
      const resolved = new Map(chosen.map((p) => [p.id, { provider: p, client: clientOf(p) }] as const));
      return createListing(
        chosen.map((p) => p.id),
        concurrency,
        async (id, signal) => {
          const { provider, client } = resolved.get(id) as { provider: FleetProvider; client: unknown };
          const versions = [];
          const bad: UnusableItem[] = [];
          for await (const version of provider.listDeployments(client, context(signal))) {
            const why = unusable(provider, version);
            if (why) bad.push(why);
            else if (!statuses || statuses.has(version.status)) versions.push(version);
          }
          return { versions, failure: bad.length ? new UnusableItemError(provider.id, bad) : undefined };
        },
        listOptions.signal,
        listOptions.onProviderSettled,
      );
    },

    async scale(ref: string | { provider: string }, scaleOptions: ScaleOptions) {
      const parsed = references.parseRef(typeof ref === "string" ? ref : (references.formatRef(ref as never) as string));
      const bounds = checkBounds(scaleOptions);
      const provider = providerOf(parsed.provider, "ref");
      if (!provider.capabilities.scale || !provider.scale) throw unsupported(provider, "scale");
      return checked(provider, await provider.scale(clientOf(provider), parsed, bounds, context(scaleOptions.signal)));
    },

    capabilities(id: string) {
      return { ...providerOf(id, "provider").capabilities };
    },

    providers() {
      return providerList.map((p) => {
        const keySource = keySources.get(p.id) ?? null;
        return {
          id: p.id,
          name: p.name,
          envVar: p.envVar,
          configured: keySource !== null,
          keySource,
          capabilities: { ...p.capabilities },
          versionRefForm: p.versionRef.form,
          modelRefForm: p.modelRef.form,
        };
      });
    },

    client(id: string) {
      return clientOf(providerOf(id, "provider"));
    },
  };
  return fleet as unknown as Fleet<P>;
}

/** Checks the provider list: a non-empty array of providers with distinct, well-formed ids and capabilities that match their methods. */
function checkProviders(value: unknown): readonly FleetProvider[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigurationError("providers", "providers must be a non-empty array, one factory call per provider");
  }
  const seen = new Set<string>();
  for (const provider of value as FleetProvider[]) {
    const id = typeof provider === "object" && provider !== null ? provider.id : undefined;
    if (
      typeof id !== "string" ||
      !PROVIDER_ID.test(id) ||
      typeof provider.getVersion !== "function" ||
      typeof provider.capabilities !== "object"
    ) {
      throw new ConfigurationError("providers", `providers holds something that is not a fleet provider (id ${JSON.stringify(id)})`);
    }
    if (seen.has(id)) throw new ConfigurationError("providers", `provider ${id} is given twice`, id);
    seen.add(id);
    if (provider.capabilities.scale && typeof provider.scale !== "function") {
      throw new ConfigurationError("providers", `provider ${id} claims scale but has no scale method`, id);
    }
  }
  return value;
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
