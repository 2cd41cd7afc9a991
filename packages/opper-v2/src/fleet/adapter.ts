import { checkSegment, type FleetProvider, received, splitOnce, text } from "@modelfleet/runtime/fleet";
import { normalizeOpperV2Version } from "./normalize.js";
import type { OpperV2FleetTypes } from "./types.js";

const PAGE_SIZE = 100;

/** Opper v2: functions and their revisions; there is nothing to scale. */
export const opperV2Adapter: Omit<FleetProvider<OpperV2FleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "opper-v2",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: false },
  unsupported: {
    scale: "Opper v2 functions have no replicas or instances to scale",
    start: "Opper v2 functions have no running state to start or stop",
    stop: "Opper v2 functions have no running state to start or stop",
  },
  versionRef: {
    form: "opper-v2:<function_id>@<revision_id>",
    parse(rest, bad) {
      const [functionId, revisionId] = splitOnce(rest, "@", bad, "revision id");
      checkSegment(functionId, "function_id", bad);
      checkSegment(revisionId, "revision_id", bad);
      return { functionId, revisionId };
    },
    format: (parts) => `${parts.functionId}@${parts.revisionId}`,
  },
  modelRef: {
    form: "opper-v2:<function_id>",
    parse(rest, bad) {
      checkSegment(rest, "function_id", bad);
      return { functionId: rest };
    },
    format: (parts) => parts.functionId,
  },

  async getVersion(client, ref, { signal }) {
    const raw = await client.getRevision({ function_id: ref.functionId, revision_id: ref.revisionId }, { signal });
    return normalizeOpperV2Version(raw, { shape: "function", functionId: ref.functionId, revisionId: ref.revisionId });
  },

  async *listVersions(client, ref, { signal }) {
    const fn = await client.getFunction({ function_id: ref.functionId }, { signal });
    const functionName = text(received(fn).name);
    const revisions = client.listRevisionsAll({ function_id: ref.functionId, offset: 0, limit: PAGE_SIZE }, { signal });
    for await (const raw of revisions) yield normalizeOpperV2Version(raw, { shape: "revision", functionId: ref.functionId, functionName });
  },

  // A function's deployment is its latest revision, which the function listing names.
  async *listDeployments(client, { signal }) {
    const functions = client.listFunctionsAll({ offset: 0, limit: PAGE_SIZE }, { signal });
    for await (const raw of functions) yield normalizeOpperV2Version(raw, { shape: "listed-function" });
  },
};
