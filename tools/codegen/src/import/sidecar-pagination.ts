import type { Diagnostic } from "../diagnostics.js";
import { PAGINATION_EXTENSION } from "../generate/pagination.js";
import type { OperationObject } from "../openapi/document.js";
import { pointerOf, pointerSegments } from "../openapi/pointer.js";
import type { Sidecar } from "./sidecar.js";

/**
 * A vendor document cannot carry `x-modelfleet-pagination` (it stays as downloaded), so the sidecar's `pagination`
 * map says how its lists page. Each entry is put on its operation in the in-memory document, where the model reads
 * and checks it exactly like the extension in our own specs; what that check finds is then reported at the entry in
 * the sidecar, not at an operation of the vendor's file that never held it.
 */

/** One operation of the prepared document, under the operationId the sidecar keys it by. */
export interface NamedOperation {
  /** `#/paths/<path>/<method>` in the document. */
  pointer: string;
  /** The prepared document's copy of the operation (never the vendor's object). */
  operation: OperationObject;
  /** The method name the generated client gives it. */
  methodName: string;
}

/** A sidecar entry placed on an operation. */
export interface SidecarPlacement {
  /** The key in the sidecar's `pagination` map. */
  key: string;
  /** The operation it was placed on. */
  operationPointer: string;
}

/**
 * Puts each entry of `sidecar.pagination` on the operation it names (by operationId as written, or derived when the
 * document has none, like `rename` and `exclude`). An entry naming no operation, or one left out of the client, is
 * an error at the entry; one replacing a declaration the document itself carries is a warning there.
 */
export function placeSidecarPagination(
  sidecar: Sidecar,
  sidecarFile: string,
  named: Map<string, NamedOperation[]>,
  skipped: Map<string, string>,
): { placements: SidecarPlacement[]; diagnostics: Diagnostic[] } {
  const placements: SidecarPlacement[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const [key, value] of Object.entries(sidecar.pagination ?? {})) {
    const at = pointerOf("pagination", key);
    const targets = named.get(key);
    if (!targets) {
      diagnostics.push({
        severity: "error",
        code: "modelfleet/pagination-operation",
        message: skipped.has(key)
          ? `pagination.${key} names an operation the client leaves out: ${skipped.get(key)}`
          : `pagination.${key} names no operation of ${sidecar.spec}`,
        file: sidecarFile,
        pointer: at,
        help: skipped.has(key) ? "remove the entry, or stop leaving the operation out" : unknownHelp(key, named),
      });
      continue;
    }
    for (const target of targets) {
      const operation = target.operation as Record<string, unknown>;
      if (operation[PAGINATION_EXTENSION] !== undefined) {
        diagnostics.push({
          severity: "warning",
          code: "modelfleet/pagination-operation",
          message: `pagination.${key} replaces the ${PAGINATION_EXTENSION} the document declares on ${operationName(target.pointer)}`,
          file: sidecarFile,
          pointer: at,
          help: "remove the sidecar entry to use the document's own declaration",
        });
      }
      operation[PAGINATION_EXTENSION] = value;
      placements.push({ key, operationPointer: target.pointer });
    }
  }
  return { placements, diagnostics };
}

/** `#/paths/~1runs/get` as `GET /runs`. */
function operationName(pointer: string): string {
  const [, path = "", method = ""] = pointerSegments(pointer);
  return `${method.toUpperCase()} ${path}`;
}

function unknownHelp(key: string, named: Map<string, NamedOperation[]>): string {
  // The generated method name is what a user sees first; the map is keyed like rename and exclude, though.
  const byMethod = [...named].find(([, ops]) => ops.some((op) => op.methodName === key))?.[0];
  if (byMethod !== undefined && byMethod !== key)
    return `\`${key}\` is the generated method name; key the entry by the operationId as the document writes it: \`${byMethod}\``;
  const ids = [...named.keys()];
  const shown = ids.slice(0, 12).join(", ");
  return `key it by an operationId as the document writes it (or as derived when it has none): ${shown}${ids.length > 12 ? ", ..." : ""}`;
}

/**
 * Reports a problem found in a placed entry at the sidecar: `#/paths/~1jobs/get/x-modelfleet-pagination/next`
 * becomes `#/pagination/listJobs/next` in the sidecar file, and the message names the entry as the user wrote it.
 * Line and column are left to the caller, which has the sidecar's text.
 */
export function relocateToSidecar(
  diagnostics: Diagnostic[],
  placements: SidecarPlacement[],
  documentFile: string,
  sidecarFile: string,
): Diagnostic[] {
  if (placements.length === 0) return diagnostics;
  return diagnostics.map((d) => {
    if (d.file !== documentFile || !d.pointer) return d;
    const pointer = d.pointer;
    const placed = placements.find((p) => {
      const base = `${p.operationPointer}/${PAGINATION_EXTENSION}`;
      return pointer === base || pointer.startsWith(`${base}/`);
    });
    if (!placed) return d;
    const rest = pointer.slice(`${placed.operationPointer}/${PAGINATION_EXTENSION}`.length);
    const { line: _line, column: _column, ...kept } = d;
    return {
      ...kept,
      file: sidecarFile,
      pointer: `${pointerOf("pagination", placed.key)}${rest}`,
      message: d.message.replaceAll(PAGINATION_EXTENSION, `pagination.${placed.key}`),
      ...(d.help ? { help: d.help.replace(/\bthe extension\b/g, "the entry") } : {}),
    };
  });
}
