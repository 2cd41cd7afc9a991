import {
  type CallContext,
  checkSegment,
  type FleetProvider,
  isSemver,
  mapBounded,
  quoteRefPart,
  received,
  splitOnce,
  text,
} from "@modelfleet/runtime/fleet";
import { type ModzyClient, PermissionDeniedError } from "../generated/index.js";
import { modzyUsage } from "./cost.js";
import { normalizeModzyVersion } from "./normalize.js";
import type { ModzyFleetTypes } from "./types.js";

// The spec pages these listings by number while `Link` has rel="next" and the page is full: Modzy's own SDK does
// not trust the header alone, and neither does the generated iterator.
const PER_PAGE = 100;
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
export const modzyAdapter: Omit<FleetProvider<ModzyFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "modzy",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true, start: true, stop: false, usage: true },
  unsupported: {
    stop: "Modzy documents no way to take a version out of service (only the status active can be written)",
    price: "Modzy bills processing-engine capacity by licence, with no price in its API; price it in a price table",
  },
  versionRef: {
    form: "modzy:<modelId>@<semver>",
    parse(rest, bad) {
      const [modelId, version] = splitOnce(rest, "@", bad, "version");
      checkSegment(modelId, "modelId", bad);
      if (!isSemver(version)) return bad(`the version ${quoteRefPart(version)} is not a semantic version such as 1.0.2`);
      return { modelId, version };
    },
    format: (parts) => `${parts.modelId}@${parts.version}`,
  },
  modelRef: {
    form: "modzy:<modelId>",
    parse(rest, bad) {
      checkSegment(rest, "modelId", bad);
      return { modelId: rest };
    },
    format: (parts) => parts.modelId,
  },

  async getVersion(client, ref, { signal }) {
    const raw = await client.getVersion({ modelId: ref.modelId, version: ref.version }, { signal });
    return normalizeModzyVersion(raw, { modelId: ref.modelId, requested: ref.version });
  },

  // The listing holds only version numbers, so each version is read in full (bounded concurrency, listing order).
  async *listVersions(client, ref, context) {
    const pages = client.listVersionsPages({ modelId: ref.modelId, page: 1, "per-page": PER_PAGE }, { signal: context.signal });
    for await (const page of pages) {
      const keys = page.items.map((entry) => ({ modelId: ref.modelId, version: text(received(entry).version) }));
      yield* await readVersions(client, keys, context);
    }
  },

  // A deployment is the latest version of each active model in the account's library.
  async *listDeployments(client, context) {
    const pages = client.listModelsPages({ isActive: true, page: 1, "per-page": PER_PAGE }, { signal: context.signal });
    for await (const page of pages) {
      const keys = page.items.map((entry) => {
        const model = received(entry);
        return { modelId: text(model.modelId), version: text(model.latestVersion) };
      });
      yield* await readVersions(client, keys, context);
    }
  },

  // The `processing` wrapper on the version works for every key; the flat route is for keys with the
  // processing entitlement, so it is the fallback when the first is refused.
  async scale(client, ref, bounds, { signal }) {
    const processing = { minimumParallelCapacity: bounds.min, maximumParallelCapacity: bounds.max };
    const path = { modelId: ref.modelId, version: ref.version };
    let raw: Awaited<ReturnType<ModzyClient["updateVersion"]>>;
    try {
      raw = await client.updateVersion({ ...path, body: { processing } }, { signal });
    } catch (error) {
      if (!PermissionDeniedError.isInstance(error)) throw error;
      raw = await client.updateVersionProcessing({ ...path, body: processing }, { signal });
    }
    return normalizeModzyVersion(raw, { modelId: ref.modelId, requested: ref.version });
  },

  // Modzy deploys a version when its `status` is set to `active`, and answers with the whole version.
  async start(client, ref, { signal }) {
    const raw = await client.updateVersion({ modelId: ref.modelId, version: ref.version, body: { status: "active" } }, { signal });
    return normalizeModzyVersion(raw, { modelId: ref.modelId, requested: ref.version });
  },

  usage: modzyUsage,
};
