import { ConfigurationError, describeValue, InvalidArgumentError } from "@modelfleet/runtime";
import {
  abortableSleep,
  type CallContext,
  type Capabilities,
  COST_VERBS,
  type FleetProvider,
  type KeySource,
  LIFECYCLE_VERBS,
  type ModelVersion,
  quoteRefPart,
  type ScaleBounds,
  type SharedClientOptions,
  VERBS,
  VERSION_STATUSES,
  type Verb,
  type VersionStatus,
  type WriteRequest,
} from "@modelfleet/runtime/fleet";
import { compilePriceTable } from "./cost/price-table.js";
import { type CostEntry, runCost } from "./cost/run.js";
import type { CostOptions, CostReport } from "./cost/types.js";
import { parseCostWindow } from "./cost/window.js";
import type { FleetAccess } from "./desired-state/access.js";
import { applyPlan } from "./desired-state/apply.js";
import { planFleet } from "./desired-state/plan.js";
import type { ApplyOptions, ApplyResult, DesiredState, FleetPlan, PlanOptions } from "./desired-state/types.js";
import { baseUrlEnvVar, baseUrlFromEnv, processEnv } from "./env-config.js";
import { type ProviderFailure, UnsupportedOperationError, type UnusableItem, UnusableItemError } from "./errors.js";
import { createListing, type DeploymentListing, type ProviderSettled } from "./listing.js";
import { createReferences, type References } from "./refs.js";
import type {
  CapableOf,
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
import { type WaitForOptions, waitForStatus } from "./wait-for.js";

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
  /**
   * How many follow-up reads one provider may have in flight (e.g. reading each item a listing named). Default 4.
   * `listDeployments` asks every provider at once, each within this bound.
   */
  concurrency?: number;
  /**
   * Where provider keys (each provider's variable) and base URLs (`<PROVIDER>_BASE_URL`, used when the provider's own
   * options give no `baseUrl`; https, or http on loopback only) are looked up; defaults to `process.env`.
   */
  env?: Record<string, string | undefined>;
  /** The clock `waitFor` measures its timeout on, in ms; defaults to `Date.now`. `sleep` is its pause between reads. */
  now?: () => number;
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

/** The version a reference should serve, for {@link Fleet.promote} and {@link Fleet.rollback}. */
export interface VersionChangeOptions extends FleetCallOptions {
  /** The version in the provider's words, as `ModelVersion.version` shows it (a deployment id, a revision id, a semver). */
  version: string;
}

/** Every capability flag of a provider, each `true` or `false` (a flag the provider leaves out is `false`). */
export type FleetCapabilities = { readonly [V in Verb]-?: boolean };

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
  capabilities: FleetCapabilities;
  /** Why each capability the provider lacks is missing, e.g. `{ scale: "… have no replicas to scale" }`. */
  unsupported: { readonly [V in Verb]?: string };
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
  /**
   * Brings a stopped deployment back up and returns it as it is afterwards, usually still on its way up (see
   * {@link Fleet.waitFor}). Only references of providers that can start type-check.
   * @throws UnsupportedOperationError for a provider without it (see {@link Fleet.capabilities}), before any request.
   */
  start<R extends VersionRefOf<CapableOf<P, "start">>>(ref: R, options?: FleetCallOptions): Promise<ModelVersionOf<ProviderOfRef<P, R>>>;
  start(ref: ParsedRefOf<CapableOf<P, "start">>, options?: FleetCallOptions): Promise<ModelVersionOf<CapableOf<P, "start">>>;
  /**
   * Takes a deployment down while keeping it, to start it again later, and returns it as it is afterwards. Only
   * references of providers that can stop type-check.
   * @throws UnsupportedOperationError for a provider without it, before any request.
   */
  stop<R extends VersionRefOf<CapableOf<P, "stop">>>(ref: R, options?: FleetCallOptions): Promise<ModelVersionOf<ProviderOfRef<P, R>>>;
  stop(ref: ParsedRefOf<CapableOf<P, "stop">>, options?: FleetCallOptions): Promise<ModelVersionOf<CapableOf<P, "stop">>>;
  /**
   * Makes `version` the one the reference serves (the reference names what serves: an alias, an environment, a
   * function) and returns what the reference reads afterwards. Only references of providers that can promote
   * type-check.
   * @throws InvalidArgumentError before any request when `version` is not a non-empty string.
   * @throws UnsupportedOperationError for a provider without it, before any request.
   */
  promote<R extends VersionRefOf<CapableOf<P, "promote">>>(
    ref: R,
    options: VersionChangeOptions,
  ): Promise<ModelVersionOf<ProviderOfRef<P, R>>>;
  promote(ref: ParsedRefOf<CapableOf<P, "promote">>, options: VersionChangeOptions): Promise<ModelVersionOf<CapableOf<P, "promote">>>;
  /**
   * Returns the reference to `version`, one it served before, and returns what it reads afterwards. Only
   * references of providers that can roll back type-check.
   * @throws InvalidArgumentError before any request when `version` is not a non-empty string.
   * @throws UnsupportedOperationError for a provider without it, before any request.
   */
  rollback<R extends VersionRefOf<CapableOf<P, "rollback">>>(
    ref: R,
    options: VersionChangeOptions,
  ): Promise<ModelVersionOf<ProviderOfRef<P, R>>>;
  rollback(ref: ParsedRefOf<CapableOf<P, "rollback">>, options: VersionChangeOptions): Promise<ModelVersionOf<CapableOf<P, "rollback">>>;
  /**
   * Reads the version until its normalized status is `status` (or one of them), pausing with exponential backoff
   * between reads, and returns it.
   * @throws InvalidArgumentError before any request for an unknown status or a bad `timeoutMs`.
   * @throws WaitForStatusError when the version reaches `failed` or `deleted` instead, or `timeoutMs` passes.
   */
  waitFor<R extends VersionRefOf<P>>(
    ref: R,
    status: VersionStatus | readonly VersionStatus[],
    options: WaitForOptions,
  ): Promise<ModelVersionOf<ProviderOfRef<P, R>>>;
  waitFor(
    ref: string | ParsedRefOf<P>,
    status: VersionStatus | readonly VersionStatus[],
    options: WaitForOptions,
  ): Promise<ModelVersionOf<P>>;
  /**
   * What the deployments cost: per deployment its rate per hour now (unit price × running replicas), spend and
   * requests over the window where the platform reports them, and whether it is idle; each figure with its source,
   * or `unknown` with why (never a guessed number), and totals that leave unknowns out and say how many. Each
   * provider's price catalogue is loaded once per call; a provider that fails is in `failures`, as for listings.
   * @throws InvalidArgumentError before any request for a bad window, price table or provider list.
   */
  cost(options: CostOptions<ProviderIdOf<P>>): Promise<CostReport>;
  /**
   * Compares a desired state (a parsed fleet file, see `modelfleet/fleet-file`) with the deployments it names,
   * read concurrently: per reference, the changes, a no-op, or why it cannot be done. Only reads.
   * @throws InvalidArgumentError before any request when the desired state does not check out.
   */
  plan(desired: DesiredState, options?: PlanOptions): Promise<FleetPlan>;
  /**
   * Executes a plan and reports per reference (see {@link ApplyResult}). Re-reads each reference before changing
   * it: already as desired is a no-op, moved since the plan is a conflict. Resolves even when references fail or
   * the signal aborts.
   */
  apply(plan: FleetPlan, options?: ApplyOptions): Promise<ApplyResult>;
  /**
   * Throws what a write would throw before sending anything (an `InvalidReferenceError`, an
   * `UnsupportedOperationError` for a provider without the verb, an `InvalidArgumentError` for bad arguments or for
   * what the provider refuses for this reference and these values) and sends nothing. For a tool that reads before
   * it writes, so that it never reads for a write that cannot be made; `plan` and `desiredStateOf` ask the same.
   */
  checkWrite(ref: string | ParsedRefOf<P>, request: WriteRequest): void;
  /** What the fleet can do with a provider, known before any request: every flag, `false` where the provider has none. */
  capabilities(provider: ProviderIdOf<P>): FleetCapabilities;
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
  const env = options.env ?? processEnv();
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
    if (!provider) throw new InvalidArgumentError(argument, `Unknown provider ${describeValue(id)}. Known providers: ${ids.join(", ")}`);
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
    // `<PROVIDER>_BASE_URL` as the CLI reads it; a provider's own `baseUrl` option still wins (it is spread last).
    const envBaseUrl = baseUrlFromEnv(provider.id, env);
    try {
      created = provider.createClient((envBaseUrl ? { ...shared, baseUrl: envBaseUrl } : shared) as SharedClientOptions, env);
    } catch (error) {
      // Name the provider, so a caller with many (the CLI) can tell which one is misconfigured, and the variable
      // when the base URL may have come from it.
      if (ConfigurationError.isInstance(error) && error.provider === undefined) {
        const where = envBaseUrl && error.option === "baseUrl" ? `${baseUrlEnvVar(provider.id)} (or the baseUrl option): ` : "";
        throw new ConfigurationError(error.option, `${where}${error.message}`, provider.id);
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
  const parseVersionRef = (ref: string | { provider: string }) =>
    references.parseRef(typeof ref === "string" ? ref : (references.formatRef(ref as never) as string));
  const timers = { sleep: options.sleep ?? abortableSleep, now: options.now ?? Date.now };
  if (typeof timers.now !== "function") throw new ConfigurationError("now", "now must be a function returning milliseconds");

  /**
   * Everything a write is checked for before any request: the reference, the provider's flag and method, the
   * arguments, and what the provider refuses for this reference and these values (`refuses`). Returns the provider
   * and the parsed reference to write to.
   */
  function checkedWrite(ref: string | { provider: string }, request: WriteRequest) {
    const parsed = parseVersionRef(ref);
    const checked: WriteRequest =
      request.verb === "scale"
        ? { verb: "scale", bounds: checkBounds(request.bounds) }
        : request.verb === "promote" || request.verb === "rollback"
          ? { verb: request.verb, version: checkVersion(request) }
          : request;
    const provider = providerOf(parsed.provider, "ref");
    if (!provider.capabilities[checked.verb] || !provider[checked.verb]) throw unsupported(provider, checked.verb);
    const refusal = provider.refuses?.(parsed, checked);
    if (refusal) throw new InvalidArgumentError(refusal.argument, refusal.message);
    return { provider, parsed, request: checked };
  }

  /** One lifecycle verb: checked before any request. */
  async function lifecycle(verb: "start" | "stop", ref: string | { provider: string }, callOptions: FleetCallOptions = {}) {
    const { provider, parsed } = checkedWrite(ref, { verb });
    return (provider[verb] as NonNullable<FleetProvider[typeof verb]>)(clientOf(provider), parsed, context(callOptions?.signal));
  }

  async function versionChange(verb: "promote" | "rollback", ref: string | { provider: string }, changeOptions: VersionChangeOptions) {
    const { provider, parsed, request } = checkedWrite(ref, { verb, version: changeOptions?.version as string });
    const target = { version: (request as { version: string }).version };
    return (provider[verb] as NonNullable<FleetProvider[typeof verb]>)(clientOf(provider), parsed, target, context(changeOptions.signal));
  }

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
        async (id, signal) => {
          const { provider, client } = resolved.get(id) as { provider: FleetProvider; client: unknown };
          const versions = [];
          const bad: UnusableItem[] = [];
          // One item's failed read is reported for that item; the provider's other items stand.
          const itemFailures: ProviderFailure[] = [];
          const itemFailed = (item: string, error: unknown) => {
            itemFailures.push({ provider: provider.id, item, error });
          };
          let received = 0;
          let stopped: ProviderFailure | undefined;
          try {
            for await (const version of provider.listDeployments(client, { ...context(signal), itemFailed })) {
              received++;
              const why = unusable(provider, version);
              if (why) bad.push(why);
              else if (!statuses || statuses.has(version.status)) versions.push(version);
            }
          } catch (error) {
            // A failure before anything arrived (or an abort) is the provider's failure; after some pages, those
            // pages stand and the failure is reported beside them.
            if (received === 0 || signal.aborted) throw error;
            stopped = { provider: provider.id, error };
          }
          const failures = bad.length ? [{ provider: provider.id, error: new UnusableItemError(provider.id, bad) }] : [];
          return { versions, failures: [...failures, ...itemFailures, ...(stopped ? [stopped] : [])] };
        },
        listOptions.signal,
        listOptions.onProviderSettled,
      );
    },

    async scale(ref: string | { provider: string }, scaleOptions: ScaleOptions) {
      const bounds = checkBounds(scaleOptions);
      const { provider, parsed } = checkedWrite(ref, { verb: "scale", bounds });
      const run = provider.scale as NonNullable<FleetProvider["scale"]>;
      return checked(provider, await run(clientOf(provider), parsed, bounds, context(scaleOptions.signal)));
    },

    checkWrite(ref: string | { provider: string }, request: WriteRequest) {
      if (typeof request !== "object" || request === null || !WRITE_VERBS.includes(request.verb)) {
        throw new InvalidArgumentError("request", `request must be { verb } with verb one of ${WRITE_VERBS.join(", ")}`);
      }
      checkedWrite(ref, request);
    },

    start: (ref: string | { provider: string }, callOptions?: FleetCallOptions) => lifecycle("start", ref, callOptions),
    stop: (ref: string | { provider: string }, callOptions?: FleetCallOptions) => lifecycle("stop", ref, callOptions),
    promote: (ref: string | { provider: string }, changeOptions: VersionChangeOptions) => versionChange("promote", ref, changeOptions),
    rollback: (ref: string | { provider: string }, changeOptions: VersionChangeOptions) => versionChange("rollback", ref, changeOptions),

    async waitFor(ref: string | { provider: string }, status: VersionStatus | readonly VersionStatus[], waitOptions: WaitForOptions) {
      const parsed = parseVersionRef(ref);
      const expected = checkStatuses(status);
      if (!expected || expected.size === 0) throw new InvalidArgumentError("status", "waitFor needs the status to wait for");
      const { timeoutMs } = waitOptions ?? {};
      if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs < 0) {
        throw new InvalidArgumentError(
          "timeoutMs",
          `timeoutMs must be a non-negative number of milliseconds, got ${describeValue(timeoutMs)}`,
        );
      }
      const formatted = references.formatRef(parsed as never) as string;
      return waitForStatus(
        (signal) => fleet.getVersion(parsed, { signal }) as Promise<ModelVersion>,
        formatted,
        [...expected],
        waitOptions,
        timers,
      );
    },

    cost(costOptions: CostOptions) {
      if (typeof costOptions !== "object" || costOptions === null) throw new InvalidArgumentError("options", "cost needs { window }");
      const window = parseCostWindow(costOptions.window, timers.now());
      const table = compilePriceTable(costOptions.prices ?? {}, ids);
      const given = costOptions.versions === undefined ? undefined : groupByProvider(costOptions.versions);
      let chosen: FleetProvider[];
      if (given) {
        chosen = [...given.keys()].map((id) => providerOf(id, "versions"));
      } else if (costOptions.providers === undefined) {
        chosen = providerList.filter((p) => keySources.get(p.id) && p.capabilities.listDeployments);
      } else {
        if (!Array.isArray(costOptions.providers))
          throw new InvalidArgumentError("providers", "providers must be an array of provider ids");
        chosen = [...new Set(costOptions.providers)].map((id) => providerOf(id, "providers"));
        for (const provider of chosen) if (!provider.capabilities.listDeployments) throw unsupported(provider, "listDeployments");
      }
      // A provider without a key is one failure of the report, as a provider failing to answer is.
      const entries = chosen.map((provider): CostEntry => {
        try {
          return { provider, client: clientOf(provider), ...(given ? { versions: given.get(provider.id) } : {}) };
        } catch (error) {
          return { provider, error };
        }
      });
      return runCost({
        entries,
        concurrency,
        window,
        table,
        usage: costOptions.usage !== false,
        signal: costOptions.signal,
        unusable,
        onProviderSettled: costOptions.onProviderSettled,
      });
    },

    plan(desired: DesiredState, planOptions?: PlanOptions) {
      return planFleet(fleet as unknown as FleetAccess, desired, planOptions);
    },

    apply(plan: FleetPlan, applyOptions?: ApplyOptions) {
      return applyPlan(fleet as unknown as FleetAccess, plan, applyOptions);
    },

    capabilities(id: string) {
      return capabilitiesOf(providerOf(id, "provider"));
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
          capabilities: capabilitiesOf(p),
          unsupported: unsupportedReasons(p),
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
      throw new ConfigurationError("providers", `providers holds something that is not a fleet provider (id ${describeValue(id)})`);
    }
    if (seen.has(id)) throw new ConfigurationError("providers", `provider ${id} is given twice`, id);
    seen.add(id);
    for (const verb of ["scale", ...LIFECYCLE_VERBS, ...COST_VERBS] as const) {
      if (provider.capabilities[verb] && typeof provider[verb] !== "function") {
        throw new ConfigurationError("providers", `provider ${id} claims ${verb} but has no ${verb} method`, id);
      }
    }
  }
  return value;
}

