import { camelCase, type ProviderModel } from "../model.js";

/** The runtime's public names every provider package re-exports, so one install is enough to catch errors. */
const RUNTIME_VALUES = [
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
  "PermissionDeniedError",
  "RateLimitError",
  "TimeoutError",
  "UnprocessableEntityError",
];
const RUNTIME_TYPES = ["ClientOptions", "Logger", "LogLevel", "RawClient", "RequestOptions"];

/** `index.ts` of `src/generated/`: the package's generated public surface. */
export function emitIndex(model: ProviderModel): string {
  // A package with iterators also re-exports what they yield and throw; one without stays as it was.
  const paged = model.operations.some((op) => op.pagination);
  const values = paged ? [...RUNTIME_VALUES, "PaginationError"] : RUNTIME_VALUES;
  const types = paged ? [...RUNTIME_TYPES, "Page", "PaginateOptions", "PaginationStopReason"] : RUNTIME_TYPES;
  return [
    `export { ${values.join(", ")} } from "@modelfleet/runtime";`,
    `export type { ${types.join(", ")} } from "@modelfleet/runtime";`,
    'export * from "./client.js";',
    `export { ${camelCase(model.id)}Provider } from "./provider.js";`,
    'export type * from "./schema.js";',
    "",
  ].join("\n");
}
