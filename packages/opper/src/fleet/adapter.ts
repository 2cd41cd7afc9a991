import {
  count,
  type FleetProvider,
  flag,
  isSegmentPath,
  items,
  quoteRefPart,
  readListedItems,
  received,
  splitOnce,
} from "@modelfleet/runtime/fleet";
import { InvalidArgumentError, type OpperClient, type OpperRevisionInfo } from "../generated/index.js";
import { normalizeOpperFunction, normalizeOpperRevision, opperFunctionName } from "./normalize.js";
import type { OpperFleetTypes } from "./types.js";

// A revision number as written in a reference: decimal digits, no sign, no leading zero, a safe integer.
const REVISION = /^(?:0|[1-9]\d{0,15})$/;
/** The revision alias for the one a function runs now. */
const CURRENT = "current";

/** Opper (v3): functions by name and their numbered revisions; there is nothing to scale. */
export const opperAdapter: Omit<FleetProvider<OpperFleetTypes>, "name" | "envVar" | "explicit" | "keySource" | "createClient"> = {
  id: "opper",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: false, rollback: true },
  unsupported: {
    scale: "Opper functions are serverless: they have no replicas or instances to scale",
    start: "Opper functions have no running state to start or stop",
    stop: "Opper functions have no running state to start or stop",
  },
  versionRef: {
    form: "opper:<function_name>@<revision_id|current>",
    parse(rest, bad) {
      const [functionName, revision] = splitOnce(rest, "@", bad, "revision id");
      checkFunctionName(functionName, bad);
      if (revision === CURRENT) return { functionName, revisionId: CURRENT };
      if (!REVISION.test(revision) || !Number.isSafeInteger(Number(revision))) {
        return bad(`the revision id ${quoteRefPart(revision)} is not a whole number (Opper numbers revisions 1, 2, 3, …)`);
      }
      return { functionName, revisionId: Number(revision) };
    },
    format: (parts) => `${parts.functionName}@${parts.revisionId}`,
  },
  modelRef: {
    form: "opper:<function_name>",
    parse(rest, bad) {
      checkFunctionName(rest, bad);
      return { functionName: rest };
    },
    format: (parts) => parts.functionName,
  },

  // A revision read on its own does not say whether it is current; the revision listing does, so both are read
  // (for `@current`, the listing first, to learn which revision that is).
  async getVersion(client, ref, { signal }) {
    if (ref.revisionId === CURRENT) return readCurrent(client, ref.functionName, signal);
    const revisionId = ref.revisionId;
    const [raw, listing] = await Promise.all([
      client.getRevision({ name: ref.functionName, revisionID: revisionId }, { signal }),
      revisionsOf(client, ref.functionName, signal),
    ]);
    const listed = listing.find((r) => count(received(r).revision_id) === revisionId);
    const isCurrent = listed === undefined ? null : flag(received(listed).is_current);
    return normalizeOpperRevision(raw, { functionName: ref.functionName, revisionId, isCurrent });
  },

  // A rollback moves what `@current` reads, to a revision number: asked by the facade before the write and the plan.
  refuses(ref, request) {
    if (request.verb !== "rollback") return undefined;
    if (ref.revisionId !== CURRENT) {
      return {
        argument: "ref",
        message: `a rollback changes which revision a function runs: use opper:${ref.functionName}@current, with the revision to return to as the version`,
      };
    }
    if (!REVISION.test(request.version) || !Number.isSafeInteger(Number(request.version))) {
      return { argument: "version", message: `Opper revisions are whole numbers (1, 2, 3, …), not ${quoteRefPart(request.version)}` };
    }
    return undefined;
  },

  // Opper's revert makes a former revision current again; what it changes is what `@current` reads.
  async rollback(client, ref, { version }, { signal }) {
    await client.revertRevision({ name: ref.functionName, revisionID: Number(version) }, { signal });
    return readCurrent(client, ref.functionName, signal);
  },

  // The revision listing is not paged: one request returns every revision.
  async *listVersions(client, ref, { signal }) {
    for (const raw of await revisionsOf(client, ref.functionName, signal)) {
      yield normalizeOpperRevision(raw, { functionName: ref.functionName });
    }
  },

  // The function listing names no revision, so each function's revisions are read to find its current one. A
  // function deleted between the two reads is still shown, as `deleted` (the listing already described it); another
  // failed read is reported for that function alone (see `readListedItems`).
  async *listDeployments(client, context) {
    const { signal } = context;
    const functions = items(received(await client.listFunctions(undefined, { signal })).functions);
    yield* await readListedItems(functions, context, {
      name: (raw) => `opper:${opperFunctionName(raw) ?? ""}`,
      read: async (raw) => {
        const name = opperFunctionName(raw);
        return normalizeOpperFunction(raw, name === null ? [] : await revisionsOf(client, name, signal));
      },
      gone: (raw) => normalizeOpperFunction(raw, null),
    });
  },
};

/** The revision a function runs now; a function whose listing marks none current has nothing to read. */
async function readCurrent(client: OpperClient, name: string, signal: AbortSignal | undefined) {
  const listing = await revisionsOf(client, name, signal);
  const current = listing.find((r) => flag(received(r).is_current) === true);
  const revisionId = count(received(current).revision_id);
  if (revisionId === null) {
    throw new InvalidArgumentError("ref", `opper:${name}@current names no revision: Opper lists none of its revisions as current`);
  }
  const raw = await client.getRevision({ name, revisionID: revisionId }, { signal });
  return normalizeOpperRevision(raw, { functionName: name, revisionId, isCurrent: true });
}

async function revisionsOf(client: OpperClient, name: string, signal: AbortSignal | undefined): Promise<readonly OpperRevisionInfo[]> {
  return items(received(await client.listRevisions({ name }, { signal })).revisions);
}

// A function name is one or more `/`-separated parts (`support/classify-intent`); the client encodes it into a single
// path segment.
function checkFunctionName(name: string, bad: (why: string) => never): void {
  if (name === "") bad("the function name is empty");
  if (!isSegmentPath(name)) {
    bad(`the function name ${quoteRefPart(name)} has an empty, "." or ".." part, or a character that is not allowed (@, :, whitespace)`);
  }
}
