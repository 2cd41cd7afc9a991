import { isRecord } from "../openapi/json.js";
import type { RuleCode, Scope } from "./rules.js";
import { change, child, jsonEqual, type Located, type RawChange, show } from "./types.js";

/** Compares two subschemas found under the same keyword; supplied by the schema comparison (it recurses). */
export type Recurse = (base: Located, head: Located, scope: Scope) => RawChange[];

/** A schema's keywords after `allOf` members are merged in: keyword → its value and where the value is written. */
export type Keywords = Map<string, Located>;

const MIN_KEYWORDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains"];
const MAX_KEYWORDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains"];

/**
 * Subschema keywords that constrain the instance; openapi-typescript renders none of them into the generated types.
 * Inside `not`, the wire judgement takes the other direction.
 */
const SUBSCHEMA_KEYWORDS = [
  "not",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedProperties",
  "unevaluatedItems",
  "contentSchema",
];
/** Maps of subschemas, with whether openapi-typescript renders them (`patternProperties` becomes an index signature). */
const SUBSCHEMA_MAPS: Record<string, { typed: boolean }> = { dependentSchemas: { typed: false }, patternProperties: { typed: true } };

/** Every keyword this module compares. */
export const KEYWORDS_HANDLED = [
  ...MIN_KEYWORDS,
  ...MAX_KEYWORDS,
  "multipleOf",
  "uniqueItems",
  "pattern",
  "format",
  "contentEncoding",
  "contentMediaType",
  "dependentRequired",
  "if",
  "prefixItems",
  ...SUBSCHEMA_KEYWORDS,
  ...Object.keys(SUBSCHEMA_MAPS),
];

/** Stricter of two values of the same constraint keyword, for merging `allOf` members. */
export function stricter(key: string, a: unknown, b: unknown): unknown {
  if (typeof a !== "number" || typeof b !== "number") return a;
  if (MIN_KEYWORDS.includes(key)) return Math.max(a, b);
  if (MAX_KEYWORDS.includes(key)) return Math.min(a, b);
  return a;
}

