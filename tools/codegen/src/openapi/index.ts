// The typed OpenAPI layer on its own (`@modelfleet/codegen/openapi`): document types, the `$ref` resolver, JSON
// pointers and the operation walker, for tools that read specs the way the generator does. Loads no parser or linter.
export type * from "./document.js";
export { isRecord } from "./json.js";
export { type BodyEncoding, bodyEncodingOf, isJsonMediaType, type ReadAs, readAsOf } from "./media-types.js";
export { HTTP_METHODS, type HttpMethod, type OperationEntry, type ParameterEntry, walkOperations } from "./operations.js";
export { type Locator, nodeAtPointer, pointerOf, pointerSegments } from "./pointer.js";
export { deref, type Resolved, resolveRef } from "./resolve.js";
