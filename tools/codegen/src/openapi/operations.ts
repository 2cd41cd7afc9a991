import type { OpenApiDocument, OperationObject, ParameterObject, PathItemObject } from "./document.js";
import { isRecord } from "./json.js";
import { pointerOf } from "./pointer.js";
import { resolveRef } from "./resolve.js";

/** The HTTP methods an OpenAPI path item can hold, in the order operations are emitted. */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

/** One of {@link HTTP_METHODS}. */
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** A parameter as an operation sees it, with where it is declared. */
export interface ParameterEntry {
  parameter: ParameterObject;
  pointer: string;
}

/** One operation of a document, with its path item's parameters merged into its own. */
export interface OperationEntry {
  path: string;
  method: HttpMethod;
  /** `#/paths/<path>/<method>`. */
  pointer: string;
  pathItem: PathItemObject;
  operation: OperationObject;
  /** Path-item parameters first, each replaced by the operation's own of the same `in` and `name`. */
  parameters: ParameterEntry[];
}

/** Every operation of `document.paths`, in document order, path items and parameters resolved. */
export function walkOperations(document: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  const paths = isRecord(document.paths) ? document.paths : {};
  for (const [path, raw] of Object.entries(paths)) {
    const itemPointer = pointerOf("paths", path);
    const pathItem = resolveRef<PathItemObject>(document, raw, itemPointer).node;
    if (!isRecord(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (!isRecord(operation)) continue;
      const pointer = pointerOf("paths", path, method);
      entries.push({
        path,
        method,
        pointer,
        pathItem,
        operation: operation as OperationObject,
        parameters: mergeParameters(document, [
          [pathItem.parameters, `${itemPointer}/parameters`],
          [operation.parameters, `${pointer}/parameters`],
        ]),
      });
    }
  }
  return entries;
}

function mergeParameters(document: unknown, lists: Array<[unknown, string]>): ParameterEntry[] {
  const byKey = new Map<string, ParameterEntry>();
  for (const [list, at] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((raw, index) => {
      const { node, pointer } = resolveRef<ParameterObject>(document, raw, `${at}/${index}`);
      if (!isRecord(node) || typeof node.name !== "string" || typeof node.in !== "string") return;
      byKey.set(`${node.in}:${node.name}`, { parameter: node, pointer });
    });
  }
  return [...byKey.values()];
}
