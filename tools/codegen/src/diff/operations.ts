import { camelCase } from "../names.js";
import { isRecord } from "../openapi/json.js";
import { compareAnnotations, compareSchema, type DiffContext } from "./schema.js";
import { child, deref, jsonEqual, type Located, type RawChange, show } from "./types.js";

const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One operation of a spec, found under `paths`. */
export interface OperationRef {
  /** Method plus path with parameter names blanked (`GET /a/{}`): renaming `{id}` does not make a new URL. */
  key: string;
  /** `GET /a/{id}` as written. */
  label: string;
  method: string;
  path: string;
  pointer: string;
  itemPointer: string;
  op: Record<string, unknown>;
  item: Record<string, unknown>;
  operationId?: string;
}

export function collectOperations(doc: unknown): Map<string, OperationRef> {
  const out = new Map<string, OperationRef>();
  const paths = isRecord(doc) && isRecord(doc.paths) ? doc.paths : {};
  for (const [path, rawItem] of Object.entries(paths)) {
    const itemPointer = child("#/paths", path);
    const item = deref(doc, rawItem, itemPointer).node;
    if (!isRecord(item)) continue;
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!isRecord(op)) continue;
      const key = `${method.toUpperCase()} ${normalizePath(path)}`;
      out.set(key, {
        key,
        label: `${method.toUpperCase()} ${path}`,
        method,
        path,
        pointer: child(itemPointer, method),
        itemPointer,
        op,
        item,
        operationId: typeof op.operationId === "string" ? op.operationId : undefined,
      });
    }
  }
  return out;
}

