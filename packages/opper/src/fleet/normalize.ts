import { parseTimestamp, received, text } from "@modelfleet/runtime/fleet";
import type { OpperFleetVersion, OpperRawVersion } from "./types.js";

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
export function normalizeOpperVersion(raw: OpperRawVersion, context: OpperVersionContext): OpperFleetVersion {
  const v = received(raw);
  const isRevision = context.shape === "revision";
  const functionId = context.functionId ?? (isRevision ? null : text(v.id)) ?? "unknown";
  const revisionId = context.revisionId ?? (isRevision ? text(v.id) : text(v.revision_id)) ?? "unknown";
  return {
    ref: `opper:${functionId}@${revisionId}`,
    provider: "opper",
    model: context.functionName ?? text(v.name) ?? functionId,
    version: revisionId,
    status: "ready",
    providerStatus: null,
    createdAt: parseTimestamp(v.created_at),
    updatedAt: parseTimestamp(v.updated_at),
    scaling: null,
    replicas: null,
    hardware: null,
    raw,
  };
}
