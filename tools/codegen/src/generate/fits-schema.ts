import type { SchemaObject } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { deref } from "../openapi/resolve.js";
import { isFileSchema } from "./holds-file.js";

/**
 * Whether a value certainly fits a schema, conservatively: types (3.0 `nullable` too), `enum`/`const`, required and
 * undeclared properties (an object without `additionalProperties` is closed, as the generated type is), items,
 * `anyOf`/`oneOf`. Anything it cannot judge (`allOf`, `not`, conditionals) counts as not fitting. Used to decide
 * whether a vendor's example may be copied into a generated test, where TypeScript checks it against the same schema.
 */
export function fitsSchema(doc: unknown, raw: unknown, value: unknown, depth = 0): boolean {
  const schema = deref<SchemaObject>(doc, raw);
  if (schema === undefined || depth > 16) return false;
  if (typeof schema === "boolean") return schema;
  if (!isRecord(schema)) return false;
  // A file cannot be written as a JSON example; the generated type is a Blob.
  if (isFileSchema(schema)) return false;
  if (["allOf", "not", "if", "$dynamicRef", "patternProperties"].some((k) => schema[k] !== undefined)) return false;
  if (schema.const !== undefined && JSON.stringify(schema.const) !== JSON.stringify(value)) return false;
  if (Array.isArray(schema.enum) && !schema.enum.some((v) => JSON.stringify(v) === JSON.stringify(value))) return false;
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = schema[keyword];
    if (Array.isArray(members) && !members.some((m) => fitsSchema(doc, m, value, depth + 1))) return false;
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (schema.nullable === true) types.push("null");
  if (types.length && !types.some((t) => hasType(t, value))) return false;
  if (Array.isArray(value) && schema.items !== undefined) return value.every((item) => fitsSchema(doc, schema.items, item, depth + 1));
  if (isRecord(value) && (isRecord(schema.properties) || types.includes("object"))) {
    const properties = isRecord(schema.properties) ? schema.properties : {};
    const required = Array.isArray(schema.required) ? schema.required : [];
    if (required.some((name) => !(name in value))) return false;
    for (const [name, item] of Object.entries(value)) {
      if (name in properties) {
        if (!fitsSchema(doc, properties[name], item, depth + 1)) return false;
      } else if (schema.additionalProperties === undefined || schema.additionalProperties === false) {
        if (isRecord(schema.properties)) return false;
      } else if (isRecord(schema.additionalProperties) && !fitsSchema(doc, schema.additionalProperties, item, depth + 1)) {
        return false;
      }
    }
  }
  return true;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "string":
    case "boolean":
      return typeof value === type;
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    default:
      return false;
  }
}
