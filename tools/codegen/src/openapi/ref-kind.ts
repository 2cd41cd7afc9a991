/** The `components` sections a referenced object can be moved into when a spec is bundled. */
export type ComponentKind =
  | "schemas"
  | "responses"
  | "parameters"
  | "examples"
  | "requestBodies"
  | "headers"
  | "links"
  | "callbacks"
  | "pathItems";

const KINDS = new Set<string>([
  "schemas",
  "responses",
  "parameters",
  "examples",
  "requestBodies",
  "headers",
  "links",
  "callbacks",
  "pathItems",
]);

/** Keywords whose value is one schema. */
const SCHEMA_VALUED = new Set([
  "schema",
  "items",
  "not",
  "additionalProperties",
  "additionalItems",
  "contains",
  "propertyNames",
  "if",
  "then",
  "else",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
]);
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems"]);
/** Keywords whose value maps names to schemas. */
const SCHEMA_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);

/**
 * What kind of OpenAPI object a `$ref` found at `path` stands for, so that the object it names lands in the right
 * `components` section (a schema under `components/schemas`, a response under `components/responses`, ...): the
 * generated types name each by its section. `path` is relative to the object the ref was found in, whose own kind is
 * `enclosing` (`undefined` for the spec itself). Schema keywords are looked at first, so a property named
 * `responses` is still a schema.
 */
export function componentKindAt(path: ReadonlyArray<string | number>, enclosing: ComponentKind | undefined): ComponentKind | undefined {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  if (last === undefined) return enclosing;
  if (path.length === 3 && path[0] === "components" && typeof parent === "string" && KINDS.has(parent) && enclosing === undefined)
    return parent as ComponentKind;
  if (typeof last === "string" && SCHEMA_VALUED.has(last)) return "schemas";
  if (typeof last === "number" && typeof parent === "string" && SCHEMA_LISTS.has(parent)) return "schemas";
  if (typeof parent === "string" && SCHEMA_MAPS.has(parent)) return "schemas";
  if (parent === "responses") return "responses";
  if (parent === "parameters") return "parameters";
  if (last === "requestBody") return "requestBodies";
  if (parent === "headers") return "headers";
  if (parent === "examples") return "examples";
  if (parent === "links") return "links";
  if (parent === "callbacks") return "callbacks";
  if ((parent === "paths" || parent === "webhooks") && enclosing === undefined) return "pathItems";
  if (enclosing === "callbacks" && path.length === 1) return "pathItems";
  return undefined;
}
