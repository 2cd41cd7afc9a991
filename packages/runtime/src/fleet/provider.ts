import type { ClientOptions } from "../options.js";
import type { Capabilities, Verb } from "./capabilities.js";
import type { ModelVersion } from "./model-version.js";
import type { MicroUsd, RateUnit } from "./money.js";

/**
 * The types one provider brings into a fleet. A provider package declares one such interface next to its
 * adapter; the facade infers reference types, the `ModelVersion` union and which verbs exist from it, so it
 * never names a provider.
 */
export interface ProviderTypes {
  /** The provider's id and reference prefix, as a literal: `"sieve"`. */
  id: string;
  /** The provider's generated client. */
  client: unknown;
  /** A version reference, as a template literal type: `` `sieve:${string}/${string}@${string}` ``. */
  versionRef: string;
  /** A model reference (whose versions can be listed), as a template literal type. */
  modelRef: string;
  /** The parts of a version reference, without `provider`: `{ owner: string; function: string; version: string }`. */
  versionParts: object;
  /** The parts of a model reference, without `provider`. */
  modelParts: object;
  /** The generated type(s) a normalized version's `raw` holds. */
  raw: unknown;
  /** The capability flags as literal types (`scale: false` makes `fleet.scale` refuse the provider's references at compile time). */
  capabilities: Capabilities;
}

/** The normalized version of the provider described by `T`. */
export type ModelVersionOfTypes<T extends ProviderTypes> = ModelVersion<T["id"], T["versionRef"], T["raw"]>;

/**
 * How one kind of reference of a provider is written: what follows `<id>:` taken apart and put back together.
 * The facade splits off the provider, calls these and wraps `bad` reasons into an `InvalidReferenceError`.
 */
export interface RefGrammar<Parts extends object> {
  /** The form shown in errors and docs: `sieve:<owner>/<function>@<version_slug|latest>`. */
  readonly form: string;
  /** Takes apart what follows `<id>:`; calls `bad(why)` (which throws) when it is malformed. Checks every part (see `checkSegment`). */
  parse(rest: string, bad: (why: string) => never): Parts;
  /** Puts parts back together into what follows `<id>:`; the facade parses the result again to validate it. */
  format(parts: Parts): string;
}

/** What every adapter operation gets from the facade. */
export interface CallContext {
  /** Pass it to every client call: aborting the facade call aborts each request. */
  signal?: AbortSignal | undefined;
  /** How many follow-up requests one listing may have in flight (e.g. per-version reads after a listing). */
  concurrency: number;
}

/** Replica bounds for `scale`, already validated by the facade (integers, 0 ≤ min ≤ max). */
export interface ScaleBounds {
  min: number;
  max: number;
}

/**
 * What `promote` and `rollback` receive besides the reference: the version to serve, in the provider's words
 * (what {@link ModelVersion.version} shows for it: a deployment id, a revision id, a semver). Not validated
 * beyond being a non-empty string; the provider checks it with `checkSegment` if its API puts it in a path.
 */
export interface VersionTarget {
  version: string;
}

/**
 * What `price` and `usage` get from the facade: a {@link CallContext} plus a cache that lives for one
 * `fleet.cost()` call and one provider, so a price catalogue is fetched once per call however many deployments
 * need it.
 */
export interface CostContext extends CallContext {
  /**
   * Runs `load` the first time `key` is asked for during this call and returns its promise to every caller,
   * concurrent ones included. A rejected load is shared too (not retried per deployment).
   */
  once<V>(key: string, load: () => Promise<V>): Promise<V>;
}

/** The price of one running replica of a deployment's hardware, from the platform's catalogue. */
export interface UnitPrice {
  /** The hardware priced, in the platform's words (an instance type, a GPU configuration, a SKU). */
  hardware: string;
  /** What one running replica costs per hour, exactly (DeepInfra: `usd_per_hour` × `num_gpus`). */
  perReplicaHour: MicroUsd;
  /** The catalogue value as the platform sent it, for display (Baseten `0.01753` `usd/minute`). */
  listed: { value: number | string; unit: RateUnit };
}

/** A usage window, validated by the facade (`from` < `to`, `to` not in the future beyond a small slack). */
export interface UsageWindow {
  from: Date;
  to: Date;
}

