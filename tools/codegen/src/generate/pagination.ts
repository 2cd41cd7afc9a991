import type { OpenApiDocument, OperationObject, ResponseObject, SchemaObject } from "../openapi/document.js";
import { isRecord } from "../openapi/load.js";
import { isJsonMediaType } from "../openapi/media-types.js";
import type { OperationEntry } from "../openapi/operations.js";
import { pointerOf } from "../openapi/pointer.js";
import { deref } from "../openapi/resolve.js";

/** The spec extension declaring how a list operation pages (specs/README.md, "Pagination"). */
export const PAGINATION_EXTENSION = "x-modelfleet-pagination";

/** A valid `x-modelfleet-pagination`, as the runtime's `PaginationDescriptor` takes it. */
export interface PaginationModel {
  style: "offset" | "page" | "cursor" | "next-url";
  items: string;
  offset?: string;
  page?: string;
  firstPage?: number;
  cursor?: string;
  limit?: string;
  defaultLimit?: number;
  total?: string;
  next?: string;
}

type Report = (code: string, message: string, pointer: string, help: string) => void;

const STYLES = ["offset", "page", "cursor", "next-url"] as const;
/** Keys each style takes: `required` must be there, `optional` may be. */
const KEYS: Record<PaginationModel["style"], { required: string[]; optional: string[] }> = {
  offset: { required: ["items", "offset"], optional: ["limit", "total"] },
  page: { required: ["items", "page"], optional: ["limit", "total", "firstPage", "next"] },
  cursor: { required: ["items", "cursor", "next"], optional: ["limit"] },
  "next-url": { required: ["items", "next"], optional: ["limit"] },
};
const EXAMPLE: Record<PaginationModel["style"], string> = {
  offset: "`{style: offset, items: /data, offset: offset, limit: limit, total: /meta/total_count}`",
  page: '`{style: page, items: "", page: page, limit: per-page, next: link-header}`',
  cursor: "`{style: cursor, items: /data, cursor: page_token, next: /next_page_token}`",
  "next-url": "`{style: next-url, items: /results, next: /next}`",
};

/**
 * Reads and checks an operation's `x-modelfleet-pagination`: `undefined` when it has none, `false` when it declares
 * itself unpaged, the model when valid. Every problem is reported (code `modelfleet/pagination-*`), none thrown.
 */
