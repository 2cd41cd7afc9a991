/**
 * A small document builder for the diff conformance suite: one operation (`POST /things`) sending `Req` and
 * receiving `Res` (or `Err` on 400), so each case states only the schema or field it changes.
 */

// biome-ignore lint/suspicious/noExplicitAny: documents are plain JSON built and edited freely by the cases
export type Doc = any;

export interface ApiParts {
  /** `components.schemas.Req`, the request body's schema. */
  req?: unknown;
  /** `components.schemas.Res`, the 200 response's schema. */
  res?: unknown;
  /** `components.schemas.Err`, the 400 response's schema. */
  err?: unknown;
  /** More component schemas. */
  schemas?: Record<string, unknown>;
  params?: unknown[];
  reqMedia?: string;
  resMedia?: string;
  errMedia?: string;
  /** The operation's own `security` (omitted: the document's applies). */
  security?: unknown;
  /** The document's `security`. */
  globalSecurity?: unknown;
  schemes?: Record<string, unknown>;
  webhooks?: Record<string, unknown>;
  path?: string;
  operationId?: string;
  info?: Record<string, unknown>;
  servers?: unknown[];
}

export const REQ = "#/components/schemas/Req";
export const RES = "#/components/schemas/Res";
export const ERR = "#/components/schemas/Err";
export const OP = "#/paths/~1things/post";

const NAMED = { type: "object", properties: { name: { type: "string" } } };

export function api(p: ApiParts = {}): Doc {
  const op: Doc = {
    operationId: p.operationId ?? "createThing",
    ...(p.params ? { parameters: p.params } : {}),
    requestBody: { required: true, content: { [p.reqMedia ?? "application/json"]: { schema: { $ref: REQ } } } },
    responses: {
      "200": { description: "The thing.", content: { [p.resMedia ?? "application/json"]: { schema: { $ref: RES } } } },
      "400": { description: "Refused.", content: { [p.errMedia ?? "application/json"]: { schema: { $ref: ERR } } } },
    },
    ...(p.security !== undefined ? { security: p.security } : {}),
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Acme",
      version: "1.0.0",
      "x-modelfleet": { package: "@modelfleet/acme", name: "Acme", envVar: "ACME_API_KEY" },
      ...p.info,
    },
    servers: p.servers ?? [{ url: "https://api.acme.example" }],
    security: p.globalSecurity ?? [{ bearerAuth: [] }],
    paths: { [p.path ?? "/things"]: { post: op } },
    ...(p.webhooks ? { webhooks: p.webhooks } : {}),
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" }, ...p.schemes },
      schemas: { Req: p.req ?? NAMED, Res: p.res ?? NAMED, Err: p.err ?? NAMED, ...p.schemas },
    },
  };
}

/** An object schema with these properties (all optional unless listed in `required`). */
export function obj(properties: Record<string, unknown>, required?: string[], extra: Record<string, unknown> = {}): Doc {
  return { type: "object", properties, ...(required ? { required } : {}), ...extra };
}

/** A webhook path item posting `Payload` to the subscriber, which answers 200 with `Ack`. */
export function webhook(payload = "#/components/schemas/Payload"): Doc {
  return {
    post: {
      requestBody: { required: true, content: { "application/json": { schema: { $ref: payload } } } },
      responses: { "200": { description: "Received." } },
    },
  };
}
