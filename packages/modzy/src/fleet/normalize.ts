import { count, mapStatus, parseTimestamp, received, type Scaling, type StatusTable, text } from "@modelfleet/runtime/fleet";
import type { ModzyModelVersion, ModzyProcessing, ModzyRequirement } from "../generated/index.js";
import type { ModzyFleetVersion } from "./types.js";

/** Modzy version `status` → `VersionStatus`. */
export const MODZY_STATUS: StatusTable = {
  partial: "building",
  active: "ready",
  inactive: "stopped",
  canceled: "failed",
  rejected: "failed",
  deleted: "deleted",
};

/** Where a Modzy version object came from, for the fields it may leave out. */
export interface ModzyVersionContext {
  modelId: string;
  requested?: string;
}

/** Normalizes a Modzy model version; never throws, whatever `raw` really is. */
export function normalizeModzyVersion(raw: ModzyModelVersion, context: ModzyVersionContext): ModzyFleetVersion {
  const v = received(raw);
  const modelId = context.modelId || (text(received(v.model).modelId) ?? "");
  const version = text(v.version) ?? context.requested ?? "";
  const providerStatus = text(v.status);
  return {
    ref: `modzy:${modelId}@${version}`,
    provider: "modzy",
    model: modelId,
    version,
    status: mapStatus(MODZY_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(v.createdAt),
    updatedAt: parseTimestamp(v.updatedAt),
    scaling: modzyScaling(v.processing),
    // Running engines are reported by Modzy's resources API, which the spec does not cover.
    replicas: null,
    hardware: modzyHardware(v.requirement),
    raw,
  };
}

function modzyScaling(value: ModzyProcessing | null | undefined): Scaling | null {
  const processing = received(value);
  const min = count(processing.minimumParallelCapacity);
  const max = count(processing.maximumParallelCapacity);
  return min === null && max === null ? null : { min, max };
}

function modzyHardware(value: ModzyRequirement | null | undefined): string | null {
  const requirement = received(value);
  const name = text(requirement.name);
  if (name) return name;
  const gpus = count(requirement.gpuUnits);
  const cpu = text(requirement.cpuAmount);
  const parts = [gpus ? `${gpus} GPU` : null, cpu && `${cpu} CPU`, text(requirement.memoryAmount)].filter(
    (part): part is string => typeof part === "string" && part !== "",
  );
  return parts.length ? parts.join(", ") : null;
}