/** Versions by provider id, in the order first seen. */
function groupByProvider(versions: readonly ModelVersion[]): Map<string, ModelVersion[]> {
  if (!Array.isArray(versions)) throw new InvalidArgumentError("versions", "versions must be an array of listed versions");
  const groups = new Map<string, ModelVersion[]>();
  for (const version of versions) {
    const provider = typeof version === "object" && version !== null ? version.provider : undefined;
    if (typeof provider !== "string") throw new InvalidArgumentError("versions", "versions must hold versions as the fleet lists them");
    const group = groups.get(provider);
    if (group) group.push(version);
    else groups.set(provider, [version]);
  }
  return groups;
}

function checkStatuses(status: ListDeploymentsOptions["status"]): Set<VersionStatus> | undefined {
  if (status === undefined) return undefined;
  const list = typeof status === "string" ? [status] : status;
  if (!Array.isArray(list)) throw new InvalidArgumentError("status", "status must be a status or an array of statuses");
  for (const s of list) {
    if (!VERSION_STATUSES.includes(s)) {
      throw new InvalidArgumentError("status", `Unknown status ${describeValue(s)}. Known statuses: ${VERSION_STATUSES.join(", ")}`);
    }
  }
  return new Set(list);
}

/** The verbs that change a deployment, which {@link Fleet.checkWrite} takes. */
const WRITE_VERBS: readonly string[] = ["scale", "start", "stop", "promote", "rollback"] satisfies WriteRequest["verb"][];

