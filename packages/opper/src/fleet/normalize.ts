import { count, flag, items, parseTimestamp, received, text, type VersionStatus } from "@modelfleet/runtime/fleet";
import type { OpperFunctionInfo, OpperFunctionRevision, OpperRevisionInfo } from "../generated/index.js";
import type { OpperFleetVersion } from "./types.js";

/** What the revision itself does not carry: its function's name, and whether it is the current one when known. */
export interface OpperRevisionContext {
  /** The function's name, from the reference (a revision does not repeat it). */
  functionName: string;
  /** The revision's number from the reference, used when the object's own `revision_id` is missing or odd. */
  revisionId?: number;
  /** `is_current` as the revision listing reports it; `null` when unknown (a revision read on its own). */
  isCurrent?: boolean | null;
}

/**
 * Normalizes a revision (read on its own or listed); never throws. Opper has no status field: calls of a function
 * run its current revision, so the current one is `ready`, any other `stopped` (a revert makes it current again),
 * and `unknown` when the listing did not say.
 */
export function normalizeOpperRevision(raw: OpperFunctionRevision | OpperRevisionInfo, context: OpperRevisionContext): OpperFleetVersion {
  const r = received<OpperFunctionRevision | OpperRevisionInfo>(raw);
  const isCurrent = context.isCurrent ?? flag(received<OpperRevisionInfo>(raw).is_current);
  const revision = revisionText(context.revisionId ?? count(r.revision_id));
  return {
    ref: `opper:${context.functionName}@${revision}`,
    provider: "opper",
    model: context.functionName,
    version: revision,
    status: isCurrent === null ? "unknown" : isCurrent ? "ready" : "stopped",
    providerStatus: null,
    createdAt: parseTimestamp(r.created_at),
    // A revision never changes once stored.
    updatedAt: null,
    scaling: null,
    replicas: null,
    hardware: null,
    raw,
  };
}

/**
 * Normalizes a listed function at its current revision, taken from `revisions` (the function's revision listing,
 * or `null` when the function was gone by the time it was read); never throws. A function with a cached script is
 * `ready`; one without is `pending` (its next call generates the script). Its last change is its newest revision.
 */
export function normalizeOpperFunction(raw: OpperFunctionInfo, revisions: readonly OpperRevisionInfo[] | null): OpperFleetVersion {
  const f = received(raw);
  // A missing name or revision stays empty: the facade reports the reference as unusable instead of inventing one.
  const name = text(f.name) ?? "";
  const listed = items<OpperRevisionInfo>(revisions);
  const current = listed.find((r) => flag(received(r).is_current) === true);
  const revision = revisionText(count(received(current).revision_id));
  return {
    // A function running no revision (none yet, none marked current, or deleted between the two reads) is still
    // named by `@current`, the reference to whatever it runs: reading it says why there is nothing, and it reads the
    // revision once there is one. (An empty revision would make the whole listing fail as an unusable reference.)
    ref: `opper:${name}@${revision || "current"}`,
    provider: "opper",
    model: name,
    version: revision,
    status: functionStatus(revisions === null, flag(f.has_script)),
    providerStatus: null,
    createdAt: parseTimestamp(f.generated_at),
    updatedAt: newest(listed.map((r) => parseTimestamp(received(r).created_at))),
    scaling: null,
    replicas: null,
    hardware: null,
    raw,
  };
}

/** The function's name as a listing entry gives it, to read its revisions; `null` when it has none usable. */
export function opperFunctionName(raw: OpperFunctionInfo): string | null {
  return text(received(raw).name);
}

function functionStatus(gone: boolean, hasScript: boolean | null): VersionStatus {
  if (gone) return "deleted";
  if (hasScript === null) return "unknown";
  return hasScript ? "ready" : "pending";
}

function revisionText(revision: number | null | undefined): string {
  return typeof revision === "number" ? String(revision) : "";
}

function newest(dates: readonly (Date | null)[]): Date | null {
  let latest: Date | null = null;
  for (const date of dates) if (date && (!latest || date > latest)) latest = date;
  return latest;
}
