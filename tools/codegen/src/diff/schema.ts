import { isRecord } from "../openapi/json.js";
import { type ChangeKind, child, type Direction, deref, jsonEqual, type Located, type RawChange, show } from "./types.js";

/** State shared by every comparison of one pair of documents. */
export interface DiffContext {
  base: unknown;
  head: unknown;
  /** Results per (base pointer, head pointer, direction): a schema used by ten operations is compared once. */
  memo: Map<string, RawChange[]>;
  /** Pairs being compared right now: a recursive schema stops here instead of looping. */
  active: Set<string>;
  /** Component pointers reached from an operation, per document. */
  reachedBase: Set<string>;
  reachedHead: Set<string>;
}

export function newContext(base: unknown, head: unknown): DiffContext {
  return { base, head, memo: new Map(), active: new Set(), reachedBase: new Set(), reachedHead: new Set() };
}

/** The kind of a change that depends on which way data flows. */
function byDirection(dir: Direction, request: ChangeKind, response: ChangeKind): ChangeKind {
  return dir === "request" ? request : response;
}

/**
 * Compares two schemas, following `$ref`s on both sides. Widening what a client may send is a feature and
 * narrowing it breaks callers; widening what a client may receive breaks callers and narrowing it is a fix.
 */
export function compareSchema(
  ctx: DiffContext,
  baseNode: unknown,
  basePointer: string,
  headNode: unknown,
  headPointer: string,
  dir: Direction,
): RawChange[] {
  const b = deref(ctx.base, baseNode, basePointer);
  const h = deref(ctx.head, headNode, headPointer);
  ctx.reachedBase.add(b.pointer);
  ctx.reachedHead.add(h.pointer);
  const key = `${b.pointer}|${h.pointer}|${dir}`;
  const cached = ctx.memo.get(key);
  if (cached) return cached;
  if (ctx.active.has(key)) return [];
  ctx.active.add(key);
  const out: RawChange[] = [];
  compareResolved(ctx, b, h, dir, out);
  ctx.active.delete(key);
  ctx.memo.set(key, out);
  return out;
}

interface NullSplit {
  /** The schema without its null alternative: a wrapper's single member, or the schema itself. */
  core: Located;
  nullable: boolean;
  /** Set when the schema only wraps one member (`anyOf: [X, {type: null}]`, `allOf: [X]`). */
  wrapped: boolean;
}

const STRUCTURAL = ["type", "properties", "items", "enum", "const", "additionalProperties"];

function splitNull(doc: unknown, loc: Located): NullSplit {
  const s = isRecord(loc.node) ? loc.node : {};
  let nullable = s.nullable === true || typeList(s).includes("null") || (Array.isArray(s.enum) && s.enum.includes(null));
  for (const keyword of ["anyOf", "oneOf", "allOf"] as const) {
    const list = s[keyword];
    if (!Array.isArray(list)) continue;
    const members = list.map((m, i) => deref(doc, m, child(loc.pointer, keyword, i)));
    const nonNull = members.filter((m) => !isNullSchema(m.node));
    if (keyword !== "allOf" && nonNull.length < members.length) nullable = true;
    const onlyKeyword = !STRUCTURAL.some((k) => k in s) && ["anyOf", "oneOf", "allOf"].filter((k) => k in s).length === 1;
    const [single] = nonNull;
    if (nonNull.length === 1 && single && onlyKeyword && !isOpenEnumMembers(members)) {
      const inner = splitNull(doc, single);
      return { core: inner.core, nullable: nullable || inner.nullable, wrapped: true };
    }
  }
  return { core: loc, nullable, wrapped: false };
}