/**
 * What a platform reports for one deployment over a window. A key is present only where the platform reports it
 * for this deployment and window: an absent key is "not reported", never a zero.
 */
export interface Usage {
  /** Money spent, exactly. */
  spend?: MicroUsd;
  /** Requests served (predictions, jobs, inference requests). */
  requests?: number;
}

/** Runtime options the facade passes to every provider's client (the provider's own options override them). */
export type SharedClientOptions = Omit<ClientOptions, "apiKey" | "baseUrl">;

/** Where a provider's API key comes from: the `apiKey` option, its environment variable, or nowhere (not configured). */
export type KeySource = "option" | "env" | null;

/**
 * How the facade reaches a provider's client. Built by {@link connectProvider} from the options the user gave
 * the provider's factory; the key stays inside its closure, so no object the facade returns holds it.
 */
export interface ProviderConnection<Client> {
  /** Display name, e.g. `DeepInfra`. */
  readonly name: string;
  /** The environment variable its key is read from, e.g. `DEEPINFRA_API_KEY`. */
  readonly envVar: string;
  /**
   * Property names the provider's spec marks `x-modelfleet-sensitive` (e.g. DeepInfra's `token`): values the caller
   * gets back as they are, but that a tool printing provider objects should mask. Absent: none.
   */
  readonly sensitiveKeys?: readonly string[];
  /** True when options were given to the factory: the facade then creates the client in `createFleet`, so a missing key or bad option throws there. */
  readonly explicit: boolean;
  /** Where the key would come from, given the environment; `null` means the provider is not configured. */
  keySource(env: Readonly<Record<string, string | undefined>>): KeySource;
  /**
   * Creates the client: `shared` options under the factory's own, the key from `apiKey` or `env[envVar]`.
   * @throws ConfigurationError (with `provider` set) for a missing key or a bad option.
   */
  createClient(shared: SharedClientOptions, env: Readonly<Record<string, string | undefined>>): Client;
}

/**
 * One provider as a fleet sees it: identity, reference grammar, capabilities, how to reach its generated client,
 * and how its operations map onto that client and its objects onto {@link ModelVersion}. A provider package
 * exports a factory returning one from its `./fleet` subpath (`import { sieve } from "@modelfleet/sieve/fleet"`).
 *
 * Operations receive the client from `createClient` and the parsed reference parts; they read provider objects
 * through their generated types (see `received`) and never throw on an odd object: an odd field normalizes to
 * `null`/`unknown`. Client errors (HTTP, network, abort) pass through unchanged.
 *
 * A new facade verb is added as an optional method here plus a flag in {@link Capabilities}: providers without
 * it keep compiling, and the facade finds it by flag, never by provider. The lifecycle verbs (`start`, `stop`,
 * `promote`, `rollback`) follow these rules:
 * - Each returns the version as the reference reads right after the write (read it again when the platform
 *   answers with an id only); it is usually still on its way (`pending`, `deploying`): the facade's `waitFor`
 *   polls `getVersion` until a status is reached, so an operation never waits itself.
 * - Each is idempotent from the caller's view: starting a running deployment, or promoting the version already
 *   served, must not fail because of that (ignore the platform's "already" answer or read first).
 * - The status a version shows decides the fleet file's `state`: `stopped` is stopped; `pending`, `building`,
 *   `deploying` and `ready` are running. A provider with `stop` must normalize its stopped (paused, inactive)
 *   state to `stopped`, or a plan would never see the stop done.
 * - `promote` and `rollback` work on a reference that names what serves (an alias such as `@latest` or
 *   `@production`, a function, an environment): `getVersion` on it returns the version it serves now, whose
 *   `version` field is what a fleet file's `version` is compared with. `promote` makes any version the platform
 *   allows the served one; `rollback` returns to one served before (a platform whose only such operation is a
 *   revert implements `rollback` alone). A plan changes `version` with `promote` when the provider has it,
 *   else with `rollback`, else reports the capability as missing.
 */
