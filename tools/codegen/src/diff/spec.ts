import { isRecord } from "../openapi/json.js";
import { collectOperations, compareOperation, normalizePath, type OperationRef } from "./operations.js";
import { compareSchema, type DiffContext, newContext } from "./schema.js";
import { compareSecuritySchemes } from "./security.js";
import {
  type ChangeKind,
  change,
  child,
  compareKinds,
  type Direction,
  jsonEqual,
  maxKind,
  type RawChange,
  type SpecChange,
  show,
} from "./types.js";

/** Identity fields of `info.x-modelfleet`: changing one renames the package, its factory or its key's env var. */
const IDENTITY_KEYS = new Set(["package", "name", "envVar"]);

/**
 * Compares two versions of one OpenAPI document, operation by operation (keyed by method and path) and schema by
 * schema, and classifies every difference. Changes reached from several operations are reported once, with every
 * operation they reach.
 */
export function diffDocuments(base: unknown, head: unknown): SpecChange[] {
  const ctx = newContext(base, head);
  const collector = new Collector();
  const b = isRecord(base) ? base : {};
  const h = isRecord(head) ? head : {};

  collector.add(compareInfo(b, h));
  collector.add(compareServers(b, h));
  collector.add(compareSecuritySchemes(b, h));
  compareAllOperations(ctx, collector);
  compareWebhooks(ctx, collector);
  collector.add(compareComponents(ctx, b, h));
  for (const key of new Set([...Object.keys(b), ...Object.keys(h)])) {
    if (["info", "servers", "security", "paths", "webhooks", "components"].includes(key) || jsonEqual(b[key], h[key])) continue;
    const inHead = key in h;
    collector.add([change("document-changed", `\`${key}\` ${inHead ? "changed" : "removed"}`, child("#", key), inHead ? "head" : "base")]);
  }
  return collector.result();
}

/** Merges changes found at the same place by several operations or in both directions. */
class Collector {
  private readonly byKey = new Map<string, SpecChange>();

  add(changes: RawChange[], operation?: string): void {
    for (const c of changes) {
      const key = `${c.side}|${c.pointer}|${c.code}`;
      const existing = this.byKey.get(key);
      if (!existing) {
        this.byKey.set(key, {
          kind: c.kind,
          wire: c.wire,
          types: c.types,
          code: c.code,
          message: c.message,
          pointer: c.pointer,
          side: c.side,
          operations: operation ? [operation] : [],
          directions: c.direction ? [c.direction] : [],
          notes: [...c.notes],
        });
        continue;
      }
      // The same place reached in several ways (directions, operations): each verdict keeps its most serious value,
      // and the notes are those of the most serious finding.
      const stronger = compareKinds(c.kind, existing.kind) < 0;
      const same = c.kind === existing.kind;
      existing.wire = maxKind(existing.wire, c.wire);
      existing.types = maxKind(existing.types, c.types);
      existing.kind = maxKind(existing.wire, existing.types);
      if (stronger) {
        existing.message = c.message;
        existing.notes = [...c.notes];
      } else if (same) for (const n of c.notes) if (!existing.notes.includes(n)) existing.notes.push(n);
      if (operation && !existing.operations.includes(operation)) existing.operations.push(operation);
      if (c.direction && !existing.directions.includes(c.direction)) existing.directions.push(c.direction);
    }
  }

  result(): SpecChange[] {
    const list = [...this.byKey.values()];
    for (const c of list) {
      c.operations.sort();
      c.directions.sort();
    }
    return list.sort((a, b) => compareKinds(a.kind, b.kind) || a.pointer.localeCompare(b.pointer) || a.code.localeCompare(b.code));
  }
}

function compareInfo(b: Record<string, unknown>, h: Record<string, unknown>): RawChange[] {
  const out: RawChange[] = [];
  const bi = isRecord(b.info) ? b.info : {};
  const hi = isRecord(h.info) ? h.info : {};
  const bx = isRecord(bi["x-modelfleet"]) ? bi["x-modelfleet"] : {};
  const hx = isRecord(hi["x-modelfleet"]) ? hi["x-modelfleet"] : {};
  for (const key of new Set([...Object.keys(bx), ...Object.keys(hx)])) {
    if (jsonEqual(bx[key], hx[key])) continue;
    const code = key === "envVar" ? "api-key-env-var-changed" : IDENTITY_KEYS.has(key) ? "package-identity-changed" : "extension-changed";
    const message = `info.x-modelfleet.${key} ${show(bx[key] ?? null)} → ${show(hx[key] ?? null)}`;
    out.push(change(code, message, child("#/info/x-modelfleet", key), key in hx ? "head" : "base"));
  }
  for (const key of new Set([...Object.keys(bi), ...Object.keys(hi)])) {
    if (key === "x-modelfleet" || jsonEqual(bi[key], hi[key])) continue;
    const message = `info.${key} ${key in hi ? (key in bi ? "changed" : "added") : "removed"}`;
    out.push(change("info-changed", message, child("#/info", key), key in hi ? "head" : "base"));
  }
  return out;
}

/**
 * `servers[0].url` is the generated client's default base URL. Changing it is breaking: every caller relying on the
 * default starts sending requests (and its API key) to another host or path, which can cross a firewall allow-list
 * or a data-residency boundary, and a caller pinning `baseUrl` gets paths meant for another prefix. Other servers
 * are documentation.
 */