function compareResolved(ctx: DiffContext, b: Located, h: Located, dir: Direction, out: RawChange[]): void {
  const bn = splitNull(ctx.base, b);
  const hn = splitNull(ctx.head, h);
  if (!bn.nullable && hn.nullable) {
    out.push({
      kind: byDirection(dir, "feature", "breaking"),
      code: "became-nullable",
      message: "now also accepts null",
      pointer: h.pointer,
      side: "head",
      direction: dir,
    });
  } else if (bn.nullable && !hn.nullable) {
    out.push({
      kind: byDirection(dir, "breaking", "fix"),
      code: "no-longer-nullable",
      message: "no longer accepts null",
      pointer: h.pointer,
      side: "head",
      direction: dir,
    });
  }
  if (bn.wrapped && hn.wrapped) {
    // The wrappers' own annotations (FastAPI puts title and description next to anyOf), then what they wrap.
    compareAnnotations(b, h, dir, out);
    out.push(...compareSchema(ctx, bn.core.node, bn.core.pointer, hn.core.node, hn.core.pointer, dir));
    return;
  }
  if (bn.wrapped || hn.wrapped) {
    out.push(...compareSchema(ctx, bn.core.node, bn.core.pointer, hn.core.node, hn.core.pointer, dir));
    return;
  }
  compareCore(ctx, b, h, dir, out);
}

/** What one schema allows, with `null` and `$ref`s taken out and `allOf` merged. */
interface View {
  types?: Set<string>;
  enumInfo?: { open: boolean; pointer: string; entries: Array<{ value: unknown; pointer: string }> };
  properties: Map<string, Located>;
  required: Set<string>;
  items?: Located;
  /** 0: no other properties; 1: others matching a schema; 2: anything (absent or `true`). */
  additional: { rank: 0 | 1 | 2; loc?: Located };
  variants?: Located[];
}

function view(doc: unknown, loc: Located, depth = 0): View {
  const s = isRecord(loc.node) ? loc.node : {};
  const v: View = { properties: new Map(), required: new Set(), additional: { rank: 2 } };
  if ("type" in s) v.types = new Set(typeList(s).filter((t) => t !== "null"));
  if (Array.isArray(s.enum)) {
    v.enumInfo = {
      open: false,
      pointer: child(loc.pointer, "enum"),
      entries: s.enum.flatMap((value, i) => (value === null ? [] : [{ value, pointer: child(loc.pointer, "enum", i) }])),
    };
  } else if ("const" in s && s.const !== null) {
    v.enumInfo = { open: false, pointer: child(loc.pointer, "const"), entries: [{ value: s.const, pointer: child(loc.pointer, "const") }] };
  }
  if (isRecord(s.properties)) {
    for (const [name, node] of Object.entries(s.properties))
      v.properties.set(name, { node, pointer: child(loc.pointer, "properties", name) });
  }
  if (Array.isArray(s.required)) for (const name of s.required) if (typeof name === "string") v.required.add(name);
  if (s.items !== undefined && !Array.isArray(s.items)) v.items = { node: s.items, pointer: child(loc.pointer, "items") };
  if (s.additionalProperties === false) v.additional = { rank: 0 };
  else if (isRecord(s.additionalProperties) && Object.keys(s.additionalProperties).length > 0) {
    v.additional = { rank: 1, loc: { node: s.additionalProperties, pointer: child(loc.pointer, "additionalProperties") } };
  }
  if (depth > 16) return v;
  if (Array.isArray(s.allOf)) {
    s.allOf.forEach((member, i) => {
      merge(v, view(doc, deref(doc, member, child(loc.pointer, "allOf", i)), depth + 1));
    });
  }
  for (const keyword of ["anyOf", "oneOf"] as const) {
    const list = s[keyword];
    if (!Array.isArray(list)) continue;
    const members = list.map((m, i) => deref(doc, m, child(loc.pointer, keyword, i))).filter((m) => !isNullSchema(m.node));
    if (isOpenEnumMembers(members)) {
      const entries: Array<{ value: unknown; pointer: string }> = [];
      let pointer = "";
      for (const m of members) {
        const values = isRecord(m.node) && Array.isArray(m.node.enum) ? m.node.enum : undefined;
        if (!values) continue;
        pointer ||= child(m.pointer, "enum");
        values.forEach((value, i) => {
          entries.push({ value, pointer: child(m.pointer, "enum", i) });
        });
      }
      v.enumInfo = { open: true, pointer, entries };
      v.types ??= new Set(["string"]);
    } else if (members.length === 1 && members[0]) {
      merge(v, view(doc, members[0], depth + 1));
    } else if (members.length > 1) {
      // Where each alternative is written (not where its $ref leads), so an added one is pointed at in the list.
      v.variants = list
        .map((node, i) => ({ node, pointer: child(loc.pointer, keyword, i) }))
        .filter((m) => !isNullSchema(deref(doc, m.node, m.pointer).node));
    }
  }
  return v;
}