/** JSON Schema 2020-12 validation and applicator keywords beyond shape: constraints, conditionals, subschemas. */
export function compareKeywords(
  bk: Keywords,
  b: Located,
  hk: Keywords,
  h: Located,
  scope: Scope,
  out: RawChange[],
  recurse: Recurse,
): void {
  const at = (key: string) => {
    const after = hk.get(key);
    return after
      ? { pointer: after.pointer, side: "head" as const }
      : { pointer: bk.get(key)?.pointer ?? child(b.pointer, key), side: "base" as const };
  };
  const push = (code: RuleCode, message: string, key: string, s: Scope = scope) => {
    const where = at(key);
    out.push(change(code, message, where.pointer, where.side, s));
  };
  const value = (map: Keywords, key: string) => map.get(key)?.node;

  for (const key of [...MIN_KEYWORDS, ...MAX_KEYWORDS]) {
    const before = numberOr(value(bk, key));
    const after = numberOr(value(hk, key));
    if (before === after) continue;
    const isMin = MIN_KEYWORDS.includes(key);
    const tightened = after !== undefined && (before === undefined || (isMin ? after > before : after < before));
    push(tightened ? "constraint-tightened" : "constraint-loosened", describeChange(key, before, after), key);
  }
  const beforeStep = numberOr(value(bk, "multipleOf"));
  const afterStep = numberOr(value(hk, "multipleOf"));
  if (beforeStep !== afterStep) {
    // A multiple of the old step accepts a subset; a divisor of it accepts a superset; anything else is both.
    const loosened = afterStep === undefined || (beforeStep !== undefined && isMultiple(beforeStep, afterStep));
    push(loosened ? "constraint-loosened" : "constraint-tightened", describeChange("multipleOf", beforeStep, afterStep), "multipleOf");
  }
  if ((value(bk, "uniqueItems") === true) !== (value(hk, "uniqueItems") === true)) {
    const now = value(hk, "uniqueItems") === true;
    push(now ? "constraint-tightened" : "constraint-loosened", `\`uniqueItems\` ${now ? "required" : "no longer required"}`, "uniqueItems");
  }
  comparePattern(value(bk, "pattern"), value(hk, "pattern"), push);
  if (!jsonEqual(value(bk, "format"), value(hk, "format"))) {
    push("format-changed", `\`format\` ${show(value(bk, "format") ?? null)} → ${show(value(hk, "format") ?? null)}`, "format");
  }
  for (const key of ["contentEncoding", "contentMediaType"]) {
    if (jsonEqual(value(bk, key), value(hk, key))) continue;
    push("content-encoding-changed", `\`${key}\` ${show(value(bk, key) ?? null)} → ${show(value(hk, key) ?? null)}`, key);
  }
  compareDependentRequired(bk, hk, b, h, scope, out);
  if (!jsonEqual(value(bk, "if"), value(hk, "if"))) {
    const what = !bk.has("if") ? "added" : !hk.has("if") ? "removed" : "changed";
    push("conditional-changed", `\`if\` ${what}: \`then\`/\`else\` apply to other values`, "if", { ...scope, untyped: "if" });
  }
  for (const key of SUBSCHEMA_KEYWORDS) compareSubschema(bk.get(key), hk.get(key), key, child(b.pointer, key), false, scope, out, recurse);
  for (const [key, { typed }] of Object.entries(SUBSCHEMA_MAPS)) {
    const before = bk.get(key);
    const after = hk.get(key);
    const bm = isRecord(before?.node) ? before.node : {};
    const hm = isRecord(after?.node) ? after.node : {};
    const bp = before?.pointer ?? child(b.pointer, key);
    const hp = after?.pointer ?? child(h.pointer, key);
    for (const name of new Set([...Object.keys(bm), ...Object.keys(hm)])) {
      const bl = name in bm ? { node: bm[name], pointer: child(bp, name) } : undefined;
      const hl = name in hm ? { node: hm[name], pointer: child(hp, name) } : undefined;
      compareSubschema(bl, hl, `${key}/${name}`, child(bp, name), typed, scope, out, recurse, key);
    }
  }
  const bItems = Array.isArray(bk.get("prefixItems")?.node) ? (bk.get("prefixItems")?.node as unknown[]) : [];
  const hItems = Array.isArray(hk.get("prefixItems")?.node) ? (hk.get("prefixItems")?.node as unknown[]) : [];
  for (let i = 0; i < Math.max(bItems.length, hItems.length); i++) {
    const bp = child(bk.get("prefixItems")?.pointer ?? child(b.pointer, "prefixItems"), i);
    const hp = child(hk.get("prefixItems")?.pointer ?? child(h.pointer, "prefixItems"), i);
    const bl = i < bItems.length ? { node: bItems[i], pointer: bp } : undefined;
    const hl = i < hItems.length ? { node: hItems[i], pointer: hp } : undefined;
    compareSubschema(bl, hl, `prefixItems/${i}`, bp, true, scope, out, recurse, "prefixItems");
  }
  // `items: false` closes a tuple (2020-12); schema-valued `items` is compared with the array's shape.
  const bClosed = value(bk, "items") === false;
  const hClosed = value(hk, "items") === false;
  if (bClosed !== hClosed) {
    push(hClosed ? "subschema-added" : "subschema-removed", `\`items: false\` ${hClosed ? "added" : "removed"}`, "items", {
      ...scope,
      untyped: "items: false",
    });
  }
}

/**
 * One subschema keyword. Absent (or `true`) allows everything; adding one narrows what the schema allows, removing one
 * widens it; present on both sides, the subschemas are compared (inside `not`, in the other direction).
 */