export function readPagination(doc: OpenApiDocument, entry: OperationEntry, report: Report): PaginationModel | false | undefined {
  const raw = (entry.operation as OperationObject & Record<string, unknown>)[PAGINATION_EXTENSION];
  if (raw === undefined) return undefined;
  const at = `${entry.pointer}/${PAGINATION_EXTENSION}`;
  if (raw === false) return false;
  if (!isRecord(raw)) {
    report(
      "modelfleet/pagination-shape",
      `${PAGINATION_EXTENSION} must be a mapping (or \`false\` for a list returned whole), found ${describe(raw)}`,
      at,
      `declare the style and where the items are, e.g. ${EXAMPLE.offset}`,
    );
    return undefined;
  }
  const style = raw.style;
  if (typeof style !== "string" || !(STYLES as readonly string[]).includes(style)) {
    report(
      "modelfleet/pagination-style",
      `${PAGINATION_EXTENSION}.style must be one of ${STYLES.join(", ")}, found ${describe(style)}`,
      raw.style === undefined ? at : `${at}/style`,
      "offset/limit → offset; page number/size → page; a cursor or page token in the body → cursor; a next URL → next-url",
    );
    return undefined;
  }
  const s = style as PaginationModel["style"];
  let ok = true;
  const bad: Report = (...args) => {
    ok = false;
    report(...args);
  };
  if (entry.method !== "get") {
    bad(
      "modelfleet/pagination-method",
      `${entry.method.toUpperCase()} ${entry.path} declares ${PAGINATION_EXTENSION}, but only GET operations can be paged (a page may be requested again)`,
      at,
      "move the extension to the GET list operation, or remove it",
    );
  }
  const { required, optional } = KEYS[s];
  for (const key of Object.keys(raw)) {
    if (key !== "style" && !required.includes(key) && !optional.includes(key)) {
      bad(
        "modelfleet/pagination-key",
        `${PAGINATION_EXTENSION}.${key} is not a key of the ${s} style (it takes ${[...required, ...optional].join(", ")})`,
        `${at}/${escapeKey(key)}`,
        `remove it; e.g. ${EXAMPLE[s]}`,
      );
    }
  }
  for (const key of required) {
    if (raw[key] === undefined) {
      bad("modelfleet/pagination-key", `${PAGINATION_EXTENSION} of style ${s} needs \`${key}\``, at, `e.g. ${EXAMPLE[s]}`);
    }
  }

  // Parameters: each name must be a query parameter of the operation.
  const query = new Map(entry.parameters.filter((p) => p.parameter.in === "query").map((p) => [p.parameter.name, p.parameter]));
  const paramOf = (key: "offset" | "page" | "cursor" | "limit"): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !query.has(value)) {
      bad(
        "modelfleet/pagination-parameter",
        `${PAGINATION_EXTENSION}.${key} names ${describe(value)}, which is not a query parameter of ${entry.operation.operationId ?? entry.path}`,
        `${at}/${key}`,
        `name one of its query parameters (${[...query.keys()].join(", ") || "it has none: declare the parameter first"})`,
      );
      return undefined;
    }
    return value;
  };
  const model: PaginationModel = { style: s, items: "" };
  for (const key of ["offset", "page", "cursor", "limit"] as const) {
    const name = paramOf(key);
    if (name !== undefined) model[key] = name;
  }
  if (model.limit !== undefined) {
    const schema = deref<SchemaObject>(doc, query.get(model.limit)?.schema);
    if (isRecord(schema) && typeof schema.default === "number") model.defaultLimit = schema.default;
  }
  if (raw.firstPage !== undefined) {
    if (typeof raw.firstPage !== "number" || !Number.isInteger(raw.firstPage) || raw.firstPage < 0) {
      bad(
        "modelfleet/pagination-shape",
        `${PAGINATION_EXTENSION}.firstPage must be a non-negative integer, found ${describe(raw.firstPage)}`,
        `${at}/firstPage`,
        "the number of the first page: 1 for most APIs, 0 for zero-based ones",
      );
    } else model.firstPage = raw.firstPage;
  }

  // Pointers: each must lead, through the success response's schema, to a value of the right type.
  const body = successSchema(doc, entry.operation);
  if (!body) {
    bad(
      "modelfleet/pagination-pointer",
      `${entry.operation.operationId ?? entry.path} declares ${PAGINATION_EXTENSION} but has no 2xx JSON response with a schema`,
      at,
      "describe the page's JSON body so the items can be found in it",
    );
    return undefined;
  }
  const pointerTo = (key: "items" | "total" | "next", type: "array" | "integer" | "string", allowLink = false): string | undefined => {
    const value = raw[key];
    if (value === undefined) return undefined;
    if (allowLink && value === "link-header") return value;
    if (typeof value !== "string" || (value !== "" && !value.startsWith("/"))) {
      bad(
        "modelfleet/pagination-pointer",
        `${PAGINATION_EXTENSION}.${key} must be a JSON pointer into the response body${allowLink ? " or `link-header`" : ""}, found ${describe(value)}`,
        `${at}/${key}`,
        key === "items"
          ? 'e.g. `/data`, or `""` when the body itself is the array'
          : `e.g. \`/${key === "total" ? "meta/total_count" : "next"}\``,
      );
      return undefined;
    }
    const found = schemaAt(doc, body, value);
    if (!found || !hasType(doc, found, type)) {
      bad(
        "modelfleet/pagination-pointer",
        `${PAGINATION_EXTENSION}.${key} ${JSON.stringify(value)} ${found ? `is not ${type === "string" ? "a string" : `an ${type}`} in` : "is not declared by"} the success response's schema`,
        `${at}/${key}`,
        found
          ? `point ${key} at the response's ${type === "array" ? "array of items" : type === "integer" ? "total count" : "next cursor or URL"}`
          : "point it at a property the response schema declares (follow its properties from the body's root)",
      );
      return undefined;
    }
    return value;
  };
  const items = pointerTo("items", "array");
  if (items !== undefined) model.items = items;
  const total = pointerTo("total", "integer");
  if (total !== undefined) model.total = total;
  if (raw.next !== undefined) {
    if (s === "page" && raw.next !== "link-header") {
      bad(
        "modelfleet/pagination-shape",
        `${PAGINATION_EXTENSION}.next of the page style can only be \`link-header\`, found ${describe(raw.next)}`,
        `${at}/next`,
        'use `next: link-header` when the server sends `Link: <…>; rel="next"` while more pages exist; a URL in the body is the next-url style',
      );
    } else if (s === "page") model.next = "link-header";
    else {
      const next = pointerTo("next", "string", s === "next-url");
      if (next !== undefined) model.next = next;
    }
  }
  return ok ? model : undefined;
}

