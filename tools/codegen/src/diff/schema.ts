import { isRecord } from "../openapi/json.js";
import { compareKeywords, KEYWORDS_HANDLED, type Keywords, stricter } from "./keywords.js";
import type { RuleCode, Scope } from "./rules.js";
import { change, child, type Direction, deref, jsonEqual, type Located, type RawChange, show } from "./types.js";

/** State shared by every comparison of one pair of documents. */
export interface DiffContext {
  base: unknown;
  head: unknown;
  /** Results per (base pointer, head pointer, scope): a schema used by ten operations is compared once per scope. */
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

/** The scope for a direction, with nothing else set (schema comparisons start from one of these). */
export function directed(dir: Direction): Scope {
  return { dir };
}

/**
 * Compares two schemas, following `$ref`s on both sides. Widening what a client may send is a feature and
 * narrowing it breaks callers; widening what a client may receive breaks callers and narrowing it is a fix. Each
 * change carries both verdicts (wire and types), adjusted by where it sits (`scope`).
 */
export function compareSchema(
  ctx: DiffContext,
  baseNode: unknown,
  basePointer: string,
  headNode: unknown,
  headPointer: string,
  scope: Scope,
): RawChange[] {
  const b = deref(ctx.base, baseNode, basePointer);
  const h = deref(ctx.head, headNode, headPointer);
  ctx.reachedBase.add(b.pointer);
  ctx.reachedHead.add(h.pointer);
  const key = `${b.pointer}|${h.pointer}|${JSON.stringify(scope)}`;
  const cached = ctx.memo.get(key);
  if (cached) return cached;
  if (ctx.active.has(key)) return [];
  ctx.active.add(key);
  const out: RawChange[] = [];
  compareResolved(ctx, b, h, scope, out);
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

const STRUCTURAL = ["type", "properties", "items", "enum", "const", "additionalProperties", "x-extensible-enum", "discriminator"];

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

function compareResolved(ctx: DiffContext, b: Located, h: Located, scope: Scope, out: RawChange[]): void {
  const bn = splitNull(ctx.base, b);
  const hn = splitNull(ctx.head, h);
  if (!bn.nullable && hn.nullable) out.push(change("became-nullable", "now also accepts null", h.pointer, "head", scope));
  else if (bn.nullable && !hn.nullable) out.push(change("no-longer-nullable", "no longer accepts null", h.pointer, "head", scope));
  if (bn.wrapped && hn.wrapped) {
    // The wrappers' own annotations (FastAPI puts title and description next to anyOf), then what they wrap.
    compareAnnotations(b, h, scope, out);
    out.push(...compareSchema(ctx, bn.core.node, bn.core.pointer, hn.core.node, hn.core.pointer, scope));
    return;
  }
  if (bn.wrapped || hn.wrapped) {
    out.push(...compareSchema(ctx, bn.core.node, bn.core.pointer, hn.core.node, hn.core.pointer, scope));
    return;
  }
  compareCore(ctx, b, h, scope, out);
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
  /** `anyOf` or `oneOf`, for `variants`. */
  variantKeyword?: string;
  /** The only alternative of a one-member `anyOf`/`oneOf` (merged into this view). */
  single?: Located;
  /** Every other keyword, merged over `allOf` members (constraints keep the stricter value). */
  keywords: Keywords;
  /** Where the schema is. */
  self: string;
}

function view(doc: unknown, loc: Located, depth = 0): View {
  const s = isRecord(loc.node) ? loc.node : {};
  const v: View = { properties: new Map(), required: new Set(), additional: { rank: 2 }, keywords: new Map(), self: loc.pointer };
  if ("type" in s) v.types = new Set(typeList(s).filter((t) => t !== "null"));
  if (Array.isArray(s.enum)) {
    v.enumInfo = {
      open: false,
      pointer: child(loc.pointer, "enum"),
      entries: s.enum.flatMap((value, i) => (value === null ? [] : [{ value, pointer: child(loc.pointer, "enum", i) }])),
    };
  } else if ("const" in s && s.const !== null) {
    v.enumInfo = { open: false, pointer: child(loc.pointer, "const"), entries: [{ value: s.const, pointer: child(loc.pointer, "const") }] };
  } else if (Array.isArray(s["x-extensible-enum"])) {
    // Zalando's open enum: the listed values, and any other string the server may add later.
    const at = child(loc.pointer, "x-extensible-enum");
    v.enumInfo = { open: true, pointer: at, entries: s["x-extensible-enum"].map((value, i) => ({ value, pointer: child(at, i) })) };
  }
  if (isRecord(s.properties)) {
    for (const [name, node] of Object.entries(s.properties))
      v.properties.set(name, { node, pointer: child(loc.pointer, "properties", name) });
  }
  if (Array.isArray(s.required)) for (const name of s.required) if (typeof name === "string") v.required.add(name);
  if (isRecord(s.items)) v.items = { node: s.items, pointer: child(loc.pointer, "items") };
  if (s.additionalProperties === false) v.additional = { rank: 0 };
  else if (isRecord(s.additionalProperties) && Object.keys(s.additionalProperties).length > 0) {
    v.additional = { rank: 1, loc: { node: s.additionalProperties, pointer: child(loc.pointer, "additionalProperties") } };
  }
  for (const [key, value] of Object.entries(s)) v.keywords.set(key, { node: value, pointer: child(loc.pointer, key) });
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
      v.single = members[0];
      merge(v, view(doc, members[0], depth + 1));
    } else if (members.length > 1) {
      // Where each alternative is written (not where its $ref leads), so an added one is pointed at in the list.
      v.variants = list
        .map((node, i) => ({ node, pointer: child(loc.pointer, keyword, i) }))
        .filter((m) => !isNullSchema(deref(doc, m.node, m.pointer).node));
      v.variantKeyword = keyword;
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
  if (!into.variants && from.variants) {
    into.variants = from.variants;
    into.variantKeyword = from.variantKeyword;
  }
  if (from.additional.rank < into.additional.rank) into.additional = from.additional;
  for (const [key, loc] of from.keywords) {
    const mine = into.keywords.get(key);
    if (!mine) into.keywords.set(key, loc);
    else if (stricter(key, mine.node, loc.node) !== mine.node) into.keywords.set(key, loc);
  }
}

function compareCore(ctx: DiffContext, b: Located, h: Located, scope: Scope, out: RawChange[]): void {
  const bv = view(ctx.base, b);
  const hv = view(ctx.head, h);
  const push: Push = (code, message, pointer, side = "head", s = scope) => out.push(change(code, message, pointer, side, s));
  const bs = isRecord(b.node) ? b.node : {};
  const hs = isRecord(h.node) ? h.node : {};
  const recurse = (bl: Located, hl: Located, s: Scope) => compareSchema(ctx, bl.node, bl.pointer, hl.node, hl.pointer, s);
  if (unconstrained(hs) && !unconstrained(bs)) {
    // `{}` accepts anything: one widening, not a removal per property and keyword it used to have.
    push("type-widened", "no longer constrained: any value is accepted", h.pointer);
    compareAnnotations(b, h, scope, out);
    return;
  }

  let compatible = true;
  if (bv.variants || hv.variants) {
    compareVariants(ctx, b, bv, h, hv, scope, out);
    // Properties next to alternatives are compared only when both sides have alternatives.
    compatible = Boolean(bv.variants) === Boolean(hv.variants);
  } else {
    compatible = compareTypes(bv, hv, h, hs, scope, push);
    compareEnums(bv, hv, h, push);
  }
  if (compatible) {
    compareProperties(ctx, bv, hv, scope, out, push);
    if (bv.items && hv.items) out.push(...recurse(bv.items, hv.items, scope));
    compareAdditional(ctx, bv, hv, h, scope, out, push);
  }
  compareAllOfMembers(ctx, b, h, push);
  compareDiscriminator(bv.keywords.get("discriminator"), hv.keywords.get("discriminator"), push);
  compareKeywords(bv.keywords, b, hv.keywords, h, scope, out, recurse);
  compareAnnotations(b, h, scope, out);
  for (const key of new Set([...Object.keys(bs), ...Object.keys(hs)])) {
    if (HANDLED.has(key) || key.startsWith("x-") || jsonEqual(bs[key], hs[key])) continue;
    if (key in hs) push("keyword-changed", `\`${key}\` changed`, child(h.pointer, key));
    else push("keyword-changed", `\`${key}\` removed`, child(b.pointer, key), "base");
  }
}

/**
 * Why a request parameter's changed `default` stays a fix (see the README): the server applies it, not the client.
 * Callers who omit the parameter get the new behaviour on the day the server changes, whichever package version they
 * run, so no bump of the package can warn or protect them; the message says what changed, for the changelog.
 */
const DEFAULT_STANCE =
  "a default is applied by the server to requests that omit the parameter: callers see the new one whatever package version they run, so it is no break of the package (told in the changelog)";

/** A schema that allows every value: no keyword but annotations (`{}`, `{description: ...}`). */
function unconstrained(s: Record<string, unknown>): boolean {
  return Object.keys(s).every((key) => key.startsWith("x-") || key === "deprecated" || (ANNOTATIONS as readonly string[]).includes(key));
}

type Push = (code: RuleCode, message: string, pointer: string, side?: "base" | "head", scope?: Scope) => void;

/** Types whose values a parameter sends as their text (`5` as "5", `true` as "true"). */
const SCALARS = new Set(["string", "number", "integer", "boolean"]);
const TEXT_ON_WIRE = "a parameter is sent as text: a value of the old type goes out as a string the new type accepts";

/** Returns false when the types are unrelated (then nothing below them is compared: it would be noise). */
function compareTypes(bv: View, hv: View, h: Located, hs: Record<string, unknown>, scope: Scope, push: Push): boolean {
  const at = "type" in hs ? child(h.pointer, "type") : h.pointer;
  const bt = bv.types;
  const ht = hv.types;
  if (!bt && !ht) return true;
  if (!bt && ht) {
    push("type-narrowed", `type constrained to ${[...ht].join(" | ")}`, at);
    return true;
  }
  if (bt && !ht) {
    push("type-widened", `type ${[...bt].join(" | ")} no longer constrained`, at);
    return true;
  }
  const before = bt as Set<string>;
  const after = ht as Set<string>;
  const removed = [...before].filter((t) => !covered(t, after));
  const added = [...after].filter((t) => !covered(t, before));
  const from = [...before].join(" | ");
  const to = [...after].join(" | ");
  // In a parameter, a scalar becoming a string (or losing types next to one) changes no request on the wire.
  const asText =
    scope.text && after.has("string") && removed.every((t) => SCALARS.has(t)) && !scope.offWire
      ? { ...scope, offWire: TEXT_ON_WIRE }
      : scope;
  if (removed.length && added.length) {
    push("type-changed", `type changed from ${from} to ${to}`, at, "head", asText);
    return false;
  }
  if (removed.length) push("type-narrowed", `type narrowed from ${from} to ${to}`, at, "head", asText);
  else if (added.length) push("type-widened", `type widened from ${from} to ${to}`, at);
  return true;
}

function compareEnums(bv: View, hv: View, h: Located, push: Push): void {
  const be = bv.enumInfo;
  const he = hv.enumInfo;
  if (!be && !he) return;
  if (!be && he) {
    push(
      he.open ? "open-enum-added" : "enum-added",
      `${he.open ? "open" : "closed"} enum of ${he.entries.length} value(s) added`,
      he.pointer || h.pointer,
    );
    return;
  }
  if (be && !he) {
    push(
      be.open ? "open-enum-removed" : "enum-removed",
      `${be.open ? "open" : "closed"} enum removed: any value of the type is now allowed`,
      be.pointer,
      "base",
    );
    return;
  }
  if (!be || !he) return;
  if (be.open && !he.open) push("enum-closed", "open enum became closed: values outside the list are refused", he.pointer);
  if (!be.open && he.open) push("enum-opened", "closed enum became open", he.pointer);
  for (const entry of be.entries) {
    if (he.entries.some((e) => jsonEqual(e.value, entry.value))) continue;
    push(
      he.open ? "open-enum-value-removed" : "enum-value-removed",
      `enum value ${show(entry.value)} removed${he.open ? " (open enum: still a valid string)" : ""}`,
      entry.pointer,
      "base",
    );
  }
  for (const entry of he.entries) {
    if (be.entries.some((e) => jsonEqual(e.value, entry.value))) continue;
    push(
      he.open ? "open-enum-value-added" : "enum-value-added",
      `enum value ${show(entry.value)} added${he.open ? " (open enum)" : " (closed enum)"}`,
      entry.pointer,
    );
  }
}

/** `readOnly` properties are never sent, `writeOnly` ones never received: on that side, the wire does not see them. */
function unseen(doc: unknown, loc: Located | undefined, dir: Direction | undefined): string | undefined {
  if (!loc || !dir) return undefined;
  const s = deref(doc, loc.node, loc.pointer).node;
  if (!isRecord(s)) return undefined;
  if (dir === "request" && s.readOnly === true) return "`readOnly`: senders never send this property";
  if (dir === "response" && s.writeOnly === true) return "`writeOnly`: responses never carry this property";
  return undefined;
}

function flag(doc: unknown, loc: Located, key: "readOnly" | "writeOnly"): boolean {
  const s = deref(doc, loc.node, loc.pointer).node;
  return isRecord(s) && s[key] === true;
}

function compareProperties(ctx: DiffContext, bv: View, hv: View, scope: Scope, out: RawChange[], push: Push): void {
  const within = (reason: string | undefined): Scope => (reason && !scope.offWire ? { ...scope, offWire: reason } : scope);
  for (const [name, bp] of bv.properties) {
    if (hv.properties.has(name)) continue;
    const optionalRead =
      scope.dir === "response" && !bv.required.has(name) ? "it was optional: readers already handle its absence" : undefined;
    push("property-removed", `property ${show(name)} removed`, bp.pointer, "base", within(unseen(ctx.base, bp, scope.dir) ?? optionalRead));
  }
  for (const [name, hp] of hv.properties) {
    const bp = bv.properties.get(name);
    const required = hv.required.has(name);
    const hidden = unseen(ctx.head, hp, scope.dir);
    if (!bp) {
      push(
        required ? "required-property-added" : "property-added",
        `${required ? "required" : "optional"} property ${show(name)} added`,
        hp.pointer,
        "head",
        within(hidden),
      );
      continue;
    }
    const wasRequired = bv.required.has(name);
    if (!wasRequired && required)
      push("property-became-required", `property ${show(name)} became required`, hp.pointer, "head", within(hidden));
    else if (wasRequired && !required)
      push("property-became-optional", `property ${show(name)} became optional`, hp.pointer, "head", within(hidden));
    for (const key of ["readOnly", "writeOnly"] as const) {
      const was = flag(ctx.base, bp, key);
      const now = flag(ctx.head, hp, key);
      if (was === now) continue;
      const code =
        key === "readOnly" ? (now ? "became-read-only" : "no-longer-read-only") : now ? "became-write-only" : "no-longer-write-only";
      push(code, `property ${show(name)} ${now ? "marked" : "no longer"} \`${key}\``, child(hp.pointer, key), "head");
    }
    out.push(...compareSchema(ctx, bp.node, bp.pointer, hp.node, hp.pointer, within(hidden ?? unseen(ctx.base, bp, scope.dir))));
  }
  // `required` naming properties declared elsewhere (an `allOf` sibling, a `then` branch): only the list says it.
  const at = hv.keywords.get("required")?.pointer ?? child(hv.self, "required");
  for (const name of hv.required) {
    if (bv.required.has(name) || hv.properties.has(name) || bv.properties.has(name)) continue;
    push("property-became-required", `property ${show(name)} became required`, at, "head");
  }
  for (const name of bv.required) {
    if (hv.required.has(name) || hv.properties.has(name) || bv.properties.has(name)) continue;
    push("property-became-optional", `property ${show(name)} became optional`, at, "head");
  }
}

function compareAdditional(ctx: DiffContext, bv: View, hv: View, h: Located, scope: Scope, out: RawChange[], push: Push): void {
  const before = bv.additional;
  const after = hv.additional;
  if (before.rank === 1 && after.rank === 1 && before.loc && after.loc) {
    out.push(...compareSchema(ctx, before.loc.node, before.loc.pointer, after.loc.node, after.loc.pointer, scope));
    return;
  }
  if (before.rank === after.rank) return;
  const at = after.loc?.pointer ?? child(h.pointer, "additionalProperties");
  if (after.rank < before.rank) push("additional-properties-narrowed", "fewer undeclared properties allowed", at);
  else push("additional-properties-widened", "more undeclared properties allowed", at);
}

/**
 * An added `allOf` member is pointed at; what it adds is judged in the merged schema. A member referencing what the
 * base schema was (`X` → `allOf: [X, Extra]`) is not new.
 */
function compareAllOfMembers(ctx: DiffContext, b: Located, h: Located, push: Push): void {
  const bs = isRecord(b.node) ? b.node : {};
  const hs = isRecord(h.node) ? h.node : {};
  const target = (doc: unknown, node: unknown, pointer: string) => deref(doc, node, pointer).pointer;
  const before = Array.isArray(bs.allOf) ? bs.allOf.map((m, i) => target(ctx.base, m, child(b.pointer, "allOf", i))) : [b.pointer];
  const after = Array.isArray(hs.allOf) ? hs.allOf : [];
  if (after.length <= before.length) return;
  const unmatched = new Set(before);
  after.forEach((member, i) => {
    const at = target(ctx.head, member, child(h.pointer, "allOf", i));
    if (unmatched.delete(at)) return;
    push("all-of-member-added", `\`allOf\` member ${describeNode(member)} added`, child(h.pointer, "allOf", i));
  });
}

function compareDiscriminator(before: Located | undefined, after: Located | undefined, push: Push): void {
  const bd = isRecord(before?.node) ? before.node : undefined;
  const hd = isRecord(after?.node) ? after.node : undefined;
  if (!bd && hd && after) push("discriminator-added", `discriminator on ${show(hd.propertyName)} added`, after.pointer);
  if (bd && !hd && before) push("discriminator-removed", `discriminator on ${show(bd.propertyName)} removed`, before.pointer, "base");
  if (!bd || !hd || !before || !after) return;
  if (bd.propertyName !== hd.propertyName) {
    push(
      "discriminator-changed",
      `discriminator property ${show(bd.propertyName)} → ${show(hd.propertyName)}`,
      child(after.pointer, "propertyName"),
    );
  }
  const bm = isRecord(bd.mapping) ? bd.mapping : {};
  const hm = isRecord(hd.mapping) ? hd.mapping : {};
  for (const [value, target] of Object.entries(bm)) {
    if (!(value in hm))
      push("discriminator-changed", `discriminator value ${show(value)} removed`, child(before.pointer, "mapping", value), "base");
    else if (hm[value] !== target) {
      push(
        "discriminator-changed",
        `discriminator value ${show(value)} now selects ${show(hm[value])}`,
        child(after.pointer, "mapping", value),
      );
    }
  }
  for (const value of Object.keys(hm)) {
    if (!(value in bm))
      push("discriminator-mapping-added", `discriminator value ${show(value)} added`, child(after.pointer, "mapping", value));
  }
}

/** `anyOf`/`oneOf` alternatives, matched by the component they reference, else by their types in order. */
function compareVariants(ctx: DiffContext, b: Located, bv: View, h: Located, hv: View, scope: Scope, out: RawChange[]): void {
  // A one-member `oneOf` growing a second member is matched by that member, not by the schema wrapping it.
  const before = bv.variants ?? (bv.single ? [bv.single] : [b]);
  const after = hv.variants ?? (hv.single ? [hv.single] : [h]);
  const unmatched = new Set(after.map((_, i) => i));
  const pairs: Array<[Located, Located]> = [];
  for (const keyOf of [refKey, typeKey]) {
    for (const old of [...before]) {
      if (pairs.some(([p]) => p === old)) continue;
      const key = keyOf(ctx.base, old);
      if (!key) continue;
      // Two different named schemas are never the same alternative, whatever their types.
      const named = refKey(ctx.base, old) !== undefined;
      const match = [...unmatched].find((i) => {
        const candidate = after[i] as Located;
        return keyOf(ctx.head, candidate) === key && !(named && keyOf === typeKey && refKey(ctx.head, candidate) !== undefined);
      });
      if (match === undefined) continue;
      unmatched.delete(match);
      pairs.push([old, after[match] as Located]);
    }
  }
  for (const old of before) {
    if (pairs.some(([p]) => p === old)) continue;
    out.push(change("variant-removed", `alternative ${describe(ctx.base, old)} removed`, old.pointer, "base", scope));
  }
  // `oneOf` refuses a value matching two alternatives, so a new one that may overlap another narrows as well as widens.
  const exclusive = hv.variantKeyword === "oneOf" && !hv.keywords.has("discriminator");
  for (const i of unmatched) {
    const added = after[i] as Located;
    const overlaps =
      exclusive &&
      after.some(
        (other, j) =>
          j !== i &&
          !disjoint(view(ctx.head, deref(ctx.head, added.node, added.pointer)), view(ctx.head, deref(ctx.head, other.node, other.pointer))),
      );
    const code = overlaps ? "one-of-overlap-added" : "variant-added";
    const detail = overlaps ? " (it may match the same values as another `oneOf` alternative)" : "";
    out.push(change(code, `alternative ${describe(ctx.head, added)} added${detail}`, added.pointer, "head", scope));
  }
  for (const [old, now] of pairs) {
    if (old === b && now === h) continue; // both sides are single schemas: compared by the caller
    out.push(...compareSchema(ctx, old.node, old.pointer, now.node, now.pointer, scope));
  }
}

/** True when no value can match both schemas: different types, or a required property with disjoint constant values. */
function disjoint(a: View, b: View): boolean {
  if (
    a.types &&
    b.types &&
    ![...a.types].some(
      (t) => covered(t, b.types as Set<string>) || [...(b.types as Set<string>)].some((u) => covered(u, a.types as Set<string>)),
    )
  ) {
    return true;
  }
  for (const [name, pa] of a.properties) {
    const pb = b.properties.get(name);
    if (!pb || !a.required.has(name) || !b.required.has(name)) continue;
    const va = constants(pa.node);
    const vb = constants(pb.node);
    if (va && vb && !va.some((x) => vb.some((y) => jsonEqual(x, y)))) return true;
  }
  return false;
}

function constants(node: unknown): unknown[] | undefined {
  if (!isRecord(node)) return undefined;
  if ("const" in node) return [node.const];
  return Array.isArray(node.enum) ? node.enum : undefined;
}

const ANNOTATIONS = ["description", "title", "summary", "example", "examples", "default"] as const;
const ANNOTATION_CODES: Record<(typeof ANNOTATIONS)[number], RuleCode> = {
  description: "description-changed",
  title: "title-changed",
  summary: "summary-changed",
  example: "example-changed",
  examples: "example-changed",
  default: "default-changed",
};
/** Extensions with a meaning of their own, compared elsewhere. */
// `x-modelfleet-pagination` is judged by compareOperation (it adds or removes methods).
const MEANINGFUL_EXTENSIONS = new Set(["x-extensible-enum", "x-modelfleet-pagination"]);

/** Documentation and other keywords that change no type: descriptions, examples, defaults, deprecation, `x-` extensions. */
export function compareAnnotations(b: Located, h: Located, scope: Scope | undefined, out: RawChange[]): void {
  const bs = isRecord(b.node) ? b.node : {};
  const hs = isRecord(h.node) ? h.node : {};
  const extensions = [...Object.keys(bs), ...Object.keys(hs)].filter((k) => k.startsWith("x-") && !MEANINGFUL_EXTENSIONS.has(k));
  for (const key of [...ANNOTATIONS, ...new Set(extensions)]) {
    if (jsonEqual(bs[key], hs[key])) continue;
    const inHead = key in hs;
    const code: RuleCode = key.startsWith("x-") ? "extension-changed" : ANNOTATION_CODES[key as (typeof ANNOTATIONS)[number]];
    const message = `\`${key}\` ${!(key in bs) ? "added" : inHead ? "changed" : "removed"}`;
    const found = change(code, message, inHead ? child(h.pointer, key) : child(b.pointer, key), inHead ? "head" : "base", scope);
    if (key === "default" && scope?.text && scope.dir === "request") {
      found.message = `${message}: callers who omit the parameter now get ${show(hs[key] ?? null)} from the server`;
      found.notes.push(DEFAULT_STANCE);
    }
    out.push(found);
  }
  if ((bs.deprecated === true) !== (hs.deprecated === true)) {
    const now = hs.deprecated === true;
    const at = now ? child(h.pointer, "deprecated") : h.pointer;
    out.push(change(now ? "deprecated" : "undeprecated", now ? "marked deprecated" : "no longer deprecated", at, "head", scope));
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
  "deprecated",
  "readOnly",
  "writeOnly",
  "discriminator",
  ...ANNOTATIONS,
  ...KEYWORDS_HANDLED,
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

function describeNode(node: unknown): string {
  if (isRecord(node) && typeof node.$ref === "string") return `\`${node.$ref.replace(/^#\/components\/schemas\//, "")}\``;
  return show(node);
}
