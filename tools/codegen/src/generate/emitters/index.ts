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
  return [
    `export { ${RUNTIME_VALUES.join(", ")} } from "@modelfleet/runtime";`,
    `export type { ${RUNTIME_TYPES.join(", ")} } from "@modelfleet/runtime";`,
    'export * from "./client.js";',
    `export { ${camelCase(model.id)}Provider } from "./provider.js";`,
    'export type * from "./schema.js";',
    "",
  ].join("\n");
}
