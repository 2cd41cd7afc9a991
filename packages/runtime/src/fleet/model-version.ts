/**
 * Where a version is in its life, the same words for every provider. A provider value the facade does not
 * know maps to `unknown`; the original is always kept in `providerStatus`.
 */
export type VersionStatus = "pending" | "building" | "deploying" | "ready" | "failed" | "stopped" | "deleted" | "unknown";

/** Every {@link VersionStatus}, in lifecycle order. */
export const VERSION_STATUSES: readonly VersionStatus[] = [
  "pending",
  "building",
  "deploying",
  "ready",
  "failed",
  "stopped",
  "deleted",
  "unknown",
];

/** Replica bounds as the provider holds them; either may be `null` when the provider left it out. */
export interface Scaling {
  min: number | null;
  max: number | null;
}

/**
 * One version of a model on one provider, normalized: the same fields whatever the platform. `Id` is the
 * provider's id, `Ref` its version reference type, `Raw` the generated type(s) of the object it was read from.
 */
export interface ModelVersion<Id extends string = string, Ref extends string = string, Raw = unknown> {
  /** The reference that reads this version again with `getVersion`. */
  ref: Ref;
  provider: Id;
  /** The model, in the provider's words (e.g. Sieve `owner/function`, DeepInfra model name). */
  model: string;
  /** The version, in the provider's words (a version id, a semver, a revision id). */
  version: string;
  status: VersionStatus;
  /** The provider's own status value, unchanged; `null` when it sent none. */
  providerStatus: string | null;
  createdAt: Date | null;
  updatedAt: Date | null;
  /** Replica bounds, or `null` for a provider or version without scaling. */
  scaling: Scaling | null;
  /** Replicas running now, when the provider reports it. */
  replicas: number | null;
  /** A short hardware description, e.g. `2x A100-80GB` or `gpu`. */
  hardware: string | null;
  /** The provider's object exactly as received. */
  raw: Raw;
}
