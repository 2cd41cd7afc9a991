import type { OpenApiDocument } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { type OperationEntry, walkOperations } from "../openapi/operations.js";
import { type ConformContext, type Finding, finding } from "./finding.js";

/** One of our operations and the vendor's operation with the same method and URL. */
export interface OperationPair {
  ours: OperationEntry;
  vendor: OperationEntry;
  /** `POST /v1/models/{model_id}/promote`, as our spec writes it (with our server's base path). */
  label: string;
}

/**
 * Pairs each of our operations with the vendor's of the same method and URL path. Paths are compared whole, with the
 * base path of each document's first server in front (`/v1` in `https://api.example.com/v1`), path parameter names
 * blanked (`{id}` and `{model_id}` are the same URL) and a trailing slash ignored.
 */
export function matchOperations(ctx: ConformContext): { pairs: OperationPair[]; findings: Finding[] } {
  const vendorBase = basePath(ctx.vendor);
  const byKey = new Map<string, OperationEntry>();
  for (const entry of walkOperations(ctx.vendor)) byKey.set(keyOf(entry.method, vendorBase + entry.path), entry);
  const ourBase = basePath(ctx.ours);
  const pairs: OperationPair[] = [];
  const findings: Finding[] = [];
  for (const ours of walkOperations(ctx.ours)) {
    const label = `${ours.method.toUpperCase()} ${ourBase}${ours.path}`;
    const vendor = byKey.get(keyOf(ours.method, ourBase + ours.path));
    if (vendor) pairs.push({ ours, vendor, label });
    else
      findings.push(finding("conform/operation-missing", `${label}: the vendor's document has no such operation`, ours.pointer, "#/paths"));
  }
  return { pairs, findings };
}

function keyOf(method: string, path: string): string {
  return `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "") || "/"}`;
}

/** The path part of the first server's URL (`/v1`), without a trailing slash; empty when there is none. */
export function basePath(doc: OpenApiDocument): string {
  const first = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  const url = isRecord(first) && typeof first.url === "string" ? first.url : "";
  let path = url;
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(url);
  if (scheme) path = url.slice(scheme[0].length);
  else if (!url.startsWith("/")) path = "";
  return path.replace(/\/+$/, "");
}
