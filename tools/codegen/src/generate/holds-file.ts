import { isRecord } from "../openapi/json.js";
import { deref } from "../openapi/resolve.js";

/** Keywords whose subschemas describe parts of the same value. */
const NESTED = ["items", "additionalProperties", "prefixItems", "anyOf", "oneOf", "allOf"] as const;

/**
 * Whether a schema is a file, typed `Blob`: `format: binary` (OpenAPI 3.0's way), or OpenAPI 3.1's
 * `contentMediaType` of binary content (`application/octet-stream`, `image/png`, not text, JSON or XML) with no
 * `contentEncoding` (a base64 string is text).
 */
export function isFileSchema(schema: Record<string, unknown>): boolean {
  const types = schema.type === undefined ? ["string"] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes("string")) return false;
  if (schema.format === "binary") return true;
  if (typeof schema.contentMediaType !== "string" || schema.contentEncoding !== undefined) return false;
  return !/^text\/|[/+](json|xml)$/i.test(schema.contentMediaType.split(";")[0]?.trim() ?? "");
}

/**
 * Whether a schema has a file in it (see {@link isFileSchema}) anywhere: in a property, an item, an
 * alternative. A JSON body cannot carry one (`JSON.stringify` turns a Blob into `{}`), so a body that offers
 * multipart next to JSON is sent as multipart when its schema holds a file.
 */
export function holdsFile(doc: unknown, raw: unknown, seen = new Set<unknown>()): boolean {
  const schema = deref(doc, raw);
  if (!isRecord(schema) || seen.has(schema)) return false;
  seen.add(schema);
  if (isFileSchema(schema)) return true;
  const children: unknown[] = isRecord(schema.properties) ? Object.values(schema.properties) : [];
  for (const keyword of NESTED) {
    const value = schema[keyword];
    children.push(...(Array.isArray(value) ? value : [value]));
  }
  return children.some((child) => holdsFile(doc, child, seen));
}