function compareSubschema(
  before: Located | undefined,
  after: Located | undefined,
  label: string,
  basePointer: string,
  typed: boolean,
  scope: Scope,
  out: RawChange[],
  recurse: Recurse,
  keyword = label,
): void {
  const b = before && before.node !== true ? before : undefined;
  const a = after && after.node !== true ? after : undefined;
  const inner: Scope = { ...scope, ...(typed ? {} : { untyped: keyword }), ...(keyword === "not" ? { negated: !scope.negated } : {}) };
  const outer: Scope = typed ? scope : { ...scope, untyped: keyword };
  if (!b && !a) return;
  if (!b && a) {
    out.push(change("subschema-added", `\`${label}\` added`, a.pointer, "head", outer));
    return;
  }
  if (b && !a) {
    out.push(change("subschema-removed", `\`${label}\` removed`, b.pointer ?? basePointer, "base", outer));
    return;
  }
  if (!b || !a || jsonEqual(b.node, a.node)) return;
  // `false` allows nothing: from or to it is the whole subschema appearing or going.
  if (a.node === false) out.push(change("subschema-added", `\`${label}\` became \`false\``, a.pointer, "head", outer));
  else if (b.node === false) out.push(change("subschema-removed", `\`${label}\` no longer \`false\``, a.pointer, "head", outer));
  else out.push(...recurse(b, a, inner));
}

function compareDependentRequired(bk: Keywords, hk: Keywords, b: Located, h: Located, scope: Scope, out: RawChange[]): void {
  const before = bk.get("dependentRequired");
  const after = hk.get("dependentRequired");
  const bm = isRecord(before?.node) ? before.node : {};
  const hm = isRecord(after?.node) ? after.node : {};
  for (const name of new Set([...Object.keys(bm), ...Object.keys(hm)])) {
    const was = new Set(Array.isArray(bm[name]) ? (bm[name] as unknown[]) : []);
    const now = new Set(Array.isArray(hm[name]) ? (hm[name] as unknown[]) : []);
    const added = [...now].filter((n) => !was.has(n));
    const removed = [...was].filter((n) => !now.has(n));
    const hp = child(after?.pointer ?? child(h.pointer, "dependentRequired"), name);
    const bp = child(before?.pointer ?? child(b.pointer, "dependentRequired"), name);
    if (added.length) {
      out.push(change("dependent-required-added", `with ${show(name)}, now also required: ${added.join(", ")}`, hp, "head", scope));
    }
    if (removed.length) {
      const onHead = name in hm;
      const message = `with ${show(name)}, no longer required: ${removed.join(", ")}`;
      out.push(change("dependent-required-removed", message, onHead ? hp : bp, onHead ? "head" : "base", scope));
    }
  }
}

/** Patterns that match every string: relaxing to one of these is removing the pattern. */
const UNIVERSAL_PATTERNS = new Set(["", ".*", "^.*$", "^.*", ".*$", "[\\s\\S]*", "^[\\s\\S]*$", "(.*)", "^(.*)$"]);

function comparePattern(before: unknown, after: unknown, push: (code: RuleCode, message: string, key: string) => void): void {
  const b = typeof before === "string" && !UNIVERSAL_PATTERNS.has(before) ? before : undefined;
  const a = typeof after === "string" && !UNIVERSAL_PATTERNS.has(after) ? after : undefined;
  if (b === a) {
    if (!jsonEqual(before, after))
      push("keyword-changed", `\`pattern\` ${show(before ?? null)} → ${show(after ?? null)} (both match every string)`, "pattern");
    return;
  }
  if (a === undefined) {
    push(
      "pattern-removed",
      `\`pattern\` ${show(b)} ${after === undefined ? "removed" : `relaxed to ${show(after)}, which matches every string`}`,
      "pattern",
    );
  } else push("pattern-added", `\`pattern\` ${b === undefined ? "added" : `changed from ${show(b)}`}: ${show(a)}`, "pattern");
}

function numberOr(value: unknown): number | undefined {
  return typeof value === "number" ? value : undefined;
}

function isMultiple(of: number, step: number): boolean {
  const ratio = of / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

function describeChange(key: string, before: number | undefined, after: number | undefined): string {
  return `\`${key}\` ${before === undefined ? `added: ${after}` : after === undefined ? "removed" : `changed from ${before} to ${after}`}`;
}
