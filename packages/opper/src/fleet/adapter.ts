import { checkSegment, type FleetProvider, received, splitOnce, text } from "@modelfleet/runtime/fleet";
import { normalizeOpperVersion } from "./normalize.js";
import type { OpperFleetTypes } from "./types.js";

const PAGE_SIZE = 100;

/** Opper: functions and their revisions; there is nothing to scale. */
export const opperAdapter: Omit<FleetProvider<OpperFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "opper",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: false },
  unsupported: { scale: "Opper functions have no replicas or instances to scale" },
  versionRef: {
    form: "opper:<function_id>@<revision_id>",
    parse(rest, bad) {
      const [functionId, revisionId] = splitOnce(rest, "@", bad, "revision id");
      checkSegment(functionId, "function_id", bad);
      checkSegment(revisionId, "revision_id", bad);
      return { functionId, revisionId };
    },
    format: (parts) => `${parts.functionId}@${parts.revisionId}`,
  },
  modelRef: {
    form: "opper:<function_id>",
    parse(rest, bad) {
      checkSegment(rest, "function_id", bad);
      return { functionId: rest };
    },
    format: (parts) => parts.functionId,
  },

  async getVersion(client, ref, { signal }) {
    const raw = await client.getRevision({ function_id: ref.functionId, revision_id: ref.revisionId }, { signal });
    return normalizeOpperVersion(raw, { shape: "function", functionId: ref.functionId, revisionId: ref.revisionId });
  },

  async *listVersions(client, ref, { signal }) {
    const fn = await client.getFunction({ function_id: ref.functionId }, { signal });
    const functionName = text(received(fn).name);
    const revisions = client.listRevisionsAll({ function_id: ref.functionId, offset: 0, limit: PAGE_SIZE }, { signal });
    for await (const raw of revisions) yield normalizeOpperVersion(raw, { shape: "revision", functionId: ref.functionId, functionName });
  },

  // A function's deployment is its latest revision, which the function listing names.
  async *listDeployments(client, { signal }) {
    const functions = client.listFunctionsAll({ offset: 0, limit: PAGE_SIZE }, { signal });
    for await (const raw of functions) yield normalizeOpperVersion(raw, { shape: "listed-function" });
  },
};
