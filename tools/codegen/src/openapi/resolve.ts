import type { MaybeRef } from "./document.js";
import { isRecord } from "./json.js";
import { nodeAtPointer } from "./pointer.js";

/** A node with its `$ref`s followed, and the pointer of where it really is. */
export interface Resolved<T> {
  /** `undefined` when a reference points at nothing, leaves the document, or loops. */
  node: T | undefined;
  pointer: string;
}

/** How many references in a row are followed before the chain counts as a loop. */
const MAX_HOPS = 32;

/**
 * Follows local `$ref`s (`#/components/...`) from `node`, found at `pointer`, to the object they name. The one
 * resolver every reader of a document uses: the model, the emitters, the sample values and the import checks.
 */
export function resolveRef<T>(document: unknown, node: MaybeRef<T> | unknown, pointer = "#"): Resolved<T> {
  let current: unknown = node;
  let at = pointer;
  for (let hops = 0; isRecord(current) && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (hops >= MAX_HOPS || !ref.startsWith("#")) return { node: undefined, pointer: ref };
    at = ref;
    current = nodeAtPointer(document, ref);
  }
  return { node: current as T | undefined, pointer: at };
}

/** {@link resolveRef}, when only the object matters. */
export function deref<T>(document: unknown, node: MaybeRef<T> | unknown): T | undefined {
  return resolveRef<T>(document, node).node;
}
