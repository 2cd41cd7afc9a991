// The typed OpenAPI layer on its own (`@modelfleet/codegen/openapi`): document types, the `$ref` resolver, JSON
// pointers, the operation walker and the bundler of file `$ref`s, for tools that read specs the way the generator does.
// Loads no parser or linter: a bundle's reader parses the files.
export {
  type Bundle,
  type BundleOrigin,
  bundleRefs,
  bundleRefsSync,
  hasFileRef,
  type ReferencedFile,
  type RefReader,
  type RefSource,
  type SyncRefReader,
} from "./bundle.js";
export type * from "./document.js";
export { isRecord } from "./json.js";
export { type BodyEncoding, bodyEncodingOf, isJsonMediaType, type ReadAs, readAsOf } from "./media-types.js";
export { HTTP_METHODS, type HttpMethod, type OperationEntry, type ParameterEntry, walkOperations } from "./operations.js";
export { type Locator, nodeAtPointer, pointerOf, pointerSegments } from "./pointer.js";
export { deref, type Resolved, resolveRef } from "./resolve.js";
