import { isRecord } from "../openapi/json.js";
import { judge, KIND_RANK, type RuleCode, type Scope, strongest } from "./rules.js";

/** How a spec change affects the generated client's users, in semver terms. */
export type ChangeKind = "breaking" | "feature" | "fix";

/**
 * Which way data flows through the schema a change sits in. The same edit means different things on each side:
 * a request field made optional lets callers send less (a feature), a response field made optional makes callers
 * handle its absence (breaking).
 */
export type Direction = "request" | "response";

/** One classified difference between the base and the head version of a spec. */
export interface SpecChange {
  /** The stronger of `wire` and `types`: what the package's semver bump follows. */
  kind: ChangeKind;
  /** Would an existing client's requests be refused, or its reading of responses break? */
  wire: ChangeKind;
  /** Would code written against the previous generated package stop compiling? */
  types: ChangeKind;
  /** Stable identifier of the rule, e.g. `operation-removed`, `property-became-optional` (see the README's rule table). */
  code: string;
  message: string;
  /**
   * JSON pointer to where the change is: into the head spec, or into the base spec when `side` is `base`
   * (something was removed and only exists there).
   */
  pointer: string;
  side: "base" | "head";
  /** Operations whose requests or responses the change reaches, as `METHOD /path`, sorted. */
  operations: string[];
  /** For schema changes: which side of the operations the schema was reached from. */
  directions: Direction[];
  /** Why the verdicts differ from the rule's plain ones here (inside `not`, an error body, a `readOnly` property, ...). */
  notes: string[];
}

/** The more serious of two kinds. */
export function maxKind(a: ChangeKind, b: ChangeKind): ChangeKind {
  return strongest(a, b);
}

/** Orders kinds from most to least serious. */
export function compareKinds(a: ChangeKind, b: ChangeKind): number {
  return KIND_RANK[b] - KIND_RANK[a];
}

/** A change as a comparison finds it, before operations and directions are merged in. */
export interface RawChange {
  kind: ChangeKind;
  wire: ChangeKind;
  types: ChangeKind;
  notes: string[];
  code: RuleCode;
  message: string;
  pointer: string;
  side: "base" | "head";
  direction?: Direction;
}

/** A change judged by its rule where it was found. */
export function change(code: RuleCode, message: string, pointer: string, side: "base" | "head", scope: Scope = {}): RawChange {
  return { ...judge(code, scope), code, message, pointer, side, ...(scope.dir ? { direction: scope.dir } : {}) };
}

/** A JSON value somewhere in a document, with the pointer it was read from (after following `$ref`s). */
export interface Located {
  node: unknown;
  pointer: string;
}

/** Follows local `$ref`s and returns the target together with its own pointer; sibling keywords win over the target's. */
export function deref(doc: unknown, node: unknown, pointer: string): Located {
  let current: Located = { node, pointer };
  for (let depth = 0; depth < 32; depth++) {
    const value = current.node;
    if (!isRecord(value) || typeof value.$ref !== "string" || !value.$ref.startsWith("#")) return current;
    const target = nodeAtPointer(doc, value.$ref);
    if (target === undefined) return current;
    const { $ref: _ref, ...siblings } = value;
    const merged = isRecord(target) && Object.keys(siblings).length ? { ...target, ...siblings } : target;
    current = { node: merged, pointer: value.$ref };
  }
  return current;
}

/** The value at a JSON pointer (`#/a/b`), or `undefined`. */
export function nodeAtPointer(doc: unknown, pointer: string): unknown {
  let target: unknown = doc;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(target)) target = target[Number(segment)];
    else if (isRecord(target)) target = Object.hasOwn(target, segment) ? target[segment] : undefined;
    else return undefined;
  }
  return target;
}

/** Decoded segments of a JSON pointer (`#/paths/~1a/get` → `["paths", "/a", "get"]`). */
export function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "" || body === "/") return [];
  return body
    .slice(1)
    .split("/")
    .map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Appends escaped segments to a pointer. */
export function child(pointer: string, ...segments: Array<string | number>): string {
  const base = pointer === "#" || pointer === "#/" ? "#" : pointer;
  return `${base}/${segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/** Deep equality of plain JSON values, key order ignored. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
  }
  return false;
}

/** A short, single-line rendering of a JSON value for messages. */
export function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Codes whose message already names the operation, so listing the operation again adds nothing. */
export const OPERATION_CODES = new Set(["operation-removed", "operation-added", "operation-moved", "path-removed"]);

/**
 * A schema pointer as a reader would write it: `#/components/schemas/Deploy/properties/gpu/anyOf/0/enum/2` is
 * `Deploy.gpu`; `undefined` for pointers outside `components/schemas`.
 */
export function schemaPlace(pointer: string): string | undefined {
  const segments = pointerSegments(pointer);
  if (segments[0] !== "components" || segments[1] !== "schemas" || !segments[2]) return undefined;
  let place = segments[2];
  for (let i = 3; i < segments.length; i++) {
    const segment = segments[i];
    if (segment === "properties" && segments[i + 1] !== undefined) place += `.${segments[++i]}`;
    else if (segment === "items") place += "[]";
    else if (segment === "additionalProperties") place += "{}";
    else if (segment === "anyOf" || segment === "oneOf" || segment === "allOf") i++;
    else break;
  }
  return place;
}
