import type { SieveClient, SieveLegacyVersion, SieveVersion } from "@modelfleet/sieve";
import type { ModelVersionOf, Scaling, VersionStatus } from "../model-version.js";
import { count, field, flag, record, text } from "../normalize/fields.js";
import { parseTimestamp } from "../normalize/timestamp.js";
import { offsetPages } from "../paginate.js";
import { mapStatus, type ProviderAdapter } from "./adapter.js";

/** Sieve `build_status` (and the legacy `status`, same words) → {@link VersionStatus}. */
export const SIEVE_STATUS: Readonly<Record<string, VersionStatus>> = {
  queued: "pending",
  building: "building",
  pushing: "building",
  deploying: "deploying",
  ready: "ready",
  error: "failed",
};

const PAGE_SIZE = 100;

/** Where a Sieve version object came from; the object itself names neither owner nor function. */
export interface SieveVersionContext {
  owner: string;
  function: string;
  /** The slug asked for (`latest`, an id prefix), used only when the object has no `id`. */
  requested?: string;
}

/** Normalizes a Sieve version in the current or the legacy shape; never throws, whatever `raw` is. */
export function normalizeSieveVersion(raw: unknown, context: SieveVersionContext): ModelVersionOf<"sieve"> {
  const version = text(field(raw, "id")) ?? context.requested ?? "latest";
  const providerStatus = text(field(raw, "build_status")) ?? text(field(raw, "status"));
  const time = field(raw, "time");
  const times = [
    field(raw, "queued_at"),
    field(raw, "built_at"),
    field(raw, "ready_at"),
    field(time, "queued"),
    field(time, "started"),
    field(time, "completed"),
  ]
    .map(parseTimestamp)
    .filter((d): d is Date => d !== null);
  return {
    ref: `sieve:${context.owner}/${context.function}@${version}`,
    provider: "sieve",
    model: `${context.owner}/${context.function}`,
    version,
    status: mapStatus(SIEVE_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(field(raw, "queued_at")) ?? parseTimestamp(field(time, "queued")),
    updatedAt: times.length ? new Date(Math.max(...times.map((d) => d.getTime()))) : null,
    scaling: sieveScaling(raw),
    replicas: sieveReplicas(field(raw, "current_workers")),
    hardware: sieveHardware(raw),
    raw: raw as SieveVersion | SieveLegacyVersion,
  };
}

function sieveScaling(raw: unknown): Scaling | null {
  const min = count(field(raw, "minimum_replicas")) ?? count(field(raw, "minimum_running_replicas"));
  const max = count(field(raw, "maximum_replicas"));
  return min === null && max === null ? null : { min, max };
}

/** Workers that can take a job now: active plus idle. */
function sieveReplicas(workers: unknown): number | null {
  if (!record(workers)) return count(workers);
  const active = count(field(workers, "active"));
  const idle = count(field(workers, "idle"));
  return active === null && idle === null ? null : (active ?? 0) + (idle ?? 0);
}

function sieveHardware(raw: unknown): string | null {
  const named = text(field(raw, "compute_type")) ?? text(field(raw, "machine_type"));
  if (named) return named;
  const gpu = flag(field(raw, "gpu"));
  return gpu === null ? null : gpu ? "gpu" : "cpu";
}

/** Sieve: versions of functions; scaling edits a version's replica bounds and returns the whole version. */
export const sieveAdapter: ProviderAdapter<"sieve", SieveClient> = {
  provider: "sieve",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true },

  async getVersion(client, ref, { signal }) {
    const raw = await client.getVersion({ owner_name: ref.owner, function_name: ref.function, version_slug: ref.version }, { signal });
    return normalizeSieveVersion(raw, { owner: ref.owner, function: ref.function, requested: ref.version });
  },

  async *listVersions(client, ref, { signal }) {
    const versions = offsetPages(async (offset, limit) => {
      const page = await client.listVersions({ owner_name: ref.owner, function_name: ref.function, offset, limit }, { signal });
      return { items: Array.isArray(page) ? page : [] };
    }, PAGE_SIZE);
    for await (const raw of versions) yield normalizeSieveVersion(raw, { owner: ref.owner, function: ref.function });
  },

  // A function's deployment is its latest version, which the function listing already embeds.
  async *listDeployments(client, { signal }) {
    const functions = offsetPages(async (offset, limit) => {
      const page = await client.listFunctions({ offset, limit }, { signal });
      return { items: Array.isArray(page) ? page : [] };
    }, PAGE_SIZE);
    for await (const fn of functions) {
      const owner = text(field(fn, "owner_name"));
      const name = text(field(fn, "name"));
      const latest = field(fn, "latest_version");
      if (!owner || !name || !record(latest)) continue;
      yield normalizeSieveVersion(latest, { owner, function: name, requested: "latest" });
    }
  },

  async scale(client, ref, bounds, { signal }) {
    const raw = await client.editVersion(
      {
        owner_name: ref.owner,
        function_name: ref.function,
        version_slug: ref.version,
        body: { minimum_replicas: bounds.min, maximum_replicas: bounds.max },
      },
      { signal },
    );
    return normalizeSieveVersion(raw, { owner: ref.owner, function: ref.function, requested: ref.version });
  },
};
