import type { DeepInfraClient, DeepInfraDeployment } from "@modelfleet/deepinfra";
import type { ModelVersionOf, Scaling, VersionStatus } from "../model-version.js";
import { count, field, text } from "../normalize/fields.js";
import { parseTimestamp } from "../normalize/timestamp.js";
import type { ProviderAdapter } from "./adapter.js";
import { mapStatus } from "./adapter.js";

/** DeepInfra deployment `status` → {@link VersionStatus}. `deployed` is what the docs' example shows for a running one. */
export const DEEPINFRA_STATUS: Readonly<Record<string, VersionStatus>> = {
  initializing: "pending",
  downloading: "building",
  deploying: "deploying",
  running: "ready",
  deployed: "ready",
  stopped: "stopped",
  failed: "failed",
  deleted: "deleted",
};

/** Normalizes a DeepInfra deployment; never throws, whatever `raw` is. */
export function normalizeDeepInfraDeployment(raw: unknown, requested?: string): ModelVersionOf<"deepinfra"> {
  const deployId = text(field(raw, "deploy_id")) ?? requested ?? "unknown";
  const providerStatus = text(field(raw, "status"));
  return {
    ref: `deepinfra:${deployId}`,
    provider: "deepinfra",
    model: text(field(raw, "model_name")) ?? "unknown",
    version: text(field(raw, "version")) ?? "unknown",
    status: mapStatus(DEEPINFRA_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(field(raw, "created_at")),
    updatedAt: parseTimestamp(field(raw, "updated_at")),
    scaling: deepInfraScaling(field(raw, "settings")),
    replicas: count(field(field(raw, "instances"), "running")),
    hardware: deepInfraHardware(field(raw, "config")),
    raw: raw as DeepInfraDeployment,
  };
}

function deepInfraScaling(settings: unknown): Scaling | null {
  const min = count(field(settings, "min_instances"));
  const max = count(field(settings, "max_instances"));
  return min === null && max === null ? null : { min, max };
}

function deepInfraHardware(config: unknown): string | null {
  const gpu = text(field(config, "gpu"));
  if (!gpu) return null;
  const n = count(field(config, "num_gpus"));
  return n !== null && n > 1 ? `${n}x ${gpu}` : gpu;
}

/** DeepInfra: custom LLM deployments; a model's versions are its deployments. */
export const deepInfraAdapter: ProviderAdapter<"deepinfra", DeepInfraClient> = {
  provider: "deepinfra",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true },

  async getVersion(client, ref, { signal }) {
    return normalizeDeepInfraDeployment(await client.getDeployment({ deploy_id: ref.deployId }, { signal }), ref.deployId);
  },

  // The API cannot filter by model, and returns every deployment in one array.
  async *listVersions(client, ref, { signal }) {
    const all = await client.listDeployments({}, { signal });
    for (const raw of Array.isArray(all) ? all : []) {
      if (text(field(raw, "model_name")) === ref.modelName) yield normalizeDeepInfraDeployment(raw);
    }
  },

  async *listDeployments(client, { signal }) {
    const all = await client.listDeployments({}, { signal });
    for (const raw of Array.isArray(all) ? all : []) yield normalizeDeepInfraDeployment(raw);
  },

  // The update answers with the id only, so the deployment is read again to return its new state.
  async scale(client, ref, bounds, { signal }) {
    await client.updateDeployment(
      { deploy_id: ref.deployId, body: { settings: { min_instances: bounds.min, max_instances: bounds.max } } },
      { signal },
    );
    return normalizeDeepInfraDeployment(await client.getDeployment({ deploy_id: ref.deployId }, { signal }), ref.deployId);
  },
};