export function normalizePath(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

/** Everything that differs between two versions of one operation. */
export function compareOperation(ctx: DiffContext, b: OperationRef, h: OperationRef): RawChange[] {
  const out: RawChange[] = [];
  if (b.operationId !== h.operationId) {
    const before = b.operationId ? camelCase(b.operationId) : "";
    const after = h.operationId ? camelCase(h.operationId) : "";
    const renamed = before !== after;
    out.push({
      kind: renamed ? "breaking" : "fix",
      code: "operation-id-changed",
      message: `operationId ${show(b.operationId ?? null)} → ${show(h.operationId ?? null)}${
        renamed ? `: method ${before || "(none)"}() becomes ${after || "(none)"}()` : " (same method name)"
      }`,
      pointer: child(h.pointer, "operationId"),
      side: "head",
    });
  }
  compareAnnotations({ node: b.op, pointer: b.pointer }, { node: h.op, pointer: h.pointer }, undefined, out);
  for (const key of ["tags", "externalDocs", "servers", "callbacks"]) {
    if (jsonEqual(b.op[key], h.op[key])) continue;
    const inHead = key in h.op;
    out.push({
      kind: "fix",
      code: "keyword-changed",
      message: `\`${key}\` ${inHead ? "changed" : "removed"}`,
      pointer: inHead ? child(h.pointer, key) : child(b.pointer, key),
      side: inHead ? "head" : "base",
    });
  }
  compareSecurity(ctx, b, h, out);
  compareParameters(ctx, b, h, out);
  compareRequestBody(ctx, b, h, out);
  compareResponses(ctx, b, h, out);
  return out;
}

function effectiveSecurity(doc: unknown, ref: OperationRef): { value: unknown; pointer: string } {
  if ("security" in ref.op) return { value: ref.op.security, pointer: child(ref.pointer, "security") };
  return { value: isRecord(doc) ? doc.security : undefined, pointer: "#/security" };
}

function compareSecurity(ctx: DiffContext, b: OperationRef, h: OperationRef, out: RawChange[]): void {
  const before = effectiveSecurity(ctx.base, b);
  const after = effectiveSecurity(ctx.head, h);
  if (jsonEqual(normalizeSecurity(before.value), normalizeSecurity(after.value))) return;
  out.push({
    kind: "breaking",
    code: "security-changed",
    message: `required auth changed from ${describeSecurity(before.value)} to ${describeSecurity(after.value)}`,
    pointer: after.pointer,
    side: "head",
  });
}

function normalizeSecurity(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter(isRecord)
    .map((req) =>
      Object.keys(req)
        .sort()
        .map((k) => `${k}${JSON.stringify(req[k])}`)
        .join("+"),
    )
    .sort();
}

function describeSecurity(value: unknown): string {
  const list = normalizeSecurity(value).map((s) => s.replace(/\[\]/g, ""));
  return list.length ? list.join(" or ") : "none";
}

interface ParamRef extends Located {
  param: Record<string, unknown>;
  label: string;
  required: boolean;
}

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

const PARAMETER_KEYS = new Set(["name", "in", "required", "schema", "description", "example", "examples", "deprecated", "content"]);

function compareParameters(ctx: DiffContext, b: OperationRef, h: OperationRef, out: RawChange[]): void {
  const before = collectParams(ctx.base, b);
  const after = collectParams(ctx.head, h);
  for (const [key, p] of before) {
    if (!after.has(key))
      out.push({ kind: "breaking", code: "parameter-removed", message: `${p.label} removed`, pointer: p.pointer, side: "base" });
  }
  for (const [key, p] of after) {
    const old = before.get(key);
    if (!old) {
      out.push({
        kind: p.required ? "breaking" : "feature",
        code: "parameter-added",
        message: `${p.required ? "required" : "optional"} ${p.label} added`,
        pointer: p.pointer,
        side: "head",
      });
      continue;
    }
    if (!old.required && p.required) {
      out.push({
        kind: "breaking",
        code: "parameter-became-required",
        message: `${p.label} became required`,
        pointer: p.pointer,
        side: "head",
      });
    } else if (old.required && !p.required) {
      out.push({
        kind: "feature",
        code: "parameter-became-optional",
        message: `${p.label} became optional`,
        pointer: p.pointer,
        side: "head",
      });
    }
    if (old.param.schema !== undefined || p.param.schema !== undefined) {
      out.push(
        ...compareSchema(
          ctx,
          old.param.schema ?? {},
          child(old.pointer, "schema"),
          p.param.schema ?? {},
          child(p.pointer, "schema"),
          "request",
        ),
      );
    }
    compareContent(ctx, old.param.content, child(old.pointer, "content"), p.param.content, child(p.pointer, "content"), "request", out);
    compareAnnotations(old, p, "request", out);
    for (const k of new Set([...Object.keys(old.param), ...Object.keys(p.param)])) {
      if (PARAMETER_KEYS.has(k) || k.startsWith("x-") || jsonEqual(old.param[k], p.param[k])) continue;
      // style, explode, allowReserved: how the value is written into the URL
      out.push({
        kind: "fix",
        code: "keyword-changed",
        message: `\`${k}\` of ${p.label} changed`,
        pointer: child(p.pointer, k),
        side: "head",
      });
    }
  }
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
    out.push({
      kind: requiredAfter ? "breaking" : "feature",
      code: "request-body-added",
      message: `${requiredAfter ? "required" : "optional"} request body added`,
      pointer: after.pointer,
      side: "head",
    });
    return;
  }
  if (!hasAfter) {
    out.push({ kind: "breaking", code: "request-body-removed", message: "request body removed", pointer: before.pointer, side: "base" });
    return;
  }
  if (!requiredBefore && requiredAfter) {
    out.push({
      kind: "breaking",
      code: "request-body-became-required",
      message: "request body became required",
      pointer: after.pointer,
      side: "head",
    });
  } else if (requiredBefore && !requiredAfter) {
    out.push({
      kind: "feature",
      code: "request-body-became-optional",
      message: "request body became optional",
      pointer: after.pointer,
      side: "head",
    });
  }
  compareAnnotations(before, after, "request", out);
  const bc = isRecord(before.node) ? before.node.content : undefined;
  const hc = isRecord(after.node) ? after.node.content : undefined;
  compareContent(ctx, bc, child(before.pointer, "content"), hc, child(after.pointer, "content"), "request", out);
}

/**
 * Media types of a body. On the request side a removed media type breaks callers and an added one is a feature;
 * responses pass `removedKind`/`addedKind` of their own.
 */
