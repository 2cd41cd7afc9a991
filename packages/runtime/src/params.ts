import { InvalidArgumentError } from "./errors.js";
import type { OperationDescriptor } from "./provider.js";

/** The openapi-fetch request parts of one call. */
export interface SplitParams {
  params: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body: unknown;
}

/**
 * Splits a generated method's single argument into path, query and header parameters and the body,
 * checking before any request that path parameters cannot change the path.
 */
export function splitParams(operation: OperationDescriptor, input: unknown): SplitParams {
  if (input !== undefined && (typeof input !== "object" || input === null || Array.isArray(input))) {
    throw new InvalidArgumentError(
      "params",
      `${operation.operationId}: expected a parameters object, got ${input === null ? "null" : Array.isArray(input) ? "an array" : typeof input}`,
    );
  }
  const values = (input ?? {}) as Record<string, unknown>;
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const header: Record<string, unknown> = {};
  for (const name of operation.pathParams) {
    path[name] = checkPathParam(operation.operationId, name, values[name]);
  }
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || operation.pathParams.includes(name)) continue;
    if (operation.queryParams.includes(name)) query[name] = value;
    else if (operation.headerParams.includes(name)) header[name] = value;
    else if (name !== "body" || operation.body === false) {
      const known = [...operation.pathParams, ...operation.queryParams, ...operation.headerParams, ...(operation.body ? ["body"] : [])];
      throw new InvalidArgumentError(
        name,
        `${operation.operationId}: unknown parameter ${JSON.stringify(name)}; expected ${known.length ? known.join(", ") : "none"}`,
      );
    }
  }
  if (operation.body === "required" && values.body === undefined) {
    throw new InvalidArgumentError("body", `${operation.operationId}: a request body is required`);
  }
  const params: SplitParams["params"] = {};
  if (operation.pathParams.length) params.path = path;
  if (Object.keys(query).length) params.query = query;
  if (Object.keys(header).length) params.header = header;
  return { params, body: operation.body ? values.body : undefined };
}

function checkPathParam(operationId: string, name: string, value: unknown): string | number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") {
    throw new InvalidArgumentError(
      name,
      `${operationId}: path parameter ${name} must be a string, got ${value === undefined ? "nothing" : typeof value}`,
    );
  }
  // Percent-encoding does not stop URL parsers from resolving "." and ".." segments (nor "%2e%2e").
  if (value === "" || /^(\.|%2e){1,2}$/i.test(value)) {
    throw new InvalidArgumentError(
      name,
      `${operationId}: path parameter ${name} must not be ${value === "" ? "empty" : JSON.stringify(value)}`,
    );
  }
  return value;
}
