import { camelCase } from "../names.js";
import { isRecord } from "../openapi/json.js";
import { bodyEncodingOf, readAsOf } from "../openapi/media-types.js";
import type { RuleCode, Scope } from "./rules.js";
import { compareAnnotations, compareSchema, type DiffContext } from "./schema.js";
import { compareOperationSecurity } from "./security.js";
import { change, child, type Direction, deref, jsonEqual, type Located, type RawChange, show } from "./types.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One operation of a spec, found under `paths` (or a webhook, found under `webhooks`). */
export interface OperationRef {
  /** Method plus path with parameter names blanked (`GET /a/{}`): renaming `{id}` does not make a new URL. */
  key: string;
  /** `GET /a/{id}` as written; `webhook itemReady (POST)` for a webhook. */
  label: string;
  method: string;
  path: string;
  pointer: string;
  itemPointer: string;
  op: Record<string, unknown>;
  item: Record<string, unknown>;
  operationId?: string;
  /**
   * Set for webhooks: the API calls the client, so the payload (request body) is what the client receives and the
   * responses are what it sends back.
   */
  webhook?: boolean;
}

/** Operations under `paths`, or with `webhooks: true` the operations of `webhooks`. */
export function collectOperations(doc: unknown, webhooks = false): Map<string, OperationRef> {
  const out = new Map<string, OperationRef>();
  const section = webhooks ? "webhooks" : "paths";
  const items = isRecord(doc) && isRecord(doc[section]) ? doc[section] : {};
  for (const [path, rawItem] of Object.entries(items)) {
    const itemPointer = child(`#/${section}`, path);
    const item = deref(doc, rawItem, itemPointer).node;
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const key = webhooks ? `webhook ${path} ${method.toUpperCase()}` : `${method.toUpperCase()} ${normalizePath(path)}`;
      out.set(key, {
        key,
        label: webhooks ? `webhook ${path} (${method.toUpperCase()})` : `${method.toUpperCase()} ${path}`,
        method,
        path,
        pointer: child(itemPointer, method),
        itemPointer,
        op,
        item,
        operationId: typeof op.operationId === "string" ? op.operationId : undefined,
        ...(webhooks ? { webhook: true } : {}),
      });
    }
  }
  return out;
}

export function normalizePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

/** Which way data flows for what the client sends (`out`) and receives (`in`) in this operation. */
function flows(ref: OperationRef): { out: Direction; in: Direction } {
  return ref.webhook ? { out: "response", in: "request" } : { out: "request", in: "response" };
}

/** Everything that differs between two versions of one operation. */
export function compareOperation(ctx: DiffContext, b: OperationRef, h: OperationRef): RawChange[] {
  const out: RawChange[] = [];
  if (b.operationId !== h.operationId) {
    const before = b.operationId ? camelCase(b.operationId) : "";
    const after = h.operationId ? camelCase(h.operationId) : "";
    const renamed = before !== after;
    const message = `operationId ${show(b.operationId ?? null)} → ${show(h.operationId ?? null)}${
      renamed ? `: method ${before || "(none)"}() becomes ${after || "(none)"}()` : " (same method name)"
    }`;
    out.push(change(renamed ? "operation-id-changed" : "operation-id-respelled", message, child(h.pointer, "operationId"), "head"));
  }
  compareAnnotations({ node: b.op, pointer: b.pointer }, { node: h.op, pointer: h.pointer }, undefined, out);
  comparePagination(b, h, out);
  for (const key of ["tags", "externalDocs", "servers", "callbacks"]) {
    if (jsonEqual(b.op[key], h.op[key])) continue;
    const inHead = key in h.op;
    out.push(
      change(
        "keyword-changed",
        `\`${key}\` ${inHead ? "changed" : "removed"}`,
        child(inHead ? h.pointer : b.pointer, key),
        inHead ? "head" : "base",
      ),
    );
  }
  if (!h.webhook) {
    out.push(...compareOperationSecurity({ doc: ctx.base, op: b.op, pointer: b.pointer }, { doc: ctx.head, op: h.op, pointer: h.pointer }));
  }
  compareParameters(ctx, b, h, out);
  compareRequestBody(ctx, b, h, out);
  compareResponses(ctx, b, h, out);
  return out;
}

