import type { OpperClient, OpperFunction, OpperFunctionListItem, OpperRevision } from "@modelfleet/opper";
import type { ModelVersionOf } from "../model-version.js";
import { count, field, text } from "../normalize/fields.js";
import { parseTimestamp } from "../normalize/timestamp.js";
import { type OffsetPage, offsetPages } from "../paginate.js";
import type { ProviderAdapter } from "./adapter.js";

const PAGE_SIZE = 100;

/** Which Opper object is being normalized, and what is known about it from elsewhere. */
export interface OpperVersionContext {
  /** A function read at a revision, an entry of the function listing, or an entry of a revision listing. */
  shape: "function" | "listed-function" | "revision";
  functionId?: string;
  /** The function's name, when known from elsewhere (a revision does not carry it). */
  functionName?: string | null;
  revisionId?: string;
}

/**
 * Normalizes an Opper function (at a revision), a listed function or a listed revision; never throws.
 * Revisions have no lifecycle: each one stays callable, so a revision that exists is `ready`.
 */
export function normalizeOpperVersion(raw: unknown, context: OpperVersionContext): ModelVersionOf<"opper"> {
  const isRevision = context.shape === "revision";
  const functionId = context.functionId ?? (isRevision ? null : text(field(raw, "id"))) ?? "unknown";
  const revisionId = context.revisionId ?? (isRevision ? text(field(raw, "id")) : text(field(raw, "revision_id"))) ?? "unknown";
  return {
    ref: `opper:${functionId}@${revisionId}`,
    provider: "opper",
    model: context.functionName ?? text(field(raw, "name")) ?? functionId,
    version: revisionId,
    status: "ready",
    providerStatus: null,
    createdAt: parseTimestamp(field(raw, "created_at")),
    updatedAt: parseTimestamp(field(raw, "updated_at")),
    scaling: null,
    replicas: null,
    hardware: null,
    raw: raw as OpperFunction | OpperFunctionListItem | OpperRevision,
  };
}

/** One page of an Opper listing: its `data` and the `meta.total_count` it reports. */
function opperPage(page: unknown): OffsetPage<unknown> {
  const data = field(page, "data");
  return { items: Array.isArray(data) ? data : [], total: count(field(field(page, "meta"), "total_count")) };
}

/** Opper: functions and their revisions; there is nothing to scale. */
export const opperAdapter: ProviderAdapter<"opper", OpperClient> = {
  provider: "opper",
  capabilities: { getVersion: true, listVersions: true, listDeployments: true, scale: false },
  scaleUnsupportedReason: "Opper functions have no replicas or instances to scale",

  async getVersion(client, ref, { signal }) {
    const raw = await client.getRevision({ function_id: ref.functionId, revision_id: ref.revisionId }, { signal });
    return normalizeOpperVersion(raw, { shape: "function", functionId: ref.functionId, revisionId: ref.revisionId });
  },

  async *listVersions(client, ref, { signal }) {
    const fn = await client.getFunction({ function_id: ref.functionId }, { signal });
    const functionName = text(field(fn, "name"));
    const revisions = offsetPages(async (offset, limit) => {
      return opperPage(await client.listRevisions({ function_id: ref.functionId, offset, limit }, { signal }));
    }, PAGE_SIZE);
    for await (const raw of revisions) yield normalizeOpperVersion(raw, { shape: "revision", functionId: ref.functionId, functionName });
  },

  // A function's deployment is its latest revision, which the function listing names.
  async *listDeployments(client, { signal }) {
    const functions = offsetPages(async (offset, limit) => {
      return opperPage(await client.listFunctions({ offset, limit }, { signal }));
    }, PAGE_SIZE);
    for await (const raw of functions) yield normalizeOpperVersion(raw, { shape: "listed-function" });
  },
};
