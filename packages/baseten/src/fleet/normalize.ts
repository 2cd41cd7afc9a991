import { count, mapStatus, parseTimestamp, received, type Scaling, type StatusTable, text } from "@modelfleet/runtime/fleet";
import type { BasetenAutoscalingSettings, BasetenDeployment } from "../generated/index.js";
import type { BasetenFleetVersion } from "./types.js";

/**
 * Baseten deployment `status` → `VersionStatus`. A deployment scaled to zero is still ready: the next request wakes
 * it (`WAKING_UP`). `INACTIVE` was deactivated and serves nothing until it is activated again.
 */
export const BASETEN_STATUS: StatusTable = {
  building: "building",
  deploying: "deploying",
  loading_model: "deploying",
  updating: "deploying",
  waking_up: "deploying",
  active: "ready",
  scaled_to_zero: "ready",
  unhealthy: "failed",
  build_failed: "failed",
  deploy_failed: "failed",
  failed: "failed",
  build_stopped: "stopped",
  deactivating: "stopped",
  inactive: "stopped",
};

/** The reference parts a caller asked for, used where the deployment itself does not say. */
export interface BasetenRequested {
  modelId?: string | undefined;
  deploymentId?: string | undefined;
}

/**
 * Normalizes a Baseten deployment; never throws, whatever `raw` really is. The reference holds the deployment's own
 * id, so a version read through `production` reads the same deployment again after a later promotion.
 */
export function normalizeBasetenDeployment(raw: BasetenDeployment, requested: BasetenRequested = {}): BasetenFleetVersion {
  const d = received(raw);
  const modelId = text(d.model_id) ?? requested.modelId ?? "";
  const deploymentId = text(d.id) ?? requested.deploymentId ?? "";
  const providerStatus = text(d.status);
  return {
    ref: `baseten:${modelId}@${deploymentId}`,
    provider: "baseten",
    model: modelId,
    version: deploymentId,
    status: mapStatus(BASETEN_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(d.created_at),
    // Baseten reports no update time.
    updatedAt: null,
    scaling: basetenScaling(d.autoscaling_settings),
    replicas: count(d.active_replica_count),
    hardware: text(d.instance_type_name),
    raw,
  };
}

// `autoscaling_settings` is null until the deployment has finished deploying.
function basetenScaling(value: BasetenAutoscalingSettings | null | undefined): Scaling | null {
  const settings = received(value);
  const min = count(settings.min_replica);
  const max = count(settings.max_replica);
  return min === null && max === null ? null : { min, max };
}
