import type { ResponseObject } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { resolveRef } from "../openapi/resolve.js";
import { type ConformContext, type Finding, finding } from "./finding.js";
import { jsonSchemaOf } from "./json-body.js";
import type { OperationPair } from "./match-operations.js";
import { type At, acceptsType, propertyOf, viewOf } from "./schema-view.js";

/**
 * The success responses: every property we declare (and so an adapter may read) exists in the vendor's response of
 * the same status (else its first 2xx), at every depth, with a type we accept for every type the vendor may send, and
 * every enum value we declare is one the vendor lists.
 */
export function checkResponses(ctx: ConformContext, pair: OperationPair): Finding[] {
  const findings: Finding[] = [];
  const ourResponses = isRecord(pair.ours.operation.responses) ? pair.ours.operation.responses : {};
  const vendorResponses = isRecord(pair.vendor.operation.responses) ? pair.vendor.operation.responses : {};
  const vendorSuccess = Object.keys(vendorResponses).filter((status) => /^2/.test(status));
  for (const [status, raw] of Object.entries(ourResponses)) {
    if (!/^2/.test(status)) continue;
    const mine = resolveRef<ResponseObject>(ctx.ours, raw, `${pair.ours.pointer}/responses/${status}`);
    const ourSchema = isRecord(mine.node) ? jsonSchemaOf(mine.node.content, `${mine.pointer}/content`) : undefined;
    if (!ourSchema) continue;
    const vendorStatus = status in vendorResponses ? status : vendorSuccess[0];
    const theirs = vendorStatus
      ? resolveRef<ResponseObject>(ctx.vendor, vendorResponses[vendorStatus], `${pair.vendor.pointer}/responses/${vendorStatus}`)
      : undefined;
    const vendorSchema = theirs && isRecord(theirs.node) ? jsonSchemaOf(theirs.node.content, `${theirs.pointer}/content`) : undefined;
    if (!vendorSchema) {
      findings.push(
        finding(
          "conform/response-body-missing",
          `${pair.label}: the vendor documents no JSON body for ${vendorStatus ? `its ${vendorStatus} response` : "any 2xx response"}; ours reads one (${status})`,
          ourSchema.pointer,
          theirs?.pointer ?? `${pair.vendor.pointer}/responses`,
        ),
      );
      continue;
    }
    compare(ctx, `${pair.label} → ${status}`, ourSchema, vendorSchema, "", findings, new Set());
  }
  return findings;
}

function compare(ctx: ConformContext, label: string, ours: At, vendor: At, path: string, out: Finding[], seen: Set<string>): void {
  const pairKey = `${ours.pointer}|${vendor.pointer}`;
  if (seen.has(pairKey)) return;
  seen.add(pairKey);
  const mine = viewOf(ctx.ours, ours);
  const theirs = viewOf(ctx.vendor, vendor);
  const where = path ? `\`${path.slice(0, -1)}\`` : "the body";
  if (mine.types && theirs.types) {
    const unexpected = [...theirs.types].filter((type) => !acceptsType(mine.types as Set<string>, type));
    if (unexpected.length) {
      out.push(
        finding(
          "conform/response-type-mismatch",
          `${label}: ${where} may be ${unexpected.join(" or ")} in the vendor's response; ours allows ${[...mine.types].join(" | ")}`,
          ours.pointer,
          vendor.pointer,
        ),
      );
    }
  }
  if (mine.enum && theirs.enum) {
    const known = new Set(theirs.enum.map((value) => JSON.stringify(value)));
    for (const value of mine.enum) {
      if (known.has(JSON.stringify(value))) continue;
      out.push(
        finding(
          "conform/response-enum-value",
          `${label}: ${where} is never ${JSON.stringify(value)} in the vendor's response (it lists ${theirs.enum.map((v) => JSON.stringify(v)).join(", ")})`,
          ours.pointer,
          vendor.pointer,
        ),
      );
    }
  }
  for (const [name, schema] of mine.properties) {
    const match = propertyOf(theirs, name);
    if (match === "any") continue;
    if (!match) {
      out.push(
        finding(
          "conform/response-property-unknown",
          `${label}: the vendor's response has no property \`${path}${name}\``,
          schema.pointer,
          vendor.pointer,
        ),
      );
      continue;
    }
    compare(ctx, label, schema, match, `${path}${name}.`, out, seen);
  }
  if (mine.items && theirs.items) compare(ctx, label, mine.items, theirs.items, `${path}[].`, out, seen);
}