const PAGINATION = "x-modelfleet-pagination";

/** `x-modelfleet-pagination`: a declaration gives the method iterators, `false` or none gives it none. */
function comparePagination(b: OperationRef, h: OperationRef, out: RawChange[]): void {
  const before = b.op[PAGINATION];
  const after = h.op[PAGINATION];
  if (jsonEqual(before, after)) return;
  const at = (ref: OperationRef) => child(ref.pointer, PAGINATION);
  if (!isRecord(before) && !isRecord(after)) {
    const inHead = PAGINATION in h.op;
    out.push(
      change(
        "extension-changed",
        `\`${PAGINATION}\` ${show(before ?? null)} → ${show(after ?? null)}`,
        at(inHead ? h : b),
        inHead ? "head" : "base",
      ),
    );
  } else if (!isRecord(before)) {
    out.push(
      change(
        "pagination-added",
        `\`${PAGINATION}\` declared (style ${show((after as Record<string, unknown>).style ?? null)}): iterators added`,
        at(h),
        "head",
      ),
    );
  } else if (!isRecord(after)) {
    const inHead = PAGINATION in h.op;
    out.push(
      change(
        "pagination-removed",
        `\`${PAGINATION}\` ${inHead ? "set to false" : "removed"}: iterators removed`,
        at(inHead ? h : b),
        inHead ? "head" : "base",
      ),
    );
  } else if (!jsonEqual(before.items, after.items)) {
    out.push(
      change(
        "pagination-items-changed",
        `\`${PAGINATION}.items\` ${show(before.items ?? null)} → ${show(after.items ?? null)}`,
        child(at(h), "items"),
        "head",
      ),
    );
  } else {
    out.push(change("pagination-changed", `\`${PAGINATION}\` changed`, at(h), "head"));
  }
}

interface ParamRef extends Located {
  param: Record<string, unknown>;
  label: string;
  required: boolean;
}

/** Parameters by `in` and name (a header's name in lower case: HTTP header names are case-insensitive). */
function collectParams(doc: unknown, ref: OperationRef): Map<string, ParamRef> {
  const out = new Map<string, ParamRef>();
  const lists: Array<[unknown, string]> = [
    [ref.item.parameters, child(ref.itemPointer, "parameters")],
    [ref.op.parameters, child(ref.pointer, "parameters")],
  ];
  for (const [list, at] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, i) => {
      const loc = deref(doc, raw, child(at, i));
      const p = loc.node;
      if (!isRecord(p) || typeof p.name !== "string" || typeof p.in !== "string") return;
      const name = p.in === "header" ? p.name.toLowerCase() : p.name;
      out.set(`${p.in}:${name}`, {
        ...loc,
        param: p,
        label: `${p.in} parameter ${show(p.name)}`,
        required: p.in === "path" || p.required === true,
      });
    });
  }
  return out;
}

/**
 * Pairs the path parameters that kept no name across the two versions, so a renamed `{id}` is one parameter under a
 * new name rather than one removed and one added: first those at the same place in their own path template, then,
 * when as many are left on each side, the rest in order (a document whose template and parameter name disagree,
 * `/items/{id}` declaring `item_id`, has no place to match by). The base one is re-keyed under its head key.
 */
function pairPathParams(before: Map<string, ParamRef>, after: Map<string, ParamRef>, b: OperationRef, h: OperationRef): void {
  const unmatched = (mine: Map<string, ParamRef>, other: Map<string, ParamRef>) =>
    [...mine].filter(([key, p]) => p.param.in === "path" && !other.has(key));
  const olds = unmatched(before, after);
  const news = unmatched(after, before);
  const baseTemplate = templateNames(b.path);
  const headTemplate = templateNames(h.path);
  const pairs: Array<[string, string]> = [];
  for (const [oldKey, old] of [...olds]) {
    const place = baseTemplate.indexOf(old.param.name as string);
    const match = place < 0 ? -1 : news.findIndex(([, p]) => headTemplate.indexOf(p.param.name as string) === place);
    if (match < 0) continue;
    pairs.push([oldKey, (news[match] as [string, ParamRef])[0]]);
    news.splice(match, 1);
    olds.splice(
      olds.findIndex(([key]) => key === oldKey),
      1,
    );
  }
  if (olds.length === news.length) for (const [i, [oldKey]] of olds.entries()) pairs.push([oldKey, (news[i] as [string, ParamRef])[0]]);
  for (const [oldKey, newKey] of pairs) {
    const old = before.get(oldKey) as ParamRef;
    before.delete(oldKey);
    before.set(newKey, old);
  }
}

function templateNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1] as string);
}

const PARAMETER_KEYS = new Set(["name", "in", "required", "schema", "description", "example", "examples", "deprecated", "content"]);
const SERIALIZATION_KEYS = ["style", "explode", "allowReserved", "allowEmptyValue"];

function compareParameters(ctx: DiffContext, b: OperationRef, h: OperationRef, out: RawChange[]): void {
  const before = collectParams(ctx.base, b);
  const after = collectParams(ctx.head, h);
  pairPathParams(before, after, b, h);
  const scope: Scope = { dir: flows(h).out };
  for (const [key, p] of before) {
    if (!after.has(key)) out.push(change("parameter-removed", `${p.label} removed`, p.pointer, "base", scope));
  }
  for (const [key, p] of after) {
    const old = before.get(key);
    if (!old) {
      const code = p.required ? "required-parameter-added" : "parameter-added";
      out.push(change(code, `${p.required ? "required" : "optional"} ${p.label} added`, p.pointer, "head", scope));
      continue;
    }
    if (old.param.name !== p.param.name && p.param.in === "path") {
      out.push(
        change("path-parameter-renamed", `path parameter ${show(old.param.name)} renamed to ${show(p.param.name)}`, p.pointer, "head"),
      );
    }
    if (!old.required && p.required) out.push(change("parameter-became-required", `${p.label} became required`, p.pointer, "head", scope));
    else if (old.required && !p.required)
      out.push(change("parameter-became-optional", `${p.label} became optional`, p.pointer, "head", scope));
    compareParameterSchema(ctx, old, p, scope, out);
    compareContent(ctx, old.param.content, child(old.pointer, "content"), p.param.content, child(p.pointer, "content"), scope, out);
    compareAnnotations(old, p, scope, out);
    for (const k of SERIALIZATION_KEYS) {
      if (jsonEqual(old.param[k], p.param[k])) continue;
      const message = `\`${k}\` of ${p.label} ${show(old.param[k] ?? null)} → ${show(p.param[k] ?? null)}`;
      out.push(change("parameter-serialization-changed", message, child(p.pointer, k), "head"));
    }
    for (const k of new Set([...Object.keys(old.param), ...Object.keys(p.param)])) {
      if (PARAMETER_KEYS.has(k) || SERIALIZATION_KEYS.includes(k) || k.startsWith("x-") || jsonEqual(old.param[k], p.param[k])) continue;
      out.push(change("keyword-changed", `\`${k}\` of ${p.label} changed`, child(p.pointer, k), "head"));
    }
  }
}

/**
 * A query, header or cookie parameter that became an array of what it was (`type: array`, or `[array, "null"]`):
 * `?tag=a` is still a valid array of one, so only the argument's type changes; the old schema is compared with the
 * new items. A parameter's value is text on the wire, which the comparison is told (`text`): `5` is sent as "5".
 */
function compareParameterSchema(ctx: DiffContext, old: ParamRef, p: ParamRef, scope: Scope, out: RawChange[]): void {
  if (old.param.schema === undefined && p.param.schema === undefined) return;
  const bp = child(old.pointer, "schema");
  const hp = child(p.pointer, "schema");
  const was = deref(ctx.base, old.param.schema ?? {}, bp);
  const now = deref(ctx.head, p.param.schema ?? {}, hp);
  const text: Scope = { ...scope, text: true };
  const wasArray = isRecord(was.node) && (was.node.type === "array" || (Array.isArray(was.node.type) && was.node.type.includes("array")));
  if (p.param.in !== "path" && !wasArray && isArraySchema(now.node) && isRecord(now.node) && isRecord(now.node.items)) {
    out.push(change("parameter-became-array", `${p.label} now takes an array of values`, child(hp, "type"), "head"));
    const items = deref(ctx.head, now.node.items, child(now.pointer, "items"));
    const itemType = [items.pointer, child(items.pointer, "type")];
    // The argument's type change is parameter-became-array's; an item type every old value's text still fits
    // (`string | integer` → `string`) is no change of its own.
    const changes = compareSchema(ctx, old.param.schema ?? {}, bp, now.node.items, child(now.pointer, "items"), text);
    out.push(...changes.filter((c) => !(c.code.startsWith("type-") && c.wire === "fix" && itemType.includes(c.pointer))));
    return;
  }
  out.push(...compareSchema(ctx, old.param.schema ?? {}, bp, p.param.schema ?? {}, hp, text));
}

