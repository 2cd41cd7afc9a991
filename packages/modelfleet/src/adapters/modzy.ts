import { type ModzyClient, type ModzyModelVersion, PermissionDeniedError } from "@modelfleet/modzy";
import { mapBounded } from "../concurrency.js";
import type { ModelVersionOf, Scaling, VersionStatus } from "../model-version.js";
import { count, field, text } from "../normalize/fields.js";
import { parseTimestamp } from "../normalize/timestamp.js";
import { hasNextLink } from "../paginate.js";
import { type CallContext, mapStatus, type ProviderAdapter } from "./adapter.js";

/** Modzy version `status` → {@link VersionStatus}. */
export const MODZY_STATUS: Readonly<Record<string, VersionStatus>> = {
  partial: "building",
  active: "ready",
  inactive: "stopped",
  canceled: "failed",
  rejected: "failed",
  deleted: "deleted",
};

const PER_PAGE = 100;
const MAX_PAGES = 10_000;

/** Where a Modzy version object came from, for the fields it may leave out. */
export interface ModzyVersionContext {
  modelId: string;
  requested?: string;
}

/** Normalizes a Modzy model version; never throws, whatever `raw` is. */
export function normalizeModzyVersion(raw: unknown, context: ModzyVersionContext): ModelVersionOf<"modzy"> {
  const modelId = context.modelId || (text(field(field(raw, "model"), "modelId")) ?? "unknown");
  const version = text(field(raw, "version")) ?? context.requested ?? "unknown";
  const providerStatus = text(field(raw, "status"));
  return {
    ref: `modzy:${modelId}@${version}`,
    provider: "modzy",
    model: modelId,
    version,
    status: mapStatus(MODZY_STATUS, providerStatus),
    providerStatus,
    createdAt: parseTimestamp(field(raw, "createdAt")),
    updatedAt: parseTimestamp(field(raw, "updatedAt")),
    scaling: modzyScaling(field(raw, "processing")),
    // Running engines are reported by Modzy's resources API, which the spec does not cover.
    replicas: null,
    hardware: modzyHardware(field(raw, "requirement")),
    raw: raw as ModzyModelVersion,
  };
}

function modzyScaling(processing: unknown): Scaling | null {
  const min = count(field(processing, "minimumParallelCapacity"));
  const max = count(field(processing, "maximumParallelCapacity"));
  return min === null && max === null ? null : { min, max };
}

function modzyHardware(requirement: unknown): string | null {
  const name = text(field(requirement, "name"));
  if (name) return name;
  const gpus = count(field(requirement, "gpuUnits"));
  const parts = [
    gpus ? `${gpus} GPU` : null,
    text(field(requirement, "cpuAmount")) && `${text(field(requirement, "cpuAmount"))} CPU`,
    text(field(requirement, "memoryAmount")),
  ].filter((part): part is string => typeof part === "string" && part !== "");
  return parts.length ? parts.join(", ") : null;
}

/**
 * Walks a Modzy listing. A next page exists when the `Link` header has `rel="next"` and the page is full:
 * Modzy's own SDK does not trust the header alone.
 */
async function* modzyPages<T>(fetchPage: (page: number, onResponse: (r: Response) => void) => Promise<unknown>): AsyncGenerator<T[]> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    let link: string | null = null;
    const body = await fetchPage(page, (response) => {
      link = response.headers.get("link");
    });
    const items = Array.isArray(body) ? (body as T[]) : [];
    yield items;
    if (items.length < PER_PAGE || !hasNextLink(link)) return;
  }
}

/** A version to read: a model id and a version number, as a listing names them (either may be missing). */
interface VersionKey {
  modelId: string | null;
  version: string | null;
}

/** Reads each named version in full (bounded concurrency, listing order), skipping entries without both parts. */
async function readVersions(client: ModzyClient, keys: VersionKey[], context: CallContext) {
  const complete = keys.filter((key): key is { modelId: string; version: string } => key.modelId !== null && key.version !== null);
  return mapBounded(complete, context.concurrency, async ({ modelId, version }) =>
    normalizeModzyVersion(await client.getVersion({ modelId, version }, { signal: context.signal }), { modelId, requested: version }),
  );
}

/** Modzy: model versions; scaling sets the processing engine limits. */
export const modzyAdapter: ProviderAdapter<"modzy", ModzyClient> = {
  provider: "modzy",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true },

  async getVersion(client, ref, { signal }) {
    const raw = await client.getVersion({ modelId: ref.modelId, version: ref.version }, { signal });
    return normalizeModzyVersion(raw, { modelId: ref.modelId, requested: ref.version });
  },

  // The listing holds only version numbers, so each version is read in full (bounded concurrency, listing order).
  async *listVersions(client, ref, context) {
    const pages = modzyPages<unknown>((page, onResponse) =>
      client.listVersions({ modelId: ref.modelId, page, "per-page": PER_PAGE }, { signal: context.signal, onResponse }),
    );
    for await (const page of pages) {
      yield* await readVersions(
        client,
        page.map((entry) => ({ modelId: ref.modelId, version: text(field(entry, "version")) })),
        context,
      );
    }
  },

  // A deployment is the latest version of each active model in the account's library.
  async *listDeployments(client, context) {
    const pages = modzyPages<unknown>((page, onResponse) =>
      client.listModels({ isActive: true, page, "per-page": PER_PAGE }, { signal: context.signal, onResponse }),
    );
    for await (const page of pages) {
      yield* await readVersions(
        client,
        page.map((model) => ({ modelId: text(field(model, "modelId")), version: text(field(model, "latestVersion")) })),
        context,
      );
    }
  },

  // The `processing` wrapper on the version works for every key; the flat route is for keys with the
  // processing entitlement, so it is the fallback when the first is refused.
  async scale(client, ref, bounds, { signal }) {
    const processing = { minimumParallelCapacity: bounds.min, maximumParallelCapacity: bounds.max };
    const path = { modelId: ref.modelId, version: ref.version };
    let raw: unknown;
    try {
      raw = await client.updateVersion({ ...path, body: { processing } }, { signal });
    } catch (error) {
      if (!PermissionDeniedError.isInstance(error)) throw error;
      raw = await client.updateVersionProcessing({ ...path, body: processing }, { signal });
    }
    return normalizeModzyVersion(raw, { modelId: ref.modelId, requested: ref.version });
  },
};