/** The schema of the first 2xx JSON response of an operation. */
function successSchema(doc: OpenApiDocument, op: OperationObject): unknown {
  const responses = isRecord(op.responses) ? op.responses : {};
  for (const status of Object.keys(responses)
    .filter((s) => /^2(\d\d|XX)$/.test(s))
    .sort()) {
    const response = deref<ResponseObject>(doc, responses[status]);
    const content = isRecord(response) && isRecord(response.content) ? response.content : {};
    const mediaType = Object.keys(content).find(isJsonMediaType);
    const media = mediaType ? content[mediaType] : undefined;
    if (isRecord(media) && media.schema !== undefined) return media.schema;
  }
  return undefined;
}

/** The schema a JSON pointer reaches from `schema`, through `properties`, `items` (numeric segments) and composition. */
function schemaAt(doc: OpenApiDocument, schema: unknown, pointer: string): unknown {
  if (pointer === "") return deref(doc, schema);
  const [head = "", ...rest] = pointer.slice(1).split("/");
  const key = head.replace(/~1/g, "/").replace(/~0/g, "~");
  for (const candidate of alternatives(doc, schema)) {
    const properties = isRecord(candidate.properties) ? candidate.properties : {};
    const child = Object.hasOwn(properties, key) ? properties[key] : /^\d+$/.test(key) ? candidate.items : undefined;
    if (child === undefined) continue;
    const found = schemaAt(doc, child, rest.length ? `/${rest.join("/")}` : "");
    if (found !== undefined) return found;
  }
  return undefined;
}

/** A schema and the members of its `allOf`, `anyOf` and `oneOf`, refs resolved. */
function alternatives(doc: OpenApiDocument, schema: unknown, depth = 0): Record<string, unknown>[] {
  const node = deref<Record<string, unknown>>(doc, schema);
  if (!isRecord(node) || depth > 8) return [];
  const out = [node];
  for (const key of ["allOf", "anyOf", "oneOf"]) {
    const list = node[key];
    if (Array.isArray(list)) for (const member of list) out.push(...alternatives(doc, member, depth + 1));
  }
  return out;
}

function hasType(doc: OpenApiDocument, schema: unknown, type: "array" | "integer" | "string"): boolean {
  return alternatives(doc, schema).some((s) => {
    const t = s.type;
    const types = Array.isArray(t) ? t : [t];
    if (types.includes(type)) return true;
    if (type === "integer" && types.includes("number")) return true;
    return type === "array" && s.items !== undefined && t === undefined;
  });
}

function escapeKey(key: string): string {
  return pointerOf(key).slice(2);
}

function describe(value: unknown): string {
  return value === undefined ? "nothing" : (JSON.stringify(value) ?? String(value));
}