/** `type: array`, alone or with `null` (`[array, "null"]`, a list OpenAPI 3.1 allows). */
function isArraySchema(schema: unknown): boolean {
  if (!isRecord(schema)) return false;
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).filter((t) => t !== "null");
  return types.length === 1 && types[0] === "array";
}

function compareRequestBody(ctx: DiffContext, b: OperationRef, h: OperationRef, out: RawChange[]): void {
  const hasBefore = b.op.requestBody !== undefined;
  const hasAfter = h.op.requestBody !== undefined;
  if (!hasBefore && !hasAfter) return;
  const before = deref(ctx.base, b.op.requestBody, child(b.pointer, "requestBody"));
  const after = deref(ctx.head, h.op.requestBody, child(h.pointer, "requestBody"));
  const requiredAfter = isRecord(after.node) && after.node.required === true;
  const requiredBefore = isRecord(before.node) && before.node.required === true;
  if (!hasBefore) {
    const code = requiredAfter ? "required-request-body-added" : "request-body-added";
    out.push(change(code, `${requiredAfter ? "required" : "optional"} request body added`, after.pointer, "head"));
    return;
  }
  if (!hasAfter) {
    out.push(change("request-body-removed", "request body removed", before.pointer, "base"));
    return;
  }
  if (!requiredBefore && requiredAfter)
    out.push(change("request-body-became-required", "request body became required", after.pointer, "head"));
  else if (requiredBefore && !requiredAfter)
    out.push(change("request-body-became-optional", "request body became optional", after.pointer, "head"));
  const scope: Scope = { dir: flows(h).out };
  compareAnnotations(before, after, scope, out);
  const bc = isRecord(before.node) ? before.node.content : undefined;
  const hc = isRecord(after.node) ? after.node.content : undefined;
  compareContent(ctx, bc, child(before.pointer, "content"), hc, child(after.pointer, "content"), scope, out);
}

/** `application/json` and `application/*+json` are one family (parsed and typed alike); parameters are ignored. */
function family(mediaType: string): string {
  const bare = mediaType.split(";")[0]?.trim().toLowerCase() ?? "";
  const suffix = /^application\/(?:[^/]+\+)?(json|xml)$/.exec(bare);
  return suffix ? `application/${suffix[1]}` : bare;
}

/**
 * Media types of a body, matched exactly, then by family (`application/json` → `application/problem+json` is the
 * same body under another name); what stays unmatched was removed or added.
 */
