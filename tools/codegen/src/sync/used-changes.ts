import type { ConformContext } from "../conform/finding.js";
import { matchOperations } from "../conform/match-operations.js";
import { diffDocuments } from "../diff/spec.js";
import type { SpecChange } from "../diff/types.js";
import type { OpenApiDocument } from "../openapi/document.js";

/**
 * What changed between two versions of a vendor's document in the operations our spec uses: `diff`'s comparison of
 * the two documents, keeping the changes that reach an operation our spec pairs with (in either version).
 */
export function changesInUsedOperations(ours: OpenApiDocument, before: OpenApiDocument, after: OpenApiDocument): SpecChange[] {
  const used = new Set<string>();
  for (const vendor of [before, after]) {
    const ctx: ConformContext = { ours, vendor };
    for (const pair of matchOperations(ctx).pairs) used.add(`${pair.vendor.method.toUpperCase()} ${pair.vendor.path}`);
  }
  return diffDocuments(before, after).filter((change) => change.operations.some((op) => used.has(op)));
}
