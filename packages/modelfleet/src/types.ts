import type { FleetProvider, ModelVersionOfTypes, TypesOf, Verb } from "@modelfleet/runtime/fleet";

// Everything provider-specific the facade's types know is read from the providers passed to `createFleet`,
// through the `ProviderTypes` each one carries. `P` is always a union of provider types.

/** The ids of the providers `P`, e.g. `"acme" | "other"`. */
export type ProviderIdOf<P extends FleetProvider> = TypesOf<P>["id"];

/** The version reference types of the providers `P`, e.g. `` `acme:${string}@${string}` ``. */
export type VersionRefOf<P extends FleetProvider> = TypesOf<P>["versionRef"];

/** The model reference types of the providers `P`. */
export type ModelRefOf<P extends FleetProvider> = TypesOf<P>["modelRef"];

/** A normalized version of any of the providers `P`: a union you narrow on `provider` to get that provider's `raw` type. */
export type ModelVersionOf<P extends FleetProvider> = P extends FleetProvider ? ModelVersionOfTypes<TypesOf<P>> : never;

/** A version reference of the providers `P`, taken apart: `{ provider: "acme"; model: string; version: string }` and so on. */
export type ParsedRefOf<P extends FleetProvider> = P extends FleetProvider
  ? Omit<{ provider: TypesOf<P>["id"] } & TypesOf<P>["versionParts"], never>
  : never;

/** A model reference of the providers `P`, taken apart. */
export type ParsedModelRefOf<P extends FleetProvider> = P extends FleetProvider
  ? Omit<{ provider: TypesOf<P>["id"] } & TypesOf<P>["modelParts"], never>
  : never;

/** The provider (among `P`) a reference type names by its prefix; all of `P` when the prefix is not known statically. */
export type ProviderOfRef<P extends FleetProvider, R extends string> = R extends `${infer Id}:${string}`
  ? [Extract<P, { readonly id: Id }>] extends [never]
    ? P
    : Extract<P, { readonly id: Id }>
  : P;

/**
 * The providers among `P` whose capability flag `V` is the literal `true` (a flag left out, or typed `boolean`, is
 * not enough): the facade accepts only their references for verb `V`.
 */
export type CapableOf<P extends FleetProvider, V extends Verb> = P extends FleetProvider
  ? TypesOf<P>["capabilities"][V] extends true
    ? P
    : never
  : never;

/** The providers among `P` that can scale (their `capabilities.scale` is `true`). */
export type ScalableOf<P extends FleetProvider> = CapableOf<P, "scale">;

/** The generated client of provider `Id` among `P`. */
export type ClientOf<P extends FleetProvider, Id extends string> = TypesOf<Extract<P, { readonly id: Id }>>["client"];
