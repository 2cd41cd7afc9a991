import { count, mapStatus, parseTimestamp, type Received, received, type Scaling, type StatusTable, text } from "@modelfleet/runtime/fleet";
import type {
  HuggingFaceCloudProvider,
  HuggingFaceCompute,
  HuggingFaceEndpoint,
  HuggingFaceEndpointUpdate,
  HuggingFaceScaling,
  HuggingFaceScalingUpdate,
} from "../generated/index.js";
import type { HuggingFaceFleetVersion } from "./types.js";

/**
 * Hugging Face endpoint `status.state` → `VersionStatus`, keys lower-cased (as `mapStatus` looks them up).
 * `scaledToZero` is healthy with no replica (the next request wakes it), so it is `ready`; `paused` waits for a
 * resume, so it is `stopped`.
 */
export const HUGGINGFACE_STATUS: StatusTable = {
  pending: "pending",
  initializing: "deploying",
  updating: "deploying",
  updatefailed: "failed",
  running: "ready",
  scaledtozero: "ready",
  paused: "stopped",
  failed: "failed",
};

/** The idle time before scaling to zero, in minutes, that Hugging Face documents as its default (1 hour). */
export const HUGGINGFACE_DEFAULT_SCALE_TO_ZERO_MINUTES = 60;

/**
 * Normalizes a Hugging Face endpoint; never throws, whatever `raw` really is. An endpoint has no id: its
 * namespace comes from the request. Its version is the model revision (a Hub commit) it runs, `latest` when none
 * is pinned.
 */
export function normalizeHuggingFaceEndpoint(raw: HuggingFaceEndpoint, namespace: string, requested?: string): HuggingFaceFleetVersion {
  const e = received(raw);
  const model = received(e.model);
  const status = received(e.status);
  const compute = received(e.compute);
  // A missing name stays empty: the facade reports the reference as unusable instead of inventing one.
  const name = requested ?? text(e.name) ?? "";
  const providerStatus = text(status.state);
  return {
    ref: `huggingface:${namespace}/${name}`,
    provider: "huggingface",
    model: text(model.repository) ?? "",
    version: text(model.revision) ?? "latest",
    status: mapStatus(HUGGINGFACE_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(status.createdAt),
    updatedAt: parseTimestamp(status.updatedAt),
    scaling: huggingFaceScaling(received(compute.scaling)),
    replicas: count(status.readyReplica),
    hardware: huggingFaceHardware(compute, received(e.provider)),
    raw,
  };
}

function huggingFaceScaling(scaling: Received<HuggingFaceScaling>): Scaling | null {
  const min = count(scaling.minReplica);
  const max = count(scaling.maxReplica);
  return min === null && max === null ? null : { min, max };
}

/** `nvidia-l4 x1 (aws/us-east-1)`: instance type and size, then where it runs; parts the endpoint lacks are left out. */
function huggingFaceHardware(compute: Received<HuggingFaceCompute>, provider: Received<HuggingFaceCloudProvider>): string | null {
  const instance = [text(compute.instanceType) ?? text(compute.accelerator), text(compute.instanceSize)].filter(Boolean).join(" ");
  const where = [text(provider.vendor), text(provider.region)].filter(Boolean).join("/");
  if (!instance) return where || null;
  return where ? `${instance} (${where})` : instance;
}

/**
 * The PUT body that sets the replica bounds and keeps the rest of `compute` as the endpoint has it: accelerator,
 * instance type and size, and the other scaling fields (idle timeout, measure). Scaling to zero needs an idle
 * timeout; when the endpoint has none, Hugging Face's documented default is sent.
 */
export function huggingFaceScaleBody(endpoint: HuggingFaceEndpoint | undefined, min: number, max: number): HuggingFaceEndpointUpdate {
  const compute = received(received(endpoint).compute);
  const current = received(compute.scaling);
  const scaling: HuggingFaceScalingUpdate = { minReplica: min, maxReplica: max };
  const timeout = count(current.scaleToZeroTimeout);
  if (timeout !== null && timeout > 0) scaling.scaleToZeroTimeout = timeout;
  else if (min === 0) scaling.scaleToZeroTimeout = HUGGINGFACE_DEFAULT_SCALE_TO_ZERO_MINUTES;
  const measure = received(current.measure);
  if (Object.keys(measure).length > 0) scaling.measure = measure as HuggingFaceScalingUpdate["measure"];
  const body: HuggingFaceEndpointUpdate = { compute: { scaling } };
  for (const key of ["accelerator", "instanceType", "instanceSize"] as const) {
    const value = text(compute[key]);
    if (value !== null && body.compute) body.compute[key] = value;
  }
  return body;
}
