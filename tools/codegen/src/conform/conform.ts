import { checkAuth } from "./check-auth.js";
import { checkParameters } from "./check-parameters.js";
import { checkRequestBody } from "./check-request-body.js";
import { checkResponses } from "./check-response.js";
import type { ConformContext, Finding } from "./finding.js";
import { matchOperations } from "./match-operations.js";

/**
 * Every difference that makes our spec something other than a faithful subset of the vendor's document, operation by
 * operation. A difference reached from several operations (a shared component) is reported once.
 */
export function conformDocuments(ctx: ConformContext): Finding[] {
  const { pairs, findings } = matchOperations(ctx);
  for (const pair of pairs) {
    findings.push(...checkParameters(pair), ...checkRequestBody(ctx, pair), ...checkResponses(ctx, pair), ...checkAuth(ctx, pair));
  }
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}|${f.pointer}|${f.vendorPointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