function compareContent(
  ctx: DiffContext,
  bc: unknown,
  bp: string,
  hc: unknown,
  hp: string,
  dir: "request" | "response",
  out: RawChange[],
  kinds: { removed: RawChange["kind"]; added: RawChange["kind"] } = { removed: "breaking", added: "feature" },
): void {
  const before = isRecord(bc) ? bc : {};
  const after = isRecord(hc) ? hc : {};
  const where = dir === "request" ? "request" : "response";
  for (const mt of Object.keys(before)) {
    if (!(mt in after)) {
      out.push({
        kind: kinds.removed,
        code: `${where}-media-type-removed`,
        message: `${where} media type ${mt} removed`,
        pointer: child(bp, mt),
        side: "base",
        direction: dir,
      });
    }
  }
  for (const [mt, media] of Object.entries(after)) {
    const old = before[mt];
    if (old === undefined) {
      out.push({
        kind: kinds.added,
        code: `${where}-media-type-added`,
        message: `${where} media type ${mt} added`,
        pointer: child(hp, mt),
        side: "head",
        direction: dir,
      });
      continue;
    }
    const oldMedia = isRecord(old) ? old : {};
    const newMedia = isRecord(media) ? media : {};
    if (oldMedia.schema !== undefined || newMedia.schema !== undefined) {
      out.push(...compareSchema(ctx, oldMedia.schema ?? {}, child(bp, mt, "schema"), newMedia.schema ?? {}, child(hp, mt, "schema"), dir));
    }
    compareAnnotations({ node: oldMedia, pointer: child(bp, mt) }, { node: newMedia, pointer: child(hp, mt) }, dir, out);
    if (!jsonEqual(oldMedia.encoding, newMedia.encoding)) {
      out.push({
        kind: "fix",
        code: "keyword-changed",
        message: "`encoding` changed",
        pointer: child(hp, mt, "encoding"),
        side: "head",
        direction: dir,
      });
    }
  }
}

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/**
 * Success responses are what a method returns: removing one, adding one (the result type widens) or changing its
 * body is classified by the usual response-side rules. Error responses only feed `ApiError.body` (typed `unknown`),
 * so every change in them is a fix.
 */
function compareResponses(ctx: DiffContext, b: OperationRef, h: OperationRef, out: RawChange[]): void {
  const before = isRecord(b.op.responses) ? b.op.responses : {};
  const after = isRecord(h.op.responses) ? h.op.responses : {};
  for (const status of Object.keys(before)) {
    if (status in after) continue;
    out.push({
      kind: isSuccess(status) ? "breaking" : "fix",
      code: isSuccess(status) ? "response-removed" : "error-response-removed",
      message: `${status} response removed`,
      pointer: child(b.pointer, "responses", status),
      side: "base",
      direction: "response",
    });
  }
  for (const [status, raw] of Object.entries(after)) {
    const success = isSuccess(status);
    if (!(status in before)) {
      out.push({
        kind: success ? "breaking" : "fix",
        code: success ? "response-added" : "error-response-added",
        message: `${status} response added${success ? ": the method's result type gains an alternative" : ""}`,
        pointer: child(h.pointer, "responses", status),
        side: "head",
        direction: "response",
      });
      continue;
    }
    const bl = deref(ctx.base, before[status], child(b.pointer, "responses", status));
    const hl = deref(ctx.head, raw, child(h.pointer, "responses", status));
    const found: RawChange[] = [];
    compareAnnotations(bl, hl, "response", found);
    const bn = isRecord(bl.node) ? bl.node : {};
    const hn = isRecord(hl.node) ? hl.node : {};
    compareContent(ctx, bn.content, child(bl.pointer, "content"), hn.content, child(hl.pointer, "content"), "response", found, {
      removed: "breaking",
      // The method's result is typed from the JSON media type: gaining one (or another kind) narrows nothing.
      added: "feature",
    });
    if (!jsonEqual(bn.headers, hn.headers)) {
      found.push({
        kind: "fix",
        code: "response-headers-changed",
        message: `headers of the ${status} response changed`,
        pointer: child(hl.pointer, "headers"),
        side: "head",
        direction: "response",
      });
    }
    out.push(...(success ? found : found.map((c) => ({ ...c, kind: "fix" as const }))));
  }
}