function merge(into: View, from: View): void {
  for (const [name, loc] of from.properties) if (!into.properties.has(name)) into.properties.set(name, loc);
  for (const name of from.required) into.required.add(name);
  if (from.types) into.types = into.types ? new Set([...into.types].filter((t) => covered(t, from.types as Set<string>))) : from.types;
  into.enumInfo ??= from.enumInfo;
  into.items ??= from.items;
  into.variants ??= from.variants;
  if (from.additional.rank < into.additional.rank) into.additional = from.additional;
}

function compareCore(ctx: DiffContext, b: Located, h: Located, dir: Direction, out: RawChange[]): void {
  const bv = view(ctx.base, b);
  const hv = view(ctx.head, h);
  const push = (kind: ChangeKind, code: string, message: string, pointer: string, side: "base" | "head" = "head") =>
    out.push({ kind, code, message, pointer, side, direction: dir });
  const bs = isRecord(b.node) ? b.node : {};
  const hs = isRecord(h.node) ? h.node : {};

  let compatible = true;
  if (bv.variants || hv.variants) {
    compareVariants(ctx, b, bv, h, hv, dir, out);
    // Properties next to alternatives are compared only when both sides have alternatives.
    compatible = Boolean(bv.variants) === Boolean(hv.variants);
  } else {
    compatible = compareTypes(bv, hv, h, hs, dir, push);
    compareEnums(bv, hv, h, dir, push);
  }
  if (compatible) {
    compareProperties(ctx, bv, hv, dir, out, push);
    if (bv.items && hv.items) out.push(...compareSchema(ctx, bv.items.node, bv.items.pointer, hv.items.node, hv.items.pointer, dir));
    compareAdditional(ctx, bv, hv, h, dir, out, push);
  }
  compareConstraints(bs, b, hs, h, dir, push);
  compareAnnotations(b, h, dir, out);
  for (const key of new Set([...Object.keys(bs), ...Object.keys(hs)])) {
    if (HANDLED.has(key) || key.startsWith("x-") || jsonEqual(bs[key], hs[key])) continue;
    if (key in hs) push("fix", "keyword-changed", `\`${key}\` changed`, child(h.pointer, key));
    else push("fix", "keyword-changed", `\`${key}\` removed`, child(b.pointer, key), "base");
  }
}

type Push = (kind: ChangeKind, code: string, message: string, pointer: string, side?: "base" | "head") => void;

/** Returns false when the types are unrelated (then nothing below them is compared: it would be noise). */
function compareTypes(bv: View, hv: View, h: Located, hs: Record<string, unknown>, dir: Direction, push: Push): boolean {
  const at = "type" in hs ? child(h.pointer, "type") : h.pointer;
  const bt = bv.types;
  const ht = hv.types;
  if (!bt && !ht) return true;
  if (!bt && ht) {
    push(byDirection(dir, "breaking", "fix"), "type-narrowed", `type constrained to ${[...ht].join(" | ")}`, at);
    return true;
  }
  if (bt && !ht) {
    push(byDirection(dir, "feature", "breaking"), "type-widened", `type ${[...bt].join(" | ")} no longer constrained`, at);
    return true;
  }
  const before = bt as Set<string>;
  const after = ht as Set<string>;
  const removed = [...before].filter((t) => !covered(t, after));
  const added = [...after].filter((t) => !covered(t, before));
  const from = [...before].join(" | ");
  const to = [...after].join(" | ");
  if (removed.length && added.length) {
    push("breaking", "type-changed", `type changed from ${from} to ${to}`, at);
    return false;
  }
  if (removed.length) push(byDirection(dir, "breaking", "fix"), "type-narrowed", `type narrowed from ${from} to ${to}`, at);
  else if (added.length) push(byDirection(dir, "feature", "breaking"), "type-widened", `type widened from ${from} to ${to}`, at);
  return true;
}

