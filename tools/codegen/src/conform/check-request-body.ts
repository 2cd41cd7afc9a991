import type { RequestBodyObject } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { pointerOf, pointerSegments } from "../openapi/pointer.js";
import { resolveRef } from "../openapi/resolve.js";
import { type ConformContext, type Finding, finding } from "./finding.js";
import { jsonSchemaOf } from "./json-body.js";
import type { OperationPair } from "./match-operations.js";
import { type At, propertyOf, viewOf } from "./schema-view.js";

/**
 * The request body: when the vendor requires one, ours is required too; in its JSON schema every property the vendor
 * requires is declared and required in ours (at every depth both declare), and every property we declare exists in
 * the vendor's.
 */
export function checkRequestBody(ctx: ConformContext, pair: OperationPair): Finding[] {
  const findings: Finding[] = [];
  const theirs = resolveRef<RequestBodyObject>(ctx.vendor, pair.vendor.operation.requestBody, `${pair.vendor.pointer}/requestBody`);
  if (!isRecord(theirs.node)) return findings;
  const mine = resolveRef<RequestBodyObject>(ctx.ours, pair.ours.operation.requestBody, `${pair.ours.pointer}/requestBody`);
  const mineBody = isRecord(mine.node) ? mine.node : undefined;
  if (theirs.node.required === true && mineBody?.required !== true) {
    findings.push(
      finding(
        "conform/request-body-not-required",
        `${pair.label}: the vendor requires a request body; ours ${mineBody ? "makes it optional" : "declares none"}`,
        mineBody ? mine.pointer : pair.ours.pointer,
        theirs.pointer,
      ),
    );
  }
  const vendorSchema = jsonSchemaOf(theirs.node.content, `${theirs.pointer}/content`);
  const ourSchema = mineBody ? jsonSchemaOf(mineBody.content, `${mine.pointer}/content`) : undefined;
  if (vendorSchema && ourSchema) compare(ctx, pair.label, ourSchema, vendorSchema, "", findings, new Set());
  return findings;
}

function compare(ctx: ConformContext, label: string, ours: At, vendor: At, path: string, out: Finding[], seen: Set<string>): void {
  const pairKey = `${ours.pointer}|${vendor.pointer}`;
  if (seen.has(pairKey)) return;
  seen.add(pairKey);
  const mine = viewOf(ctx.ours, ours);
  const theirs = viewOf(ctx.vendor, vendor);
  for (const name of theirs.required) {
    const property = `\`${path}${name}\``;
    if (!mine.properties.has(name)) {
      out.push(
        finding(
          "conform/request-property-missing",
          `${label}: the vendor requires the request body property ${property}; ours does not declare it`,
          resolvedPointer(ctx.ours, ours),
          theirs.properties.get(name)?.pointer ?? resolvedPointer(ctx.vendor, vendor),
        ),
      );
    } else if (!mine.required.has(name)) {
      out.push(
        finding(
          "conform/request-property-not-required",
          `${label}: the vendor requires the request body property ${property}; ours makes it optional`,
          mine.properties.get(name)?.pointer ?? ours.pointer,
          theirs.properties.get(name)?.pointer ?? resolvedPointer(ctx.vendor, vendor),
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
          "conform/request-property-unknown",
          `${label}: the vendor's request body has no property \`${path}${name}\``,
          schema.pointer,
          resolvedPointer(ctx.vendor, vendor),
        ),
      );
      continue;
    }
    compare(ctx, label, schema, match, `${path}${name}.`, out, seen);
  }
}

function resolvedPointer(doc: unknown, at: At): string {
  const resolved = resolveRef(doc, at.node, at.pointer).pointer;
  return resolved.startsWith("#") ? pointerOf(...pointerSegments(resolved)) : at.pointer;
}