function compareContent(ctx: DiffContext, bc: unknown, bp: string, hc: unknown, hp: string, scope: Scope, out: RawChange[]): void {
  const before = isRecord(bc) ? bc : {};
  const after = isRecord(hc) ? hc : {};
  const sending = scope.dir === "request";
  const pairs: Array<[string, string]> = [];
  const removed = Object.keys(before).filter((mt) => !(mt in after));
  const added = Object.keys(after).filter((mt) => !(mt in before));
  for (const mt of Object.keys(after)) if (mt in before) pairs.push([mt, mt]);
  for (const mt of [...removed]) {
    const match = added.find((a) => family(a) === family(mt));
    if (!match) continue;
    removed.splice(removed.indexOf(mt), 1);
    added.splice(added.indexOf(match), 1);
    pairs.push([mt, match]);
    out.push(change("media-type-renamed", `media type ${mt} → ${match} (same family: ${family(mt)})`, child(hp, match), "head", scope));
  }
  const removedCode: RuleCode = sending ? "request-media-type-removed" : "response-media-type-removed";
  const addedCode: RuleCode = sending ? "request-media-type-added" : "response-media-type-added";
  const what = sending ? "request" : "response";
  for (const mt of removed) out.push(change(removedCode, `${what} media type ${mt} removed`, child(bp, mt), "base", scope));
  for (const mt of added) out.push(change(addedCode, `${what} media type ${mt} added`, child(hp, mt), "head", scope));
  for (const [bmt, hmt] of pairs) {
    const oldMedia = isRecord(before[bmt]) ? before[bmt] : {};
    const newMedia = isRecord(after[hmt]) ? after[hmt] : {};
    const opaque = opaqueBody(hmt, sending);
    const bodyScope: Scope = opaque ? { ...scope, opaqueBody: opaque } : scope;
    if (oldMedia.schema !== undefined && newMedia.schema === undefined) {
      // One change: nothing constrains the body any more (its properties are not each "removed").
      const message = `schema of the ${what} body removed: any ${what} body is accepted`;
      out.push(change("type-widened", message, child(bp, bmt, "schema"), "base", bodyScope));
    } else if (oldMedia.schema !== undefined || newMedia.schema !== undefined) {
      out.push(
        ...compareSchema(ctx, oldMedia.schema ?? {}, child(bp, bmt, "schema"), newMedia.schema ?? {}, child(hp, hmt, "schema"), bodyScope),
      );
    }
    compareAnnotations({ node: oldMedia, pointer: child(bp, bmt) }, { node: newMedia, pointer: child(hp, hmt) }, scope, out);
    if (!jsonEqual(oldMedia.encoding, newMedia.encoding)) {
      out.push(change("keyword-changed", "`encoding` changed", child(hp, hmt, "encoding"), "head", scope));
    }
  }
}

/**
 * Why the schema of a body in this media type reaches neither the wire verdict nor the types, or undefined when it
 * does: the client sends JSON, form and multipart bodies only, and parses only JSON (an XML or other body is read as
 * a string, a Blob or a stream, its schema unused).
 */
function opaqueBody(mediaType: string, sending: boolean): string | undefined {
  if (sending) {
    return bodyEncodingOf(mediaType) ? undefined : `the client cannot send a ${mediaType} body: its schema reaches no request it makes`;
  }
  const readAs = readAsOf(mediaType);
  return readAs === "json"
    ? undefined
    : `a ${mediaType} body is read as ${READ_AS_TYPE[readAs]}, never parsed: its schema is typed nowhere`;
}

const READ_AS_TYPE = { json: "JSON", text: "a string", blob: "a Blob", stream: "a stream" } as const;

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/**
 * Success responses are what a method returns: removing one, adding one (the result type widens) or changing its
 * body is judged by the response-side rules. Error responses only feed `ApiError.body` (typed `unknown`), so every
 * change in them is a fix on both counts.
 */
function compareResponses(ctx: DiffContext, b: OperationRef, h: OperationRef, out: RawChange[]): void {
  const before = isRecord(b.op.responses) ? b.op.responses : {};
  const after = isRecord(h.op.responses) ? h.op.responses : {};
  const dir = flows(h).in;
  for (const status of Object.keys(before)) {
    if (status in after) continue;
    const code = isSuccess(status) ? "response-removed" : "error-response-removed";
    out.push(change(code, `${status} response removed`, child(b.pointer, "responses", status), "base", { dir }));
  }
  for (const [status, raw] of Object.entries(after)) {
    const success = isSuccess(status);
    if (!(status in before)) {
      const message = `${status} response added${success ? ": the method's result type gains an alternative" : ""}`;
      out.push(
        change(success ? "response-added" : "error-response-added", message, child(h.pointer, "responses", status), "head", { dir }),
      );
      continue;
    }
    const scope: Scope = success ? { dir } : { dir, errorBody: true };
    const bl = deref(ctx.base, before[status], child(b.pointer, "responses", status));
    const hl = deref(ctx.head, raw, child(h.pointer, "responses", status));
    compareAnnotations(bl, hl, scope, out);
    const bn = isRecord(bl.node) ? bl.node : {};
    const hn = isRecord(hl.node) ? hl.node : {};
    compareContent(ctx, bn.content, child(bl.pointer, "content"), hn.content, child(hl.pointer, "content"), scope, out);
    if (!jsonEqual(bn.headers, hn.headers)) {
      out.push(
        change("response-headers-changed", `headers of the ${status} response changed`, child(hl.pointer, "headers"), "head", scope),
      );
    }
  }
}
