import type { Diagnostic } from "../diagnostics.js";
import { camelCase } from "../names.js";
import { isRecord, type LoadedSpec, locate, pointerOf } from "../openapi/load.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/**
 * Method names a generated client cannot have: `then` (an object with it is taken for a promise by `await`), every
 * `Object.prototype` member (`__proto__`, `constructor`, `toString`, ...), and `raw`, the client's own escape hatch.
 */
const RESERVED = new Set(["then", "raw", ...Object.getOwnPropertyNames(Object.prototype)]);

/** An operationId whose method name (or which itself) is reserved is an error at the operation. */
export function checkOperationNames(spec: LoadedSpec): Diagnostic[] {
  const out: Diagnostic[] = [];
  const paths = spec.document.paths;
  if (!isRecord(paths)) return out;
  for (const [path, item] of Object.entries(paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation.operationId !== "string") continue;
      const id = operation.operationId;
      const name = camelCase(id);
      if (!RESERVED.has(id) && !RESERVED.has(name)) continue;
      const pointer = pointerOf("paths", path, method, "operationId");
      out.push({
        severity: "error",
        code: "spec/reserved-operation-id",
        message: `operationId ${JSON.stringify(id)} would be the client method ${JSON.stringify(name)}, which a JavaScript object cannot safely have`,
        file: spec.file,
        pointer,
        help: "rename the operation (e.g. add a verb: getThen, getConstructor); the names reserved are then, raw and Object.prototype's",
        ...locate(spec, pointer),
      });
    }
  }
  return out;
}
