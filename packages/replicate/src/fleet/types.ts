import type { Capabilities, FleetProvider, ModelVersion } from "@modelfleet/runtime/fleet";
import type { ReplicateClient, ReplicateDeployment, ReplicateVersion } from "../generated/index.js";

/**
 * `replicate:<owner>/<deployment>` (a deployment) or `replicate:<owner>/<model>@<version_id>` (a model version).
 * Only a deployment can be scaled.
 */
export type ReplicateVersionRef = `replicate:${string}/${string}`;
/** `replicate:<owner>/<model>`: a model, whose versions can be listed. */
export type ReplicateModelRef = `replicate:${string}/${string}`;

/** A Replicate version reference taken apart: a deployment without `version`, a model version with it. */
export interface ReplicateVersionParts {
  /** The user or organization that owns the deployment or model. */
  owner: string;
  /** The deployment's name, or the model's when `version` is set. */
  name: string;
  /** The model version id (`@<version_id>`); absent for a deployment. */
  version?: string;
}

/** A Replicate model reference taken apart. */
export interface ReplicateModelParts {
  /** The user or organization that owns the model. */
  owner: string;
  /** The model's name. */
  name: string;
}

/** What Replicate brings into a fleet (see `ProviderTypes`). */
export interface ReplicateFleetTypes {
  id: "replicate";
  client: ReplicateClient;
  versionRef: ReplicateVersionRef;
  modelRef: ReplicateModelRef;
  versionParts: ReplicateVersionParts;
  modelParts: ReplicateModelParts;
  /**
   * A deployment (`GET /deployments/{owner}/{name}`, a listed one, or the new release a scale answered with) or a
   * model version (`GET /models/{owner}/{name}/versions/{id}` or a listed one). Tell them apart with `"id" in raw`.
   */
  raw: ReplicateDeployment | ReplicateVersion;
  capabilities: Capabilities & { getVersion: true; listVersions: true; listDeployments: true; scale: true; usage: true };
}

/** A normalized Replicate deployment or model version. */
export type ReplicateFleetVersion = ModelVersion<"replicate", ReplicateVersionRef, ReplicateDeployment | ReplicateVersion>;

/** Replicate as a fleet provider. */
export type ReplicateFleetProvider = FleetProvider<ReplicateFleetTypes>;