export interface FleetProvider<T extends ProviderTypes = ProviderTypes> extends ProviderConnection<T["client"]> {
  /** The id, also the reference prefix: `sieve` in `sieve:acme/whisper@latest`. Lower case letters, digits and `-`. */
  readonly id: T["id"];
  /** Grammar of a version reference (`getVersion`, `scale`). */
  readonly versionRef: RefGrammar<T["versionParts"]>;
  /** Grammar of a model reference (`listVersions`). */
  readonly modelRef: RefGrammar<T["modelParts"]>;
  /** What the provider supports; must agree with the methods present (a `true` flag needs its method). */
  readonly capabilities: T["capabilities"];
  /** Why a verb whose flag is `false` is unsupported, for the facade's `UnsupportedOperationError`. */
  readonly unsupported?: { readonly [V in Verb]?: string };
  /** Reads one version. */
  getVersion(client: T["client"], ref: T["versionParts"], context: CallContext): Promise<ModelVersionOfTypes<T>>;
  /** Every version of a model, across all pages. */
  listVersions(client: T["client"], ref: T["modelParts"], context: CallContext): AsyncIterable<ModelVersionOfTypes<T>>;
  /** The provider's current deployments (what `fleet.listDeployments()` shows for it). */
  listDeployments(client: T["client"], context: CallContext): AsyncIterable<ModelVersionOfTypes<T>>;
  /** Sets a version's replica bounds and returns the version as it is afterwards; present when `capabilities.scale`. */
  scale?(client: T["client"], ref: T["versionParts"], bounds: ScaleBounds, context: CallContext): Promise<ModelVersionOfTypes<T>>;
  /**
   * Brings a stopped deployment back up and returns it as it is afterwards (usually not `ready` yet); present when
   * `capabilities.start`. Starting a running deployment is not an error.
   */
  start?(client: T["client"], ref: T["versionParts"], context: CallContext): Promise<ModelVersionOfTypes<T>>;
  /**
   * Takes a deployment down while keeping it, and returns it as it is afterwards; present when `capabilities.stop`.
   * The version must then (or once the platform is done) normalize to the status `stopped`.
   */
  stop?(client: T["client"], ref: T["versionParts"], context: CallContext): Promise<ModelVersionOfTypes<T>>;
  /**
   * Makes `target.version` the version `ref` serves and returns the version `ref` reads afterwards; present when
   * `capabilities.promote`. `ref` names what serves (see above), not the version being promoted.
   */
  promote?(client: T["client"], ref: T["versionParts"], target: VersionTarget, context: CallContext): Promise<ModelVersionOfTypes<T>>;
  /**
   * Returns `ref` to `target.version`, a version it served before, and returns the version `ref` reads afterwards;
   * present when `capabilities.rollback`.
   */
  rollback?(client: T["client"], ref: T["versionParts"], target: VersionTarget, context: CallContext): Promise<ModelVersionOfTypes<T>>;
  /**
   * The unit price of one running replica of the version's hardware; present when `capabilities.price`. Loads the
   * platform's catalogue through `context.once`, so one facade call fetches it once.
   * @throws PriceNotFoundError when the catalogue lacks the hardware or the version names none.
   * @throws InvalidPriceError when the catalogue's value is of the wrong type, negative or absurd.
   */
  price?(client: T["client"], version: ModelVersionOfTypes<T>, context: CostContext): Promise<UnitPrice>;
  /**
   * Spend and/or requests of the version over `window`, where the platform reports them; present when
   * `capabilities.usage`.
   * @throws UsageWindowError before any request when the platform refuses such a window.
   * @throws InvalidPriceError when a reported amount is of the wrong type, negative or absurd.
   */
  usage?(client: T["client"], version: ModelVersionOfTypes<T>, window: UsageWindow, context: CostContext): Promise<Usage>;
  /**
   * The platform's native idle setting, in words, e.g. "Together's `inactive_timeout` (minutes) stops an endpoint
   * after inactivity": usually a better fix for an idle deployment than scaling it down by hand. Absent: none.
   */
  readonly idleTimeout?: string;
  /** Type-only: carries `T` so the facade can read it back (see `TypesOf`); never set at runtime. */
  readonly "~types"?: T | undefined;
}

/** The {@link ProviderTypes} of a provider (or a union of providers, giving a union). */
export type TypesOf<P extends FleetProvider> = P extends FleetProvider ? NonNullable<P["~types"]> : never;