function compareEnums(bv: View, hv: View, h: Located, dir: Direction, push: Push): void {
  const be = bv.enumInfo;
  const he = hv.enumInfo;
  if (!be && !he) return;
  if (!be && he) {
    push(
      he.open ? "feature" : "breaking",
      "enum-added",
      `${he.open ? "open" : "closed"} enum of ${he.entries.length} value(s) added`,
      he.pointer || h.pointer,
    );
    return;
  }
  if (be && !he) {
    push(
      be.open ? "fix" : byDirection(dir, "feature", "breaking"),
      "enum-removed",
      `${be.open ? "open" : "closed"} enum removed: any value of the type is now allowed`,
      be.pointer,
      "base",
    );
    return;
  }
  if (!be || !he) return;
  if (be.open && !he.open) push("breaking", "enum-closed", "open enum became closed: values outside the list are refused", he.pointer);
  if (!be.open && he.open) push(byDirection(dir, "feature", "breaking"), "enum-opened", "closed enum became open", he.pointer);
  for (const entry of be.entries) {
    if (he.entries.some((e) => jsonEqual(e.value, entry.value))) continue;
    const stillOpen = be.open && he.open;
    push(
      stillOpen ? "fix" : "breaking",
      "enum-value-removed",
      `enum value ${show(entry.value)} removed${stillOpen ? " (open enum: still accepted as a string)" : ""}`,
      entry.pointer,
      "base",
    );
  }
  for (const entry of he.entries) {
    if (be.entries.some((e) => jsonEqual(e.value, entry.value))) continue;
    push(
      he.open ? "feature" : byDirection(dir, "feature", "breaking"),
      "enum-value-added",
      `enum value ${show(entry.value)} added${he.open ? " (open enum)" : " (closed enum)"}`,
      entry.pointer,
    );
  }
}

function compareProperties(ctx: DiffContext, bv: View, hv: View, dir: Direction, out: RawChange[], push: Push): void {
  for (const [name, bp] of bv.properties) {
    if (!hv.properties.has(name)) push("breaking", "property-removed", `property ${show(name)} removed`, bp.pointer, "base");
  }
  for (const [name, hp] of hv.properties) {
    const bp = bv.properties.get(name);
    const required = hv.required.has(name);
    if (!bp) {
      push(
        dir === "request" && required ? "breaking" : "feature",
        "property-added",
        `${required ? "required" : "optional"} property ${show(name)} added`,
        hp.pointer,
      );
      continue;
    }
    const wasRequired = bv.required.has(name);
    if (!wasRequired && required) {
      push(byDirection(dir, "breaking", "fix"), "property-became-required", `property ${show(name)} became required`, hp.pointer);
    } else if (wasRequired && !required) {
      push(byDirection(dir, "feature", "breaking"), "property-became-optional", `property ${show(name)} became optional`, hp.pointer);
    }
    out.push(...compareSchema(ctx, bp.node, bp.pointer, hp.node, hp.pointer, dir));
  }
}

function compareAdditional(ctx: DiffContext, bv: View, hv: View, h: Located, dir: Direction, out: RawChange[], push: Push): void {
  const before = bv.additional;
  const after = hv.additional;
  if (before.rank === 1 && after.rank === 1 && before.loc && after.loc) {
    out.push(...compareSchema(ctx, before.loc.node, before.loc.pointer, after.loc.node, after.loc.pointer, dir));
    return;
  }
  if (before.rank === after.rank) return;
  const at = after.loc?.pointer ?? child(h.pointer, "additionalProperties");
  if (after.rank < before.rank) {
    push(byDirection(dir, "breaking", "fix"), "additional-properties-narrowed", "fewer undeclared properties allowed", at);
  } else {
    push(byDirection(dir, "feature", "breaking"), "additional-properties-widened", "more undeclared properties allowed", at);
  }
}

