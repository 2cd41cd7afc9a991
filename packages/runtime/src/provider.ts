import type { PaginationDescriptor } from "./pagination/descriptor.js";

/** How one operation of a spec is sent; emitted by the codegen into each provider package. */
export interface OperationDescriptor {
  readonly operationId: string;
  readonly method: "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
  /** The path template, e.g. `/deploy/{deploy_id}`. */
  readonly path: string;
  readonly pathParams: readonly string[];
  readonly queryParams: readonly string[];
  readonly headerParams: readonly string[];
  /** `"required"`, `"optional"`, or `false` when the operation takes no body. */
  readonly body: "required" | "optional" | false;
  /** Safe to retry: an idempotent method, or marked `x-modelfleet-idempotent: true` in the spec. */
  readonly idempotent: boolean;
  /**
   * How a body that is not JSON is sent: `form` as `application/x-www-form-urlencoded` fields, `multipart` as
   * `multipart/form-data` parts (Blob values as files). Absent: JSON.
   */
  readonly bodyEncoding?: "form" | "multipart";
  /**
   * How a success body that is not JSON is read: `text` as a string, `blob` as a Blob (binary, audio, images),
   * `stream` as the body's ReadableStream (`text/event-stream`). Absent: JSON.
   */
  readonly responseAs?: "text" | "blob" | "stream";
  /** 2xx statuses the spec declares without a body (besides 204 and 205): they resolve to `undefined`. */
  readonly emptyStatuses?: readonly number[];
  /** How a list operation pages (the spec's `x-modelfleet-pagination`); absent for an operation that does not. */
  readonly pagination?: PaginationDescriptor;
}

/** A provider's identity and operations, read from its spec by the codegen. */
export interface ProviderDescriptor {
  /** Short id, e.g. `sieve`; the spec file's stem. */
  readonly id: string;
  /** Display name, e.g. `DeepInfra`. */
  readonly name: string;
  /** npm package, e.g. `@modelfleet/deepinfra`. */
  readonly packageName: string;
  /** Version of that package, sent in the User-Agent. */
  readonly packageVersion: string;
  /** Environment variable the API key is read from when `apiKey` is not given. */
  readonly envVar: string;
  /** Default base URL (the spec's first server). */
  readonly baseUrl: string;
  /** The header carrying the key, and the prefix before it (`Bearer `, `ApiKey `, or none). */
  readonly auth: { readonly header: string; readonly prefix: string };
  /** The provider's own request-id response header, if it has one. */
  readonly requestIdHeader?: string | undefined;
  /** Keys of the error body holding the provider's message, in order of preference. */
  readonly errorMessageKeys?: readonly string[] | undefined;
  /** Body properties the spec marks sensitive; redacted from log lines. */
  readonly sensitiveKeys: readonly string[];
  readonly operations: { readonly [operationId: string]: OperationDescriptor };
}
