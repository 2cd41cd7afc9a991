import { parseTimestamp, received, text } from "@modelfleet/runtime/fleet";
import type { OpperV2FleetVersion, OpperV2RawVersion } from "./types.js";

/** Which Opper object is being normalized, and what is known about it from elsewhere. */
export interface OpperV2VersionContext {
  /** A function read at a revision, an entry of the function listing, or an entry of a revision listing. */
  shape: "function" | "listed-function" | "revision";
  functionId?: string;
  /** The function's name, when known from elsewhere (a revision does not carry it). */
  functionName?: string | null;
  revisionId?: string;
}

/**
 * Normalizes an Opper v2 function (at a revision), a listed function or a listed revision; never throws.
 * Revisions have no lifecycle: each one stays callable, so a revision that exists is `ready`.
 */
export function normalizeOpperV2Version(raw: OpperV2RawVersion, context: OpperV2VersionContext): OpperV2FleetVersion {
  const v = received(raw);
  const isRevision = context.shape === "revision";
  const functionId = context.functionId ?? (isRevision ? null : text(v.id)) ?? "";
  const revisionId = context.revisionId ?? (isRevision ? text(v.id) : text(v.revision_id)) ?? "";
  return {
    ref: `opper-v2:${functionId}@${revisionId}`,
    provider: "opper-v2",
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
