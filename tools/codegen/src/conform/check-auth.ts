import type { OpenApiDocument, SecuritySchemeObject } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import type { OperationEntry } from "../openapi/operations.js";
import { pointerOf } from "../openapi/pointer.js";
import { resolveRef } from "../openapi/resolve.js";
import { type ConformContext, type Finding, finding } from "./finding.js";
import type { OperationPair } from "./match-operations.js";

/**
 * The auth scheme: when the vendor's operation asks for credentials, one of the ways ours sends the key is one the
 * vendor accepts (same type; for `http` the same scheme; for `apiKey` the same place and name). An operation the
 * vendor leaves public (no requirement, or an empty one) accepts whatever we send.
 */
export function checkAuth(ctx: ConformContext, pair: OperationPair): Finding[] {
  const theirs = schemesOf(ctx.vendor, pair.vendor);
  if (theirs.public) return [];
  const mine = schemesOf(ctx.ours, pair.ours);
  if (mine.ways.some((way) => theirs.ways.includes(way))) return [];
  const show = (ways: string[]) => (ways.length ? ways.join(" or ") : "nothing");
  return [
    finding(
      "conform/auth-mismatch",
      `${pair.label}: the vendor accepts ${show(theirs.ways)}; ours sends ${show(mine.ways)}`,
      mine.pointer,
      theirs.pointer,
    ),
  ];
}

function schemesOf(doc: OpenApiDocument, entry: OperationEntry): { ways: string[]; public: boolean; pointer: string } {
  const own = entry.operation.security;
  const requirements = Array.isArray(own) ? own : Array.isArray(doc.security) ? doc.security : [];
  const pointer = Array.isArray(own) ? `${entry.pointer}/security` : Array.isArray(doc.security) ? "#/security" : entry.pointer;
  const ways: string[] = [];
  let open = requirements.length === 0;
  for (const requirement of requirements) {
    if (!isRecord(requirement) || Object.keys(requirement).length === 0) open = true;
    else for (const name of Object.keys(requirement)) ways.push(describe(doc, name));
  }
  return { ways: [...new Set(ways)], public: open, pointer };
}

/** `http bearer`, `apiKey header x-api-key`: what a scheme asks a client to send, whatever the document names it. */
function describe(doc: OpenApiDocument, name: string): string {
  const schemes = isRecord(doc.components) && isRecord(doc.components.securitySchemes) ? doc.components.securitySchemes : {};
  const scheme = resolveRef<SecuritySchemeObject>(doc, schemes[name], pointerOf("components", "securitySchemes", name)).node;
  if (!isRecord(scheme)) return `undefined scheme ${name}`;
  if (scheme.type === "http") return `http ${String(scheme.scheme ?? "").toLowerCase()}`;
  if (scheme.type === "apiKey") {
    const place = String(scheme.in ?? "");
    return `apiKey ${place} ${place === "header" ? String(scheme.name ?? "").toLowerCase() : String(scheme.name ?? "")}`;
  }
  return String(scheme.type ?? name);
}
