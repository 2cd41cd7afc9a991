import type { DeepInfraDeployment } from "@modelfleet/deepinfra";
import type { ModzyModelVersion } from "@modelfleet/modzy";
import type { OpperFunction, OpperFunctionListItem, OpperRevision } from "@modelfleet/opper";
import type { SieveLegacyVersion, SieveVersion } from "@modelfleet/sieve";
import type { ProviderId } from "./providers.js";
import type { VersionRefOf } from "./refs.js";

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

/** The provider's own object behind a {@link ModelVersion}, by provider. */
export interface RawVersionByProvider {
  /** `GET …/versions/{slug}` (current or legacy shape), or the `latest_version` of a listed function. */
  sieve: SieveVersion | SieveLegacyVersion;
  /** `GET /models/{modelId}/versions/{version}`. */
  modzy: ModzyModelVersion;
  /** `GET /deploy/{deploy_id}` or an item of `GET /deploy/list`. */
  deepinfra: DeepInfraDeployment;
  /** A function with its revision (`getVersion`), a listed function (`listDeployments`) or a listed revision (`listVersions`). */
  opper: OpperFunction | OpperFunctionListItem | OpperRevision;
}

/** A normalized version of one provider; `raw` is that provider's generated type. */
export interface ModelVersionOf<P extends ProviderId> {
  /** The reference that reads this version again with `getVersion`. */
  ref: VersionRefOf<P>;
  provider: P;
  /** The model: Sieve `owner/function`, Modzy model id, DeepInfra model name, Opper function name (or id when the name is unknown). */
  model: string;
  /** The version: Sieve version id, Modzy semver, DeepInfra version hash, Opper revision id. */
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
  raw: RawVersionByProvider[P];
}

/** A normalized version of any provider; narrow it on `provider` to get that provider's `raw` type. */
export type ModelVersion = { [P in ProviderId]: ModelVersionOf<P> }[ProviderId];

/** {@link ModelVersionOf} spread over a union of providers: `ModelVersionFor<"sieve" | "opper">` is a union of two. */
export type ModelVersionFor<P extends ProviderId> = P extends ProviderId ? ModelVersionOf<P> : never;