function checkBounds(options: ScaleBounds | ScaleOptions | undefined): ScaleBounds {
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError("options", "scale needs { min, max }");
  }
  const { min, max } = options;
  for (const [name, value] of [
    ["min", min],
    ["max", max],
  ] as const) {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      throw new InvalidArgumentError(name, `${name} must be a non-negative integer, got ${describeValue(value)}`);
    }
  }
  if (min > max) throw new InvalidArgumentError("min", `min (${min}) must not exceed max (${max})`);
  return { min, max };
}

function checkVersion(options: { version?: unknown } | undefined): string {
  const version = typeof options === "object" && options !== null ? options.version : undefined;
  if (typeof version !== "string" || version.trim() === "") {
    throw new InvalidArgumentError("version", `version must be a non-empty string (the version to serve), got ${describeValue(version)}`);
  }
  return version;
}

/** Every flag, `false` where the provider leaves it out. */
function capabilitiesOf(provider: FleetProvider): FleetCapabilities {
  return Object.fromEntries(VERBS.map((verb) => [verb, provider.capabilities[verb] === true])) as FleetCapabilities;
}

/** Why each verb the provider lacks is missing, in its own words where it gave them. */
function unsupportedReasons(provider: FleetProvider): { [V in Verb]?: string } {
  const reasons: { [V in Verb]?: string } = {};
  for (const verb of VERBS) if (provider.capabilities[verb] !== true) reasons[verb] = provider.unsupported?.[verb] ?? "not available";
  return reasons;
}
