import { isRecord } from "../openapi/json.js";
import { compareAnnotations } from "./schema.js";
import { change, child, jsonEqual, type RawChange, show } from "./types.js";

/**
 * Security is judged on the request side only: it decides which requests are accepted, and no response carries the
 * caller's credentials. Tightening (auth now needed, an accepted requirement removed, a scope added, a scheme sent
 * differently) breaks callers on the wire; loosening does not. The types verdict is always a fix: credentials are a
 * client option (`apiKey`), never a method argument, so no call stops compiling.
 */
export function compareOperationSecurity(
  base: { doc: unknown; op: Record<string, unknown>; pointer: string },
  head: { doc: unknown; op: Record<string, unknown>; pointer: string },
): RawChange[] {
  const before = effective(base.doc, base.op, base.pointer);
  const after = effective(head.doc, head.op, head.pointer);
  const out: RawChange[] = [];
  const at = after.pointer;
  if (before.public !== after.public) {
    const needed = !after.public;
    out.push(
      change(
        needed ? "security-added" : "security-removed",
        needed ? `auth now required: ${describe(after.alternatives)}` : `auth no longer required (was ${describe(before.alternatives)})`,
        at,
        "head",
      ),
    );
    return out;
  }
  if (after.public) return out;
  for (const [key, scopes] of before.alternatives) {
    const now = after.alternatives.get(key);
    if (!now) {
      out.push(change("security-alternative-removed", `auth by ${key} no longer accepted`, at, "head"));
      continue;
    }
    const added = [...now].filter((s) => !scopes.has(s));
    const removed = [...scopes].filter((s) => !now.has(s));
    if (added.length) out.push(change("security-scopes-added", `auth by ${key} now needs scope(s) ${added.join(", ")}`, at, "head"));
    if (removed.length)
      out.push(change("security-scopes-removed", `auth by ${key} no longer needs scope(s) ${removed.join(", ")}`, at, "head"));
  }
  for (const key of after.alternatives.keys()) {
    if (!before.alternatives.has(key)) out.push(change("security-alternative-added", `auth by ${key} now also accepted`, at, "head"));
  }
  return out;
}

interface Effective {
  pointer: string;
  /** No requirement, or an empty one (`{}`): a call without credentials is accepted. */
  public: boolean;
  /** Accepted requirements: `a+b` (schemes needed together) → the scopes they need. */
  alternatives: Map<string, Set<string>>;
}

function effective(doc: unknown, op: Record<string, unknown>, pointer: string): Effective {
  const own = "security" in op;
  const value = own ? op.security : isRecord(doc) ? doc.security : undefined;
  const list = Array.isArray(value) ? value.filter(isRecord) : [];
  const alternatives = new Map<string, Set<string>>();
  let open = list.length === 0;
  for (const requirement of list) {
    const names = Object.keys(requirement).sort();
    if (names.length === 0) open = true;
    const scopes = names.flatMap((n) =>
      Array.isArray(requirement[n]) ? (requirement[n] as unknown[]).map((s) => `${n}:${String(s)}`) : [],
    );
    alternatives.set(names.join("+"), new Set(scopes));
  }
  alternatives.delete("");
  return { pointer: own ? child(pointer, "security") : "#/security", public: open, alternatives };
}

function describe(alternatives: Map<string, Set<string>>): string {
  return alternatives.size ? [...alternatives.keys()].join(" or ") : "none";
}

const SCHEME_KEYS = ["type", "in", "name", "scheme", "bearerFormat", "flows", "openIdConnectUrl"];

/** Scheme definitions: a changed way of sending the credential breaks every operation requiring the scheme. */
export function compareSecuritySchemes(b: Record<string, unknown>, h: Record<string, unknown>): RawChange[] {
  const out: RawChange[] = [];
  const schemes = (doc: Record<string, unknown>) => {
    const c = isRecord(doc.components) ? doc.components : {};
    return isRecord(c.securitySchemes) ? c.securitySchemes : {};
  };
  const bs = schemes(b);
  const hs = schemes(h);
  for (const name of new Set([...Object.keys(bs), ...Object.keys(hs)])) {
    const pointer = child("#/components/securitySchemes", name);
    const before = isRecord(bs[name]) ? bs[name] : undefined;
    const after = isRecord(hs[name]) ? hs[name] : undefined;
    if (!before || !after) {
      // Whether it matters is decided where an operation requires the scheme.
      out.push(
        change(
          after ? "security-scheme-added" : "security-scheme-removed",
          `security scheme ${show(name)} ${after ? "added" : "removed"}`,
          pointer,
          after ? "head" : "base",
        ),
      );
      continue;
    }
    for (const key of SCHEME_KEYS) {
      if (jsonEqual(before[key], after[key])) continue;
      const message = `security scheme ${show(name)}: \`${key}\` ${show(before[key] ?? null)} → ${show(after[key] ?? null)}`;
      out.push(change("security-scheme-changed", message, child(pointer, key), "head"));
    }
    compareAnnotations({ node: before, pointer }, { node: after, pointer }, undefined, out);
  }
  return out;
}