/** `anyOf`/`oneOf` alternatives, matched by the component they reference, else by their types in order. */
function compareVariants(ctx: DiffContext, b: Located, bv: View, h: Located, hv: View, dir: Direction, out: RawChange[]): void {
  const before = bv.variants ?? [b];
  const after = hv.variants ?? [h];
  const unmatched = new Set(after.map((_, i) => i));
  const pairs: Array<[Located, Located]> = [];
  const removed: Located[] = [];
  for (const keyOf of [refKey, typeKey]) {
    for (const old of [...before]) {
      if (pairs.some(([p]) => p === old)) continue;
      const key = keyOf(ctx.base, old);
      if (!key) continue;
      const match = [...unmatched].find((i) => keyOf(ctx.head, after[i] as Located) === key);
      if (match === undefined) continue;
      unmatched.delete(match);
      pairs.push([old, after[match] as Located]);
    }
  }
  for (const old of before) if (!pairs.some(([p]) => p === old)) removed.push(old);
  for (const old of removed) {
    out.push({
      kind: byDirection(dir, "breaking", "fix"),
      code: "variant-removed",
      message: `alternative ${describe(ctx.base, old)} removed`,
      pointer: old.pointer,
      side: "base",
      direction: dir,
    });
  }
  for (const i of unmatched) {
    const added = after[i] as Located;
    out.push({
      kind: byDirection(dir, "feature", "breaking"),
      code: "variant-added",
      message: `alternative ${describe(ctx.head, added)} added`,
      pointer: added.pointer,
      side: "head",
      direction: dir,
    });
  }
  for (const [old, now] of pairs) {
    if (old === b && now === h) continue; // both sides are single schemas: compared by the caller
    out.push(...compareSchema(ctx, old.node, old.pointer, now.node, now.pointer, dir));
  }
}

const MIN_KEYWORDS = ["minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties"];
const MAX_KEYWORDS = ["maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties"];

function compareConstraints(bs: Record<string, unknown>, b: Located, hs: Record<string, unknown>, h: Located, dir: Direction, push: Push) {
  for (const key of [...MIN_KEYWORDS, ...MAX_KEYWORDS]) {
    const before = typeof bs[key] === "number" ? (bs[key] as number) : undefined;
    const after = typeof hs[key] === "number" ? (hs[key] as number) : undefined;
    if (before === after) continue;
    const isMin = MIN_KEYWORDS.includes(key);
    const tightened = after !== undefined && (before === undefined || (isMin ? after > before : after < before));
    const pointer = after !== undefined ? child(h.pointer, key) : child(b.pointer, key);
    const side = after !== undefined ? "head" : "base";
    const what = `\`${key}\` ${before === undefined ? "added" : after === undefined ? "removed" : `changed from ${before} to ${after}`}`;
    if (tightened) push(byDirection(dir, "breaking", "fix"), "constraint-tightened", what, pointer, side);
    else push("fix", "constraint-loosened", what, pointer, side);
  }
  if (!jsonEqual(bs.pattern, hs.pattern)) {
    const tightened = hs.pattern !== undefined;
    push(
      tightened ? byDirection(dir, "breaking", "fix") : "fix",
      "pattern-changed",
      `\`pattern\` ${bs.pattern === undefined ? "added" : hs.pattern === undefined ? "removed" : "changed"}`,
      hs.pattern !== undefined ? child(h.pointer, "pattern") : child(b.pointer, "pattern"),
      hs.pattern !== undefined ? "head" : "base",
    );
  }
  if (!jsonEqual(bs.format, hs.format)) {
    push(
      "fix",
      "format-changed",
      `\`format\` ${show(bs.format ?? null)} → ${show(hs.format ?? null)}`,
      hs.format !== undefined ? child(h.pointer, "format") : child(b.pointer, "format"),
      hs.format !== undefined ? "head" : "base",
    );
  }
}

const ANNOTATIONS = ["description", "title", "summary", "example", "examples", "default"] as const;

