// A mechanical OpenAPI 3.0 -> 3.1 upgrade of the schema keywords that changed, enough for a 3.1-only generator
// to read a 3.0 document. Not a general converter: it rewrites `nullable` and boolean `exclusiveMinimum/Maximum`.

/**
 * Upgrades `doc` in place and returns how many schemas were rewritten.
 * - `type: X, nullable: true` becomes `type: [X, "null"]` (and `null` joins an `enum`);
 * - `nullable: true` without `type` (a `$ref` or composition) becomes `anyOf: [<schema>, {type: "null"}]`;
 * - `exclusiveMinimum: true, minimum: n` becomes `exclusiveMinimum: n` (likewise for the maximum).
 */
export function upgradeToOas31(doc) {
  const counts = { nullable: 0, exclusiveBounds: 0 };
  const visit = (node) => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node === null || typeof node !== "object") return;
    for (const child of Object.values(node)) visit(child);
    // `nullable` as a boolean only occurs on schema objects (a property *named* nullable holds an object).
    if (typeof node.nullable === "boolean") {
      const nullable = node.nullable;
      delete node.nullable;
      counts.nullable++;
      if (nullable && typeof node.type === "string") {
        node.type = [node.type, "null"];
        if (Array.isArray(node.enum) && !node.enum.includes(null)) node.enum.push(null);
      } else if (nullable) {
        const inner = { ...node };
        for (const key of Object.keys(node)) delete node[key];
        node.anyOf = [inner, { type: "null" }];
      }
    }
    for (const [key, bound] of [
      ["exclusiveMinimum", "minimum"],
      ["exclusiveMaximum", "maximum"],
    ]) {
      if (typeof node[key] !== "boolean") continue;
      counts.exclusiveBounds++;
      if (node[key] && typeof node[bound] === "number") {
        node[key] = node[bound];
        delete node[bound];
      } else {
        delete node[key];
      }
    }
  };
  visit(doc);
  doc.openapi = "3.1.0";
  return counts;
}