function compareServers(b: Record<string, unknown>, h: Record<string, unknown>): RawChange[] {
  const url = (doc: Record<string, unknown>): string | undefined => {
    const first = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
    return isRecord(first) && typeof first.url === "string" ? first.url.replace(/\/+$/, "") : undefined;
  };
  const before = url(b);
  const after = url(h);
  if (before !== after) {
    const message = `default base URL ${show(before ?? null)} → ${show(after ?? null)}`;
    return [
      change("server-url-changed", message, after !== undefined ? "#/servers/0/url" : "#/servers", after !== undefined ? "head" : "base"),
    ];
  }
  const normalized = (doc: Record<string, unknown>) =>
    Array.isArray(doc.servers)
      ? doc.servers.map((s) => (isRecord(s) && typeof s.url === "string" ? { ...s, url: s.url.replace(/\/+$/, "") } : s))
      : doc.servers;
  if (jsonEqual(normalized(b), normalized(h))) return [];
  return [change("servers-changed", "servers other than the default changed", "#/servers", "head")];
}

function compareAllOperations(ctx: DiffContext, collector: Collector): void {
  const before = collectOperations(ctx.base);
  const after = collectOperations(ctx.head);
  const removed: OperationRef[] = [];
  const added = new Map([...after].filter(([key]) => !before.has(key)));
  for (const [key, b] of before) {
    const h = after.get(key);
    if (h) {
      collector.add(compareOperation(ctx, b, h), h.label);
      continue;
    }
    // Same operationId elsewhere: the operation moved (its method name survives, its URL does not).
    const moved = b.operationId ? [...added.values()].find((a) => a.operationId === b.operationId) : undefined;
    if (moved) {
      added.delete(moved.key);
      const message = `${show(b.operationId)} moved from ${b.label} to ${moved.label}`;
      collector.add([change("operation-moved", message, moved.pointer, "head"), ...compareOperation(ctx, b, moved)], moved.label);
      continue;
    }
    removed.push(b);
  }
  const headPaths = new Set([...after.values()].map((o) => normalizePath(o.path)));
  const removedPaths = new Map<string, OperationRef[]>();
  for (const b of removed) {
    if (headPaths.has(normalizePath(b.path))) {
      const message = `${b.label}${b.operationId ? ` (${b.operationId})` : ""} removed`;
      collector.add([change("operation-removed", message, b.pointer, "base")], b.label);
    } else removedPaths.set(b.path, [...(removedPaths.get(b.path) ?? []), b]);
  }
  for (const [path, ops] of removedPaths) {
    const names = ops.map((o) => `${o.method.toUpperCase()}${o.operationId ? ` (${o.operationId})` : ""}`).join(", ");
    for (const op of ops) {
      collector.add([change("path-removed", `path ${path} removed with its operations: ${names}`, op.itemPointer, "base")], op.label);
    }
  }
  for (const h of added.values()) {
    collector.add([change("operation-added", `${h.label}${h.operationId ? ` (${h.operationId})` : ""} added`, h.pointer, "head")], h.label);
  }
}

/**
 * Webhooks are requests the API sends to the client: their payloads are judged as responses (what the client
 * receives) and their responses as requests (what it sends back). Keyed by name and method.
 */
function compareWebhooks(ctx: DiffContext, collector: Collector): void {
  const before = collectOperations(ctx.base, true);
  const after = collectOperations(ctx.head, true);
  for (const [key, b] of before) {
    const h = after.get(key);
    if (h) collector.add(compareOperation(ctx, b, h), h.label);
    else collector.add([change("webhook-removed", `${b.label} removed`, b.pointer, "base")], b.label);
  }
  for (const [key, h] of after) {
    if (!before.has(key)) collector.add([change("webhook-added", `${h.label} added`, h.pointer, "head")], h.label);
  }
}

/**
 * Every component schema is exported as a named type, so removing one is breaking and adding one is a feature.
 * Schemas no operation reaches are compared in both directions and keep the more serious result.
 */
function compareComponents(ctx: DiffContext, b: Record<string, unknown>, h: Record<string, unknown>): RawChange[] {
  const out: RawChange[] = [];
  const schemas = (doc: Record<string, unknown>) => {
    const c = isRecord(doc.components) ? doc.components : {};
    return isRecord(c.schemas) ? c.schemas : {};
  };
  const bs = schemas(b);
  const hs = schemas(h);
  for (const name of Object.keys(bs)) {
    if (name in hs) continue;
    out.push(
      change(
        "schema-removed",
        `schema ${show(name)} removed (its exported type goes with it)`,
        child("#/components/schemas", name),
        "base",
      ),
    );
  }
  for (const [name, schema] of Object.entries(hs)) {
    const pointer = child("#/components/schemas", name);
    if (!(name in bs)) {
      out.push(change("schema-added", `schema ${show(name)} added`, pointer, "head"));
      continue;
    }
    if (ctx.reachedBase.has(pointer) || ctx.reachedHead.has(pointer)) continue;
    for (const dir of ["request", "response"] as Direction[]) out.push(...compareSchema(ctx, bs[name], pointer, schema, pointer, { dir }));
  }
  return out;
}

/** The most serious kind among changes, or `undefined` when there are none. */
export function highestKind(changes: ReadonlyArray<{ kind: ChangeKind }>): ChangeKind | undefined {
  return changes.reduce<ChangeKind | undefined>((acc, c) => (acc ? maxKind(acc, c.kind) : c.kind), undefined);
}