/** Documentation and other keywords that change no type: descriptions, examples, defaults, deprecation, `x-` extensions. */
export function compareAnnotations(b: Located, h: Located, dir: Direction | undefined, out: RawChange[]): void {
  const bs = isRecord(b.node) ? b.node : {};
  const hs = isRecord(h.node) ? h.node : {};
  const keys = [...ANNOTATIONS, ...new Set([...Object.keys(bs), ...Object.keys(hs)].filter((k) => k.startsWith("x-")))];
  for (const key of keys) {
    if (jsonEqual(bs[key], hs[key])) continue;
    const inHead = key in hs;
    const code = key.startsWith("x-") ? "extension-changed" : key === "examples" ? "example-changed" : `${key}-changed`;
    out.push({
      kind: "fix",
      code,
      message: `\`${key}\` ${!(key in bs) ? "added" : inHead ? "changed" : "removed"}`,
      pointer: inHead ? child(h.pointer, key) : child(b.pointer, key),
      side: inHead ? "head" : "base",
      ...(dir ? { direction: dir } : {}),
    });
  }
  if ((bs.deprecated === true) !== (hs.deprecated === true)) {
    const now = hs.deprecated === true;
    out.push({
      kind: now ? "feature" : "fix",
      code: now ? "deprecated" : "undeprecated",
      message: now ? "marked deprecated" : "no longer deprecated",
      pointer: now ? child(h.pointer, "deprecated") : h.pointer,
      side: "head",
      ...(dir ? { direction: dir } : {}),
    });
  }
}

const HANDLED = new Set([
  "$ref",
  "type",
  "nullable",
  "enum",
  "const",
  "properties",
  "required",
  "items",
  "additionalProperties",
  "anyOf",
  "oneOf",
  "allOf",
  "pattern",
  "format",
  "deprecated",
  ...ANNOTATIONS,
  ...MIN_KEYWORDS,
  ...MAX_KEYWORDS,
]);

function typeList(s: Record<string, unknown>): string[] {
  if (typeof s.type === "string") return [s.type];
  if (Array.isArray(s.type)) return s.type.filter((t): t is string => typeof t === "string");
  return [];
}

/** `integer` is covered by `number`. */
function covered(type: string, set: Set<string>): boolean {
  return set.has(type) || (type === "integer" && set.has("number"));
}

function isNullSchema(node: unknown): boolean {
  if (!isRecord(node)) return false;
  const types = typeList(node);
  return (types.length === 1 && types[0] === "null") || (Array.isArray(node.enum) && node.enum.length === 1 && node.enum[0] === null);
}

/** The specs' open enum: `anyOf: [{type: string, enum: [...]}, {type: string}]` (see specs/README.md). */
function isOpenEnumMembers(members: Located[]): boolean {
  const nonNull = members.filter((m) => !isNullSchema(m.node));
  let enums = 0;
  let plain = 0;
  for (const m of nonNull) {
    if (!isRecord(m.node) || m.node.type !== "string") return false;
    const keys = Object.keys(m.node).filter((k) => !["description", "title", "type", "example", "examples"].includes(k));
    if (keys.length === 0) plain++;
    else if (keys.length === 1 && keys[0] === "enum" && Array.isArray(m.node.enum)) enums++;
    else return false;
  }
  return enums > 0 && plain > 0;
}

function refKey(doc: unknown, loc: Located): string | undefined {
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(deref(doc, loc.node, loc.pointer).pointer);
  return match ? `ref:${match[1]}` : undefined;
}

function typeKey(doc: unknown, loc: Located): string {
  const v = view(doc, deref(doc, loc.node, loc.pointer));
  return `type:${[...(v.types ?? [])].sort().join(",")}`;
}

function describe(doc: unknown, loc: Located): string {
  const target = deref(doc, loc.node, loc.pointer);
  const ref = /^#\/components\/schemas\/([^/]+)$/.exec(target.pointer);
  if (ref) return `\`${ref[1]}\``;
  const types = isRecord(target.node) ? typeList(target.node) : [];
  return types.length ? `of type ${types.join(" | ")}` : "schema";
}
