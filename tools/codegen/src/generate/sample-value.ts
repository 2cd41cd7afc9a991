import { deref } from "../diff/types.js";
import { isRecord } from "../openapi/json.js";

/**
 * The example a spec gives for a parameter, media type or schema (`example`, the first of `examples`, the
 * schema's own), or `undefined` when it gives none.
 */
export function exampleOf(doc: unknown, holder: unknown): unknown {
  if (!isRecord(holder)) return undefined;
  if (holder.example !== undefined) return holder.example;
  if (isRecord(holder.examples)) {
    for (const raw of Object.values(holder.examples)) {
      const example = deref(doc, raw, "#").node;
      if (isRecord(example) && example.value !== undefined) return example.value;
    }
  }
  if (holder.schema !== undefined) return schemaExample(doc, holder.schema);
  return undefined;
}

function schemaExample(doc: unknown, raw: unknown): unknown {
  const schema = deref(doc, raw, "#").node;
  if (!isRecord(schema)) return undefined;
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  return undefined;
}

/**
 * A value that satisfies a schema, for parameters and bodies the spec gives no example for: the schema's example
 * or default, the first enum value, else the simplest value of its type (required properties only).
 */
export function sampleOf(doc: unknown, raw: unknown, depth = 0): unknown {
  const schema = deref(doc, raw, "#").node;
  if (!isRecord(schema) || depth > 8) return null;
  const given = schemaExample(doc, schema);
  if (given !== undefined) return given;
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum.find((v) => v !== null) ?? null;
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const members = schema[keyword];
    if (!Array.isArray(members)) continue;
    const first = members.map((m) => deref(doc, m, "#").node).find((m) => !(isRecord(m) && m.type === "null"));
    if (first !== undefined) return sampleOf(doc, first, depth + 1);
  }
  if (Array.isArray(schema.allOf)) {
    const merged: Record<string, unknown> = {};
    for (const member of schema.allOf) {
      const value = sampleOf(doc, member, depth + 1);
      if (isRecord(value)) Object.assign(merged, value);
    }
    return merged;
  }
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
      return schema.items === undefined ? [] : [sampleOf(doc, schema.items, depth + 1)];
    default: {
      if (!isRecord(schema.properties)) return {};
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries(schema.properties)) {
        if (required.has(name)) out[name] = sampleOf(doc, prop, depth + 1);
      }
      return out;
    }
  }
}
