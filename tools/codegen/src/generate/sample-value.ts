import { isRecord } from "../openapi/json.js";
import { deref } from "../openapi/resolve.js";
import { fitsSchema } from "./fits-schema.js";
import { isFileSchema } from "./holds-file.js";

/** Stands for a file (`format: binary`) in a sample; the smoke test emitter writes it as a Blob. */
export const BLOB_SAMPLE = "\u0000modelfleet-blob\u0000";

/**
 * The example a spec gives for a parameter, media type or schema (`example`, the first of `examples`, the
 * schema's own), or `undefined` when it gives none. With `checked`, only an example that fits its schema counts
 * (a vendor's document: its examples were never validated).
 */
export function exampleOf(doc: unknown, holder: unknown, checked = false): unknown {
  if (!isRecord(holder)) return undefined;
  const candidates: unknown[] = [holder.example];
  if (isRecord(holder.examples)) {
    for (const raw of Object.values(holder.examples)) {
      const example = deref(doc, raw);
      if (isRecord(example)) candidates.push(example.value);
    }
  }
  const found = candidates.find((value) => value !== undefined && (!checked || fitsSchema(doc, holder.schema, value)));
  if (found !== undefined) return found;
  if (holder.schema !== undefined) return schemaExample(doc, holder.schema, checked);
  return undefined;
}

function schemaExample(doc: unknown, raw: unknown, checked: boolean): unknown {
  const schema = deref(doc, raw);
  if (!isRecord(schema)) return undefined;
  const candidates = [schema.example, ...(Array.isArray(schema.examples) ? schema.examples : [])];
  return candidates.find((value) => value !== undefined && (!checked || fitsSchema(doc, schema, value)));
}

/**
 * A value that satisfies a schema, for parameters and bodies the spec gives no example for: the schema's example
 * or default, the first enum value, else the simplest value of its type (required properties only).
 */
export function sampleOf(doc: unknown, raw: unknown, checked = false, depth = 0): unknown {
  const schema = deref(doc, raw);
  if (!isRecord(schema) || depth > 8) return null;
  const given = schemaExample(doc, schema, checked);
  if (given !== undefined) return given;
  if (schema.default !== undefined && (!checked || fitsSchema(doc, schema, schema.default))) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum.find((v) => v !== null) ?? null;
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    const first = members.map((m) => deref(doc, m)).find((m) => !(isRecord(m) && m.type === "null"));
    if (first !== undefined) return sampleOf(doc, first, checked, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    // Objects merge; anything else (a `$ref` to an enum wrapped in allOf, to add a description) is the member's value.
    const values = schema.allOf.map((member) => sampleOf(doc, member, checked, depth + 1));
    const other = values.find((value) => value !== null && !isRecord(value));
    if (other !== undefined) return other;
    return Object.assign({}, ...values);
  }
  if (isFileSchema(schema)) return BLOB_SAMPLE;
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t !== "null");
  switch (types[0]) {
    case "string":
      return schema.format === "date-time" ? "2024-01-01T00:00:00Z" : schema.format === "date" ? "2024-01-01" : "string";
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "array":
      return schema.items === undefined ? [] : [sampleOf(doc, schema.items, checked, depth + 1)];
    default: {
      if (!isRecord(schema.properties)) return {};
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties)) {
        if (required.has(name)) out[name] = sampleOf(doc, prop, checked, depth + 1);
      }
      return out;
    }
  }
}
