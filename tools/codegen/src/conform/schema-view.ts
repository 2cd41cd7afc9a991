import { isRecord } from "../openapi/json.js";
import { pointerOf, pointerSegments } from "../openapi/pointer.js";
import { resolveRef } from "../openapi/resolve.js";

/** A schema node with the pointer it was read from (after following `$ref`s). */
export interface At {
  node: unknown;
  pointer: string;
}

/**
 * What a schema says about one value, with `allOf` / `anyOf` / `oneOf` branches folded in: the union of the types and
 * properties any branch allows (a value may take any branch, so a property of one branch is a property the vendor may
 * send), the required properties of the schema itself and its `allOf` branches.
 */
export interface SchemaView {
  /** `undefined` when some branch leaves the type open. */
  types?: Set<string>;
  properties: Map<string, At>;
  required: Set<string>;
  /** `additionalProperties` as a schema, `true` (anything goes), or `undefined` (none, or not said). */
  additional?: At | true;
  items?: At;
  /** `undefined` when any value of the types is allowed. */
  enum?: unknown[];
}

/** How many `$ref`s and branches deep a view follows before it stops (a recursive schema, or a hostile one). */
const MAX_DEPTH = 16;

/** The folded view of the schema `at`, following local `$ref`s in `doc`. */
export function viewOf(doc: unknown, at: At, depth = 0): SchemaView {
  const view: SchemaView = { properties: new Map(), required: new Set() };
  const { node, pointer } = resolveRef<Record<string, unknown>>(doc, at.node, at.pointer);
  if (!isRecord(node) || depth > MAX_DEPTH) return view;
  const own = typesOf(node);
  if (own) view.types = own;
  if (Array.isArray(node.enum)) view.enum = [...node.enum];
  else if ("const" in node) view.enum = [node.const];
  if (isRecord(node.properties)) {
    for (const [name, schema] of Object.entries(node.properties))
      view.properties.set(name, { node: schema, pointer: child(pointer, "properties", name) });
  }
  if (Array.isArray(node.required)) for (const name of node.required) if (typeof name === "string") view.required.add(name);
  if (node.additionalProperties === true || isRecord(node.additionalProperties)) {
    view.additional =
      node.additionalProperties === true ? true : { node: node.additionalProperties, pointer: child(pointer, "additionalProperties") };
  }
  if (node.items !== undefined && node.items !== false) view.items = { node: node.items, pointer: child(pointer, "items") };

  let branchTypes: Set<string> | undefined = new Set();
  let branchEnum: unknown[] | undefined = [];
  let anyBranch = false;
  for (const keyword of ["allOf", "anyOf", "oneOf"] as const) {
    const branches = node[keyword];
    if (!Array.isArray(branches)) continue;
    branches.forEach((branch, index) => {
      anyBranch = true;
      const sub = viewOf(doc, { node: branch, pointer: child(pointer, keyword, index) }, depth + 1);
      for (const [name, schema] of sub.properties) if (!view.properties.has(name)) view.properties.set(name, schema);
      if (keyword === "allOf") for (const name of sub.required) view.required.add(name);
      view.additional ??= sub.additional;
      view.items ??= sub.items;
      if (branchTypes && sub.types) for (const type of sub.types) branchTypes.add(type);
      else if (!(keyword === "allOf" && sub.types === undefined)) branchTypes = undefined;
      if (branchEnum && sub.enum) branchEnum.push(...sub.enum);
      else branchEnum = undefined;
    });
  }
  if (anyBranch && !own && branchTypes?.size) view.types = branchTypes;
  if (anyBranch && !view.enum && branchEnum?.length) view.enum = branchEnum;
  return view;
}

/** A property of the view: its schema, `"any"` when the schema lets any property through, `undefined` when there is none. */
export function propertyOf(view: SchemaView, name: string): At | "any" | undefined {
  const declared = view.properties.get(name);
  if (declared) return declared;
  if (view.additional === true) return "any";
  if (view.additional) return view.additional;
  // An object schema naming no property at all is a free-form one: it does not say what is absent.
  return view.properties.size === 0 ? "any" : undefined;
}

/** Whether `type` (of the vendor's) is accepted by a view allowing `types` (ours); an integer is a number. */
export function acceptsType(types: Set<string>, type: string): boolean {
  return types.has(type) || (type === "integer" && types.has("number"));
}

function typesOf(node: Record<string, unknown>): Set<string> | undefined {
  const set = new Set<string>();
  if (typeof node.type === "string") {
    set.add(node.type);
  } else if (Array.isArray(node.type)) {
    for (const t of node.type) if (typeof t === "string") set.add(t);
  } else if ("const" in node) {
    set.add(jsonType(node.const));
  }
  if (set.size === 0) return undefined;
  // OpenAPI 3.0's way of saying null is allowed too.
  if (node.nullable === true) set.add("null");
  return set;
}

function jsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function child(pointer: string, ...segments: Array<string | number>): string {
  return pointerOf(...pointerSegments(pointer), ...segments);
}
