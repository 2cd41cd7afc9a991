import { checkSegment, type FleetProvider, splitOnce } from "@modelfleet/runtime/fleet";
import { sieveUsage } from "./cost.js";
import { normalizeSieveFunction, normalizeSieveVersion } from "./normalize.js";
import type { SieveFleetTypes } from "./types.js";

const PAGE_SIZE = 100;

/** `<owner>/<function>` taken apart. */
function ownerAndFunction(path: string, bad: (why: string) => never): { owner: string; function: string } {
  const [owner, fn, more] = path.split("/");
  if (fn === undefined || more !== undefined) return bad("the function must be <owner>/<function>");
  checkSegment(owner, "owner", bad);
  checkSegment(fn, "function", bad);
  return { owner, function: fn };
}

/** Sieve: versions of functions; scaling edits a version's replica bounds and returns the whole version. */
export const sieveAdapter: Omit<FleetProvider<SieveFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "sieve",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: true, usage: true },
  unsupported: {
    start: "Sieve versions cannot be started or stopped; scale to min 0 instead",
    stop: "Sieve versions cannot be started or stopped; scale to min 0 instead",
    price: "Sieve's API has no price list (its usage reports money after the fact); price its machine types in a price table",
  },
  versionRef: {
    form: "sieve:<owner>/<function>@<version_slug|latest>",
    parse(rest, bad) {
      const [path, version] = splitOnce(rest, "@", bad, "version");
      const parts = ownerAndFunction(path, bad);
      checkSegment(version, "version", bad);
      return { ...parts, version };
    },
    format: (parts) => `${parts.owner}/${parts.function}@${parts.version}`,
  },
  modelRef: {
    form: "sieve:<owner>/<function>",
    parse: ownerAndFunction,
    format: (parts) => `${parts.owner}/${parts.function}`,
  },

  async getVersion(client, ref, { signal }) {
    const raw = await client.getVersion({ owner_name: ref.owner, function_name: ref.function, version_slug: ref.version }, { signal });
    return normalizeSieveVersion(raw, { owner: ref.owner, function: ref.function, requested: ref.version });
  },

  async *listVersions(client, ref, { signal }) {
    const versions = client.listVersionsAll(
      { owner_name: ref.owner, function_name: ref.function, offset: 0, limit: PAGE_SIZE },
      { signal },
    );
    for await (const raw of versions) yield normalizeSieveVersion(raw, { owner: ref.owner, function: ref.function });
  },

  // A function's deployment is its latest version, which the function listing already embeds.
  async *listDeployments(client, { signal }) {
    const functions = client.listFunctionsAll({ offset: 0, limit: PAGE_SIZE }, { signal });
    for await (const fn of functions) {
      const latest = normalizeSieveFunction(fn);
      if (latest) yield latest;
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

  usage: sieveUsage,
};
