// `modelfleet/all`: the facade with every built-in provider, configured from the environment or per provider.
// The one file of the facade that names providers. Adding a provider: import its factory and add it to BUILT_IN.
import { baseten } from "@modelfleet/baseten/fleet";
import { deepinfra } from "@modelfleet/deepinfra/fleet";
import { huggingface } from "@modelfleet/huggingface/fleet";
import { modzy } from "@modelfleet/modzy/fleet";
import { opper } from "@modelfleet/opper/fleet";
import { opperV2 } from "@modelfleet/opper-v2/fleet";
import { replicate } from "@modelfleet/replicate/fleet";
import { sieve } from "@modelfleet/sieve/fleet";
import { together } from "@modelfleet/together/fleet";
import { noProviderConfigured } from "./env-config.js";
import { createFleet as createFleetOf, type Fleet, type FleetOptions } from "./fleet.js";
import { createReferences, type References } from "./refs.js";
import type { ModelRefOf, ModelVersionOf, ParsedModelRefOf, ParsedRefOf, ProviderIdOf, ScalableOf, VersionRefOf } from "./types.js";

/** Every built-in provider's factory, by id, in the order listings and messages use. */
const BUILT_IN = { sieve, modzy, deepinfra, opper, "opper-v2": opperV2, replicate, huggingface, baseten, together } as const;

/** The built-in provider factories by id. @inline */
type BuiltIn = typeof BUILT_IN;

/** Any built-in provider. */
export type BuiltInProvider = ReturnType<BuiltIn[keyof BuiltIn]>;
/** The id of a built-in provider. */
export type ProviderId = ProviderIdOf<BuiltInProvider>;
/** A version reference on any built-in provider. */
export type VersionRef = VersionRefOf<BuiltInProvider>;
/** A model reference on any built-in provider. */
export type ModelRef = ModelRefOf<BuiltInProvider>;
/** A version reference taken apart. */
export type ParsedRef = ParsedRefOf<BuiltInProvider>;
/** A model reference taken apart. */
export type ParsedModelRef = ParsedModelRefOf<BuiltInProvider>;
/** A normalized version of any built-in provider; narrow it on `provider` to get that provider's `raw` type. */
export type ModelVersion = ModelVersionOf<BuiltInProvider>;
/** The normalized version of one built-in provider, e.g. `BuiltInVersion<"sieve">`, whose `raw` is Sieve's generated type. */
export type BuiltInVersion<Id extends ProviderId> = Extract<ModelVersion, { provider: Id }>;
/** The built-in providers that can scale. */
export type ScalableProvider = ProviderIdOf<ScalableOf<BuiltInProvider>>;
/** A version reference on a built-in provider that can scale; `opper:…` is a compile error. */
export type ScalableVersionRef = VersionRefOf<ScalableOf<BuiltInProvider>>;
/** A fleet of the built-in providers. */
export type BuiltInFleet = Fleet<BuiltInProvider>;

/**
 * Options of {@link createFleet}: per provider, its client options (`{ apiKey, baseUrl, … }`, which set it up at
 * once) or `false` to leave it out; a provider without an entry is configured when its environment variable is set.
 */
export type AllFleetOptions = Omit<FleetOptions, "providers"> & {
  [Id in keyof BuiltIn]?: Parameters<BuiltIn[Id]>[0] | false;
} & {
  /**
   * Whether a fleet with no provider configured is an error (default `true`: `createFleet` throws a
   * `ConfigurationError` naming every key variable). `false` suits a tool that only shows the configuration.
   */
  requireProvider?: boolean;
};

/** The ids of the built-in providers, in a stable order. */
export const PROVIDER_IDS = Object.keys(BUILT_IN) as ProviderId[];

/** Whether `value` is the id of a built-in provider. */
export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === "string" && Object.hasOwn(BUILT_IN, value);
}

/**
 * The built-in providers, each with its entry of `options`. One set to `false` stays in the list (so `providers()`
 * still shows it) but is never configured, whatever the environment holds.
 */
export function builtInProviders(options: AllFleetOptions = {}): BuiltInProvider[] {
  return PROVIDER_IDS.map((id) => {
    const own = options[id];
    // Each factory takes its own options type; the mapped AllFleetOptions pairs them, which a loop cannot show.
    const create = BUILT_IN[id] as (o?: Exclude<typeof own, false>) => BuiltInProvider;
    if (own !== false) return create(own);
    return { ...create(), explicit: false, keySource: () => null };
  });
}

/**
 * A fleet of every built-in provider. Like any fleet, a provider whose options give no `baseUrl` takes it from
 * `<PROVIDER>_BASE_URL` when that is set (`SIEVE_BASE_URL`, `OPPER_V2_BASE_URL`, …): the variables the CLI reads,
 * https or loopback http only.
 *
 * @example
 * const fleet = createFleet(); // keys from SIEVE_API_KEY, MODZY_API_KEY, DEEPINFRA_API_KEY, OPPER_API_KEY, …
 * const version = await fleet.getVersion("deepinfra:fkj843kjh8");
 * @throws ConfigurationError when no provider is configured (unless `requireProvider: false`), for a provider's
 * bad key or option, and for a bad `<PROVIDER>_BASE_URL`, naming the variable.
 */
export function createFleet(options: AllFleetOptions = {}): BuiltInFleet {
  const { requireProvider = true, ...rest } = options;
  const shared = Object.fromEntries(Object.entries(rest).filter(([key]) => !isProviderId(key))) as Omit<FleetOptions, "providers">;
  const fleet = createFleetOf({ ...shared, providers: builtInProviders(rest) });
  if (requireProvider && !fleet.providers().some((p) => p.configured)) throw noProviderConfigured(fleet.providers());
  return fleet;
}

let references: References<BuiltInProvider> | undefined;
/** The reference functions of the built-in providers, made on first use (so importing this entry runs nothing). */
function builtInReferences(): References<BuiltInProvider> {
  references ??= createReferences(PROVIDER_IDS.map((id) => BUILT_IN[id]() as BuiltInProvider));
  return references;
}

/** Parses a version reference of any built-in provider (see `References.parseRef`). */
export const parseRef: References<BuiltInProvider>["parseRef"] = (ref: string) => builtInReferences().parseRef(ref) as never;
/** Builds a version reference of any built-in provider from its parts. */
export const formatRef: References<BuiltInProvider>["formatRef"] = (parsed) => builtInReferences().formatRef(parsed);
/** Parses a model reference of any built-in provider. */
export const parseModelRef: References<BuiltInProvider>["parseModelRef"] = (ref: string) => builtInReferences().parseModelRef(ref) as never;
/** Builds a model reference of any built-in provider from its parts. */
export const formatModelRef: References<BuiltInProvider>["formatModelRef"] = (parsed) => builtInReferences().formatModelRef(parsed);
/** The expected form of each built-in provider's version reference. */
export function versionRefForms(): Readonly<Record<ProviderId, string>> {
  return builtInReferences().versionRefForms;
}
/** The expected form of each built-in provider's model reference. */
export function modelRefForms(): Readonly<Record<ProviderId, string>> {
  return builtInReferences().modelRefForms;
}

export * from "./index.js";
