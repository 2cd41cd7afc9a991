import { isRecord } from "../../openapi/json.js";
import { pointerOf } from "../../openapi/pointer.js";

/** Maps whose keys are names chosen by the document's author, so a `$defs` key in them is a name, not the keyword. */
const NAME_MAPS = new Set(["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"]);
/** Keys holding instance data (or vendor extensions), never schemas: nothing inside them is a keyword. */
const DATA_KEYS = new Set(["example", "examples", "default", "const", "enum"]);

interface Definition {
  /** The JSON pointer `$ref`s name the definition by (`#/components/schemas/Chat/$defs/Message`). */
  pointer: string;
  name: string;
  schema: unknown;
}

/**
 * Moves every JSON Schema `$defs` entry into `components.schemas` and points the `$ref`s that named it there, in a
 * copy of the document (the original is returned when it has none).
 *
 * openapi-typescript renders a schema's `$defs` as a property of the object type it describes (a required
 * `$defs: {...}` member), so a request type would demand a field no API accepts. `$defs` is a place to keep
 * subschemas, never part of an instance; hoisted into `components.schemas` the subschemas keep their types and the
 * object keeps only its real properties.
 */
export function hoistDefs<T>(document: T): T {
  if (collect(document).length === 0) return document;
  const copy: unknown = structuredClone(document);
  const definitions = collect(copy);
  if (!isRecord(copy)) return document;
  const components = isRecord(copy.components) ? copy.components : {};
  copy.components = components;
  const schemas = isRecord(components.schemas) ? components.schemas : {};
  components.schemas = schemas;

  const targets = new Map<string, string>();
  for (const def of definitions) {
    let name = def.name;
    for (let n = 2; name in schemas; n++) name = `${def.name}${n}`;
    schemas[name] = def.schema;
    targets.set(def.pointer, pointerOf("components", "schemas", name));
  }
  // Longest first, so a definition nested in another one is matched before its enclosing definition.
  const byLength = [...targets.keys()].sort((a, b) => b.length - a.length);
  rewriteRefs(copy, (ref) => {
    for (const from of byLength) {
      if (ref === from || ref.startsWith(`${from}/`)) return `${targets.get(from)}${ref.slice(from.length)}`;
    }
    return undefined;
  });
  for (const holder of holders(copy)) delete holder.$defs;
  return copy as T;
}

/** Every `$defs` entry of the document, nested ones included, with the pointer refs name it by. */
function collect(document: unknown): Definition[] {
  const found: Definition[] = [];
  walk(document, [], (holder, path) => {
    for (const [name, schema] of Object.entries(holder.$defs as Record<string, unknown>)) {
      found.push({ pointer: pointerOf(...path, "$defs", name), name, schema });
    }
  });
  return found;
}

function holders(document: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  walk(document, [], (holder) => found.push(holder));
  return found;
}

/** Calls `visit` for each object holding the `$defs` keyword, deepest ones included. */
function walk(node: unknown, path: string[], visit: (holder: Record<string, unknown>, path: string[]) => void): void {
  if (Array.isArray(node)) {
    for (const [index, item] of node.entries()) walk(item, [...path, String(index)], visit);
    return;
  }
  if (!isRecord(node)) return;
  const isNameMap = NAME_MAPS.has(path[path.length - 1] ?? "");
  if (!isNameMap && isRecord(node.$defs)) visit(node, path);
  for (const [key, value] of Object.entries(node)) {
    if (!isNameMap && (DATA_KEYS.has(key) || key.startsWith("x-"))) continue;
    walk(value, [...path, key], visit);
  }
}

function rewriteRefs(node: unknown, rewrite: (ref: string) => string | undefined): void {
  if (Array.isArray(node)) {
    for (const item of node) rewriteRefs(item, rewrite);
    return;
  }
  if (!isRecord(node)) return;
  if (typeof node.$ref === "string" && node.$ref.startsWith("#")) node.$ref = rewrite(decodeRef(node.$ref)) ?? node.$ref;
  for (const value of Object.values(node)) rewriteRefs(value, rewrite);
}

/** A ref's fragment may be percent-encoded (`%24defs`); pointers are compared decoded. */
function decodeRef(ref: string): string {
  try {
    return decodeURIComponent(ref);
  } catch {
    return ref;
  }
}
