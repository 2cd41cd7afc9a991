import { count, mapStatus, parseTimestamp, received, type Scaling, type StatusTable, text } from "@modelfleet/runtime/fleet";
import type { DeepInfraDeployLlmConfig, DeepInfraDeployment, DeepInfraScaleSettings } from "../generated/index.js";
import type { DeepInfraFleetVersion } from "./types.js";

/** DeepInfra deployment `status` → `VersionStatus`. `deployed` is what the docs' example shows for a running one. */
export const DEEPINFRA_STATUS: StatusTable = {
  initializing: "pending",
  downloading: "building",
  deploying: "deploying",
  running: "ready",
  deployed: "ready",
  stopped: "stopped",
  failed: "failed",
  deleted: "deleted",
};

/** Normalizes a DeepInfra deployment; never throws, whatever `raw` really is. */
export function normalizeDeepInfraDeployment(raw: DeepInfraDeployment, requested?: string): DeepInfraFleetVersion {
  const d = received(raw);
  const deployId = text(d.deploy_id) ?? requested ?? "";
  const providerStatus = text(d.status);
  return {
    ref: `deepinfra:${deployId}`,
    provider: "deepinfra",
    model: text(d.model_name) ?? "unknown",
    version: text(d.version) ?? "unknown",
    status: mapStatus(DEEPINFRA_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(d.created_at),
    updatedAt: parseTimestamp(d.updated_at),
    scaling: deepInfraScaling(d.settings),
    replicas: count(received(d.instances).running),
    hardware: deepInfraHardware(d.config),
    raw,
  };
}

/** The deployment's model name, for filtering a listing by model. */
export function deepInfraModelName(raw: DeepInfraDeployment): string | null {
  return text(received(raw).model_name);
}

function deepInfraScaling(value: DeepInfraScaleSettings | null | undefined): Scaling | null {
  const settings = received(value);
  const min = count(settings.min_instances);
  const max = count(settings.max_instances);
  return min === null && max === null ? null : { min, max };
}

function deepInfraHardware(value: DeepInfraDeployLlmConfig | null | undefined): string | null {
  const config = received(value);
  const gpu = text(config.gpu);
  if (!gpu) return null;
  const n = count(config.num_gpus);
  return n !== null && n > 1 ? `${n}x ${gpu}` : gpu;
}
