import { camelCase, type ProviderModel } from "../model.js";

/**
 * Every error class a call of a generated client can throw (the runtime's own, `ResponseTooLargeError` and the
 * iterators' `PaginationError` included), re-exported by every provider package so a client installed alone can
 * catch and narrow each one. `test/index-exports.test.ts` derives the list from the runtime's exports.
 */
export const RUNTIME_ERRORS = [
  "ApiError",
  "AuthenticationError",
  "BadRequestError",
  "ConfigurationError",
  "ConflictError",
  "ConnectionError",
  "InternalServerError",
  "InvalidArgumentError",
  "ModelfleetError",
  "NotFoundError",
  "PaginationError",
  "PermissionDeniedError",
  "RateLimitError",
  "ResponseTooLargeError",
  "TimeoutError",
  "UnprocessableEntityError",
];
const RUNTIME_TYPES = ["ClientOptions", "Logger", "LogLevel", "RawClient", "RequestOptions"];

/** `index.ts` of `src/generated/`: the package's generated public surface. */
export function emitIndex(model: ProviderModel): string {
  // Webhook payload types only: nothing is called, so nothing is thrown either.
  if (model.typesOnly) return 'export type * from "./schema.js";\n';
  // A package with iterators also re-exports the types they yield and take.
  const paged = model.operations.some((op) => op.pagination);
  const types = paged ? [...RUNTIME_TYPES, "Page", "PaginateOptions", "PaginationStopReason"] : RUNTIME_TYPES;
  return [
    `export { ${RUNTIME_ERRORS.join(", ")} } from "@modelfleet/runtime";`,
    `export type { ${types.join(", ")} } from "@modelfleet/runtime";`,
    'export * from "./client.js";',
    `export { ${camelCase(model.id)}Provider } from "./provider.js";`,
    'export type * from "./schema.js";',
    "",
  ].join("\n");
}
