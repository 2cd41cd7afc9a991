import { isRecord } from "../openapi/json.js";
import { collectOperations, compareOperation, normalizePath, type OperationRef } from "./operations.js";
import { compareAnnotations, compareSchema, type DiffContext, newContext } from "./schema.js";
import {
  type ChangeKind,
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
  collector.add(compareComponents(ctx, b, h));
  for (const key of new Set([...Object.keys(b), ...Object.keys(h)])) {
    if (["info", "servers", "security", "paths", "components"].includes(key) || jsonEqual(b[key], h[key])) continue;
    const inHead = key in h;
    collector.add([
      {
        kind: "fix",
        code: "document-changed",
        message: `\`${key}\` ${inHead ? "changed" : "removed"}`,
        pointer: child("#", key),
        side: inHead ? "head" : "base",
      },
    ]);
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
          code: c.code,
          message: c.message,
          pointer: c.pointer,
          side: c.side,
          operations: operation ? [operation] : [],
          directions: c.direction ? [c.direction] : [],
        });
        continue;
      }
      if (maxKind(existing.kind, c.kind) !== existing.kind) {
        existing.kind = c.kind;
        existing.message = c.message;
      }
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
    const identity = IDENTITY_KEYS.has(key);
    out.push({
      kind: identity ? "breaking" : "fix",
      code: identity ? "package-identity-changed" : "extension-changed",
      message: `info.x-modelfleet.${key} ${show(bx[key] ?? null)} → ${show(hx[key] ?? null)}`,
      pointer: child("#/info/x-modelfleet", key),
      side: key in hx ? "head" : "base",
    });
  }
  for (const key of new Set([...Object.keys(bi), ...Object.keys(hi)])) {
    if (key === "x-modelfleet" || jsonEqual(bi[key], hi[key])) continue;
    out.push({
      kind: "fix",
      code: "info-changed",
      message: `info.${key} ${key in hi ? (key in bi ? "changed" : "added") : "removed"}`,
      pointer: child("#/info", key),
      side: key in hi ? "head" : "base",
    });
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
    return [
      {
        kind: "breaking",
        code: "server-url-changed",
        message: `default base URL ${show(before ?? null)} → ${show(after ?? null)}`,
        pointer: after !== undefined ? "#/servers/0/url" : "#/servers",
        side: after !== undefined ? "head" : "base",
      },
    ];
  }
  const normalized = (doc: Record<string, unknown>) =>
    Array.isArray(doc.servers)
      ? doc.servers.map((s) => (isRecord(s) && typeof s.url === "string" ? { ...s, url: s.url.replace(/\/+$/, "") } : s))
      : doc.servers;
  if (jsonEqual(normalized(b), normalized(h))) return [];
  return [{ kind: "fix", code: "servers-changed", message: "servers other than the default changed", pointer: "#/servers", side: "head" }];
}

function compareSecuritySchemes(b: Record<string, unknown>, h: Record<string, unknown>): RawChange[] {
  const out: RawChange[] = [];
  const schemes = (doc: Record<string, unknown>) => {
    const c = isRecord(doc.components) ? doc.components : {};
    return isRecord(c.securitySchemes) ? c.securitySchemes : {};
  };
  const bs = schemes(b);
  const hs = schemes(h);
  for (const name of new Set([...Object.keys(bs), ...Object.keys(hs)])) {
    const pointer = child("#/components/securitySchemes", name);
    const before = isRecord(bs[name]) ? (bs[name] as Record<string, unknown>) : undefined;
    const after = isRecord(hs[name]) ? (hs[name] as Record<string, unknown>) : undefined;
    if (!before || !after) {
      // Whether the change matters is decided where the scheme is required (security-changed).
      out.push({
        kind: "fix",
        code: after ? "security-scheme-added" : "security-scheme-removed",
        message: `security scheme ${show(name)} ${after ? "added" : "removed"}`,
        pointer,
        side: after ? "head" : "base",
      });
      continue;
    }
    for (const key of ["type", "in", "name", "scheme", "bearerFormat", "flows", "openIdConnectUrl"]) {
      if (jsonEqual(before[key], after[key])) continue;
      out.push({
        kind: "breaking",
        code: "security-scheme-changed",
        message: `security scheme ${show(name)}: \`${key}\` ${show(before[key] ?? null)} → ${show(after[key] ?? null)}`,
        pointer: child(pointer, key),
        side: "head",
      });
    }
    compareAnnotations({ node: before, pointer }, { node: after, pointer }, undefined, out);
  }
  return out;
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
      collector.add(
        [
          {
            kind: "breaking",
            code: "operation-moved",
            message: `${show(b.operationId)} moved from ${b.label} to ${moved.label}`,
            pointer: moved.pointer,
            side: "head",
          },
          ...compareOperation(ctx, b, moved),
        ],
        moved.label,
      );
      continue;
    }
    removed.push(b);
  }
  const headPaths = new Set([...after.values()].map((o) => normalizePath(o.path)));
  const removedPaths = new Map<string, OperationRef[]>();
  for (const b of removed) {
    if (headPaths.has(normalizePath(b.path))) {
      collector.add(
        [
          {
            kind: "breaking",
            code: "operation-removed",
            message: `${b.label}${b.operationId ? ` (${b.operationId})` : ""} removed`,
            pointer: b.pointer,
            side: "base",
          },
        ],
        b.label,
      );
    } else removedPaths.set(b.path, [...(removedPaths.get(b.path) ?? []), b]);
  }
  for (const [path, ops] of removedPaths) {
    const names = ops.map((o) => `${o.method.toUpperCase()}${o.operationId ? ` (${o.operationId})` : ""}`).join(", ");
    for (const op of ops) {
      collector.add(
        [
          {
            kind: "breaking",
            code: "path-removed",
            message: `path ${path} removed with its operations: ${names}`,
            pointer: op.itemPointer,
            side: "base",
          },
        ],
        op.label,
      );
    }
  }
  for (const h of added.values()) {
    collector.add(
      [
        {
          kind: "feature",
          code: "operation-added",
          message: `${h.label}${h.operationId ? ` (${h.operationId})` : ""} added`,
          pointer: h.pointer,
          side: "head",
        },
      ],
      h.label,
    );
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
    if (!(name in hs)) {
      out.push({
        kind: "breaking",
        code: "schema-removed",
        message: `schema ${show(name)} removed (its exported type goes with it)`,
        pointer: child("#/components/schemas", name),
        side: "base",
      });
    }
  }
  for (const [name, schema] of Object.entries(hs)) {
    const pointer = child("#/components/schemas", name);
    if (!(name in bs)) {
      out.push({ kind: "feature", code: "schema-added", message: `schema ${show(name)} added`, pointer, side: "head" });
      continue;
    }
    if (ctx.reachedBase.has(pointer) || ctx.reachedHead.has(pointer)) continue;
    for (const dir of ["request", "response"] as Direction[]) out.push(...compareSchema(ctx, bs[name], pointer, schema, pointer, dir));
  }
  return out;
}

/** The most serious kind among changes, or `undefined` when there are none. */
export function highestKind(changes: ReadonlyArray<{ kind: ChangeKind }>): ChangeKind | undefined {
  return changes.reduce<ChangeKind | undefined>((acc, c) => (acc ? maxKind(acc, c.kind) : c.kind), undefined);
}
