import { count, mapStatus, parseTimestamp, received, type Scaling, type StatusTable, text } from "@modelfleet/runtime/fleet";
import type { TogetherAutoscaling, TogetherEndpoint, TogetherListedEndpoint } from "../generated/index.js";
import type { TogetherFleetVersion } from "./types.js";

/**
 * Together endpoint `state` → `VersionStatus`. Its docs and CLI say `READY` for what the API sends as `STARTED`;
 * a stopped endpoint is its zero-replica state, and `STOPPING` is on its way there.
 */
export const TOGETHER_STATUS: StatusTable = {
  pending: "pending",
  starting: "deploying",
  started: "ready",
  stopping: "stopped",
  stopped: "stopped",
  error: "failed",
};

/**
 * Normalizes a Together endpoint; never throws, whatever `raw` really is. An endpoint serves one model and has no
 * versions of its own, so its id is both the reference and the version.
 */
export function normalizeTogetherEndpoint(raw: TogetherEndpoint, requested?: string): TogetherFleetVersion {
  const e = received(raw);
  const id = text(e.id) ?? requested ?? "";
  const providerStatus = text(e.state);
  return {
    ref: `together:${id}`,
    provider: "together",
    model: text(e.model) ?? "unknown",
    version: id,
    status: mapStatus(TOGETHER_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(e.created_at),
    // Together reports no update time and no replica count.
    updatedAt: null,
    scaling: togetherScaling(e.autoscaling),
    replicas: null,
    hardware: text(e.hardware),
    raw,
  };
}

/** A listed endpoint's id, when it is one of `model`'s (any model when `model` is undefined). */
export function listedEndpointId(listed: TogetherListedEndpoint, model?: string): string | null {
  const item = received(listed);
  if (model !== undefined && text(item.model) !== model) return null;
  return text(item.id);
}

function togetherScaling(value: TogetherAutoscaling | null | undefined): Scaling | null {
  const autoscaling = received(value);
  const min = count(autoscaling.min_replicas);
  const max = count(autoscaling.max_replicas);
  return min === null && max === null ? null : { min, max };
}
