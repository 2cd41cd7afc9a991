import {
  count,
  flag,
  mapStatus,
  parseTimestamp,
  type Received,
  received,
  type Scaling,
  type StatusTable,
  text,
} from "@modelfleet/runtime/fleet";
import type { SieveFunctionApp, SieveLegacyVersion, SieveVersion, SieveWorkerCounts } from "../generated/index.js";
import type { SieveFleetVersion } from "./types.js";

type AnyVersion = Received<SieveVersion | SieveLegacyVersion>;

/** Sieve `build_status` (and the legacy `status`, same words) → `VersionStatus`. */
export const SIEVE_STATUS: StatusTable = {
  queued: "pending",
  building: "building",
  pushing: "building",
  deploying: "deploying",
  ready: "ready",
  error: "failed",
};

/** Where a Sieve version object came from; the object itself names neither owner nor function. */
export interface SieveVersionContext {
  owner: string;
  function: string;
  /** The slug asked for (`latest`, an id prefix), used only when the object has no `id`. */
  requested?: string;
}

/** Normalizes a Sieve version in the current or the legacy shape; never throws, whatever `raw` really is. */
export function normalizeSieveVersion(raw: SieveVersion | SieveLegacyVersion, context: SieveVersionContext): SieveFleetVersion {
  const v: AnyVersion = received(raw);
  const time = received(v.time);
  const version = text(v.id) ?? context.requested ?? "";
  const providerStatus = text(v.build_status) ?? text(v.status);
  const times = [v.queued_at, v.built_at, v.ready_at, time.queued, time.started, time.completed]
    .map(parseTimestamp)
    .filter((d): d is Date => d !== null);
  return {
    ref: `sieve:${context.owner}/${context.function}@${version}`,
    provider: "sieve",
    model: `${context.owner}/${context.function}`,
    version,
    status: mapStatus(SIEVE_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(v.queued_at) ?? parseTimestamp(time.queued),
    updatedAt: times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null,
    scaling: sieveScaling(v),
    replicas: sieveReplicas(v.current_workers),
    hardware: sieveHardware(v),
    raw,
  };
}

/** The latest version a listed function embeds, with the names that version lacks; `null` when it has none. */
export function normalizeSieveFunction(entry: SieveFunctionApp): SieveFleetVersion | null {
  const fn = received(entry);
  const owner = text(fn.owner_name);
  const name = text(fn.name);
  const latest = fn.latest_version;
  if (!owner || !name || typeof latest !== "object" || latest === null || Array.isArray(latest)) return null;
  return normalizeSieveVersion(latest, { owner, function: name });
}

function sieveScaling(v: AnyVersion): Scaling | null {
  const min = count(v.minimum_replicas) ?? count(v.minimum_running_replicas);
  const max = count(v.maximum_replicas);
  return min === null && max === null ? null : { min, max };
}

/** Workers that can take a job now: active plus idle. */
function sieveReplicas(workers: SieveWorkerCounts | null | undefined): number | null {
  if (typeof workers !== "object" || workers === null || Array.isArray(workers)) return count(workers);
  const w = received(workers);
  const active = count(w.active);
  const idle = count(w.idle);
  return active === null && idle === null ? null : (active ?? 0) + (idle ?? 0);
}

function sieveHardware(v: AnyVersion): string | null {
  const named = text(v.compute_type) ?? text(v.machine_type);
  if (named) return named;
  const gpu = flag(v.gpu);
  return gpu === null ? null : gpu ? "gpu" : "cpu";
}
