import { basename } from "node:path";
import { PAGINATION_EXTENSION } from "../generate/pagination.js";
import { originalId } from "../import/prepare.js";
import { SIDECAR_SUFFIX } from "../import/sidecar-name.js";
import type { OpenApiDocument } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { walkOperations } from "../openapi/operations.js";
import { pointerOf } from "../openapi/pointer.js";
import type { DiffSide } from "./bundle-text.js";
import type { LocatedChange } from "./command.js";
import type { SpecText } from "./spec-text.js";

/**
 * An imported vendor document's pagination lives in its sidecar. `diff` compares the document as `generate` sees it:
 * each side's sidecar entries put on that side's operations as `x-modelfleet-pagination`, so a change is judged by
 * the same rules as in our own specs, then reported at the entry in the sidecar.
 */

/** `specs/acme.vendor.yaml` (or `specs/acme.yaml`, imported before) → `specs/acme.modelfleet.yaml`, the sidecar `import` writes next to it. */
export function sidecarPathOf(spec: string): string {
  return `${spec.replace(/(\.vendor)?\.(ya?ml|json)$/, "")}${SIDECAR_SUFFIX}`;
}

/** The sidecar, when `text` is one and names `spec` as its document. */
export function sidecarNaming(spec: string, text: SpecText | undefined): SpecText | undefined {
  return text && text.document.spec === basename(spec) ? text : undefined;
}

/** A sidecar's `package` (an imported package is named there, not in the document's `info`). */
export function sidecarPackage(text: SpecText | undefined): string | undefined {
  return typeof text?.document.package === "string" ? text.document.package : undefined;
}

/** Whether a change of the sidecar's own entry is one the document's entry reports (its `pagination`). */
export function isPaginationChange(change: { pointer: string }): boolean {
  return change.pointer === "#/pagination" || change.pointer.startsWith("#/pagination/");
}

interface Placement {
  key: string;
  /** `#/paths/<path>/<method>/x-modelfleet-pagination`. */
  at: string;
}

/** One side of the document with its sidecar's pagination on its operations, and where to report a change of it. */
export interface SidecarOverlay {
  side: DiffSide;
  /** Rewrites a change found under a placed entry to the sidecar: file, line, pointer and the entry's name. */
  relocate(change: LocatedChange): LocatedChange;
}

export function overlaySidecar(side: DiffSide, sidecar: SpecText | undefined, sidecarFile: string): SidecarOverlay {
  const pagination = sidecar?.document.pagination;
  if (!isRecord(pagination) || Object.keys(pagination).length === 0) return { side, relocate: (c) => c };
  // Copies along the way only, never the vendor's objects: the same document may be compared again.
  const paths: Record<string, unknown> = isRecord(side.document.paths) ? { ...side.document.paths } : {};
  const document = { ...side.document, paths };
  const placements: Placement[] = [];
  const copied = new Map<string, Record<string, unknown>>();
  for (const entry of walkOperations(side.document as OpenApiDocument)) {
    const key = originalId(entry.operation as Record<string, unknown>, entry.method, entry.path);
    if (!Object.hasOwn(pagination, key)) continue;
    // A path item is copied once (resolved, when the document refers to it), then given each placed operation.
    const item = copied.get(entry.path) ?? { ...entry.pathItem };
    copied.set(entry.path, item);
    item[entry.method] = { ...entry.operation, [PAGINATION_EXTENSION]: pagination[key] };
    paths[entry.path] = item;
    placements.push({ key, at: `${entry.pointer}/${PAGINATION_EXTENSION}` });
  }
  const placedAt = (pointer: string) => placements.find((p) => pointer === p.at || pointer.startsWith(`${p.at}/`));
  return {
    side: {
      ...side,
      document,
      where: (pointer) => {
        const placed = placedAt(pointer);
        if (!placed || !sidecar) return side.where(pointer);
        return { file: sidecarFile, ...sidecar.locate(`${pointerOf("pagination", placed.key)}${pointer.slice(placed.at.length)}`) };
      },
    },
    relocate: (change) => {
      const placed = placedAt(change.pointer);
      if (!placed) return change;
      return {
        ...change,
        pointer: `${pointerOf("pagination", placed.key)}${change.pointer.slice(placed.at.length)}`,
        message: change.message.replaceAll(PAGINATION_EXTENSION, `pagination.${placed.key}`),
      };
    },
  };
}
