import { count, parseTimestamp, type Received, received, type Scaling, text } from "@modelfleet/runtime/fleet";
import type { ReplicateDeployment, ReplicateReleaseConfiguration, ReplicateVersion } from "../generated/index.js";
import type { ReplicateFleetVersion } from "./types.js";

/**
 * Normalizes a Replicate deployment; never throws, whatever `raw` really is. Replicate reports no status,
 * readiness or replica count for a deployment, so `status` is `unknown` and `replicas` `null`. Every update of a
 * deployment creates a new release, so the deployment's `version` is the model version its current release runs,
 * and the release's creation time is both `createdAt` and `updatedAt` (Replicate exposes no other time).
 */
export function normalizeReplicateDeployment(raw: ReplicateDeployment, requested?: { owner: string; name: string }): ReplicateFleetVersion {
  const d = received(raw);
  const release = received(d.current_release);
  const configuration = received(release.configuration);
  // A missing id stays empty: the facade reports the reference as unusable instead of inventing one.
  const owner = requested?.owner ?? text(d.owner) ?? "";
  const name = requested?.name ?? text(d.name) ?? "";
  const releasedAt = parseTimestamp(release.created_at);
  return {
    ref: `replicate:${owner}/${name}`,
    provider: "replicate",
    model: text(release.model) ?? "",
    version: text(release.version) ?? "",
    status: "unknown",
    providerStatus: null,
    createdAt: releasedAt,
    updatedAt: releasedAt,
    scaling: replicateScaling(configuration),
    replicas: null,
    hardware: text(configuration.hardware),
    raw,
  };
}

/**
 * Normalizes a Replicate model version; never throws. A version is immutable and has no status of its own, and
 * it does not name its model: `model` comes from the request.
 */
export function normalizeReplicateVersion(
  raw: ReplicateVersion,
  model: { owner: string; name: string },
  requested?: string,
): ReplicateFleetVersion {
  const v = received(raw);
  const id = requested ?? text(v.id) ?? "";
  return {
    ref: `replicate:${model.owner}/${model.name}@${id}`,
    provider: "replicate",
    model: `${model.owner}/${model.name}`,
    version: id,
    status: "unknown",
    providerStatus: null,
    createdAt: parseTimestamp(v.created_at),
    updatedAt: null,
    scaling: null,
    replicas: null,
    hardware: null,
    raw,
  };
}

function replicateScaling(configuration: Received<ReplicateReleaseConfiguration>): Scaling | null {
  const min = count(configuration.min_instances);
  const max = count(configuration.max_instances);
  return min === null && max === null ? null : { min, max };
}
