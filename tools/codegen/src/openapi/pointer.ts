import { isRecord } from "./json.js";

/** Builds a JSON pointer (`#/a/b`) from path segments, escaping `~` and `/` as RFC 6901 requires. */
export function pointerOf(...segments: Array<string | number>): string {
  return `#/${segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/")}`;
}

/** The unescaped segments of a JSON pointer (`#/paths/~1v1~1x` gives `paths`, `/v1/x`). */
export function pointerSegments(pointer: string): string[] {
  const body = pointer.replace(/^#/, "");
  if (body === "" || body === "/") return [];
  return body
    .slice(1)
    .split("/")
    .map((segment) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** The node a JSON pointer names in a document, or `undefined` when any segment is missing. */
export function nodeAtPointer(document: unknown, pointer: string): unknown {
  let node: unknown = document;
  for (const segment of pointerSegments(pointer)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** Maps a JSON pointer to its 1-based line and column in the document's text (empty when unknown). */
export type Locator = (pointer: string) => { line?: number; column?: number };
