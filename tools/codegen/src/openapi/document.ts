/**
 * The OpenAPI 3.1 objects the generator reads, typed as far as it reads them. Every object keeps an index signature:
 * a document is JSON from outside, so extensions and keywords not listed here are still there to look at.
 */

/** Any JSON object. */
export type JsonObject = Record<string, unknown>;

/** A `$ref` in place of an object; only local references (`#/...`) are followed. */
export interface Reference {
  $ref: string;
  [key: string]: unknown;
}

/** An object or a reference to one. */
export type MaybeRef<T> = T | Reference;

/** A JSON Schema 2020-12 schema as OpenAPI 3.1 uses it (`nullable` is a 3.0 leftover, read only to report it). */
export interface SchemaObject {
  type?: string | string[];
  format?: string;
  description?: string;
  properties?: Record<string, MaybeRef<SchemaObject>>;
  required?: string[];
  items?: MaybeRef<SchemaObject>;
  additionalProperties?: boolean | MaybeRef<SchemaObject>;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  example?: unknown;
  examples?: unknown[];
  anyOf?: Array<MaybeRef<SchemaObject>>;
  oneOf?: Array<MaybeRef<SchemaObject>>;
  allOf?: Array<MaybeRef<SchemaObject>>;
  minimum?: number;
  nullable?: boolean;
  [key: string]: unknown;
}

/** A named example (`examples: {name: {value}}`). */
export interface ExampleObject {
  summary?: string;
  value?: unknown;
  [key: string]: unknown;
}

/** Where a parameter travels. The client sends path, query and header parameters; cookies it does not. */
export type ParameterLocation = "path" | "query" | "header" | "cookie";

/** One operation or path-item parameter. */
export interface ParameterObject {
  name: string;
  in: ParameterLocation;
  required?: boolean;
  schema?: MaybeRef<SchemaObject>;
  example?: unknown;
  examples?: Record<string, MaybeRef<ExampleObject>>;
  [key: string]: unknown;
}

/** The body of one media type of a request or response. */
export interface MediaTypeObject {
  schema?: MaybeRef<SchemaObject>;
  example?: unknown;
  examples?: Record<string, MaybeRef<ExampleObject>>;
  [key: string]: unknown;
}

/** A request body, per media type. */
export interface RequestBodyObject {
  required?: boolean;
  content?: Record<string, MediaTypeObject>;
  [key: string]: unknown;
}

/** One response of an operation, per media type. */
export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
  [key: string]: unknown;
}

/** `{schemeName: [scopes]}`: one way to authenticate; a list of them means any one of them. */
export type SecurityRequirement = Record<string, string[]>;

/** One operation of a path item. */
export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  deprecated?: boolean;
  tags?: string[];
  parameters?: Array<MaybeRef<ParameterObject>>;
  requestBody?: MaybeRef<RequestBodyObject>;
  responses?: Record<string, MaybeRef<ResponseObject>>;
  security?: SecurityRequirement[];
  [key: string]: unknown;
}

/** The operations and shared parameters of one path. */
export interface PathItemObject {
  parameters?: Array<MaybeRef<ParameterObject>>;
  [method: string]: unknown;
}

/** A security scheme the client may send a key with. */
export interface SecuritySchemeObject {
  type?: string;
  in?: string;
  name?: string;
  scheme?: string;
  [key: string]: unknown;
}

/** A server entry; the first one is the client's default base URL. */
export interface ServerObject {
  url?: string;
  [key: string]: unknown;
}

/** `info`, with modelfleet's own `x-modelfleet` extension. */
export interface InfoObject {
  title?: string;
  description?: string;
  version?: string;
  "x-modelfleet"?: unknown;
  [key: string]: unknown;
}

/** `components`: what `$ref`s point at. */
export interface ComponentsObject {
  schemas?: Record<string, MaybeRef<SchemaObject>>;
  securitySchemes?: Record<string, MaybeRef<SecuritySchemeObject>>;
  [key: string]: unknown;
}

/** A whole OpenAPI document. */
export interface OpenApiDocument {
  openapi?: string;
  info?: InfoObject;
  servers?: ServerObject[];
  paths?: Record<string, MaybeRef<PathItemObject>>;
  webhooks?: Record<string, unknown>;
  components?: ComponentsObject;
  security?: SecurityRequirement[];
  [key: string]: unknown;
}
