import { json, recordingSleep, SECRET_KEY } from "@modelfleet/test-utils";
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { createClientCore } from "./client-core.js";
import { InvalidArgumentError, NotFoundError, ResponseTooLargeError } from "./errors.js";
import type { ClientOptions } from "./options.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";

// A call is built by the client and sent by the transport as it is; only when a middleware must see it does
// openapi-fetch build a Request from the same parts. These tests hold the two ways to the same bytes.

const search: OperationDescriptor = {
  operationId: "search",
  method: "GET",
  path: "/teams/{team}/things/{id}",
  pathParams: ["team", "id"],
  queryParams: ["tags", "limit", "filter", "q"],
  headerParams: ["x-trace"],
  body: false,
  idempotent: true,
};
const create: OperationDescriptor = {
  ...search,
  operationId: "create",
  method: "POST",
  path: "/things",
  pathParams: [],
  queryParams: ["dry_run"],
  headerParams: [],
  body: "required",
  idempotent: false,
};
const operations = {
  search,
  create,
  token: { ...create, operationId: "token", path: "/token", bodyEncoding: "form" },
  upload: { ...create, operationId: "upload", path: "/files", bodyEncoding: "multipart" },
} satisfies Record<string, OperationDescriptor>;

const provider: ProviderDescriptor = {
  id: "acme",
  name: "Acme",
  packageName: "@modelfleet/acme",
  packageVersion: "1.0.0",
  envVar: "ACME_API_KEY",
  baseUrl: "https://api.acme.test/v1",
  auth: { header: "X-API-Key", prefix: "" },
  sensitiveKeys: [],
  operations,
};

interface Sent {
  method: string;
  url: string;
  headers: Array<[string, string]>;
  contentType: string | null;
  body: string;
}

/** A client whose fetch keeps each request as sent (a multipart boundary taken out of the body and its type). */
function capture(options: ClientOptions = {}, reply: () => Response = () => json(200, { ok: true })) {
  const sent: Sent[] = [];
  const fetch = async (request: Request) => {
    const contentType = request.headers.get("content-type");
    const boundary = /boundary=(.+)$/.exec(contentType ?? "")?.[1];
    const text = await request.text();
    sent.push({
      method: request.method,
      url: request.url,
      headers: [...request.headers].filter(([name]) => name !== "content-type"),
      contentType: boundary ? (contentType?.replace(boundary, "<boundary>") ?? null) : contentType,
      body: boundary ? text.split(boundary).join("<boundary>") : text,
    });
    return reply();
  };
  const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch, sleep: recordingSleep().sleep, maxRetries: 0, ...options });
  return { core, sent };
}

const calls: Array<[string, OperationDescriptor, unknown]> = [
  [
    "path, query and header parameters",
    operations.search,
    {
      team: "a b/c",
      id: 7,
      tags: ["x", "y&z"],
      limit: 10,
      filter: { status: "ready", owner: "me" },
      q: "ünïcode?",
      "x-trace": "t-1",
    },
  ],
  ["a JSON body", operations.create, { dry_run: true, body: { name: "n", nested: { list: [1, null, "s"] } } }],
  ["a form body", operations.token, { body: { grant_type: "client_credentials", scope: ["read", "write"], n: 2 } }],
  ["a multipart body", operations.upload, { body: { purpose: "p", file: new Blob([new Uint8Array([0, 255])]), meta: { a: 1 } } }],
];

describe("requests built by the client and by openapi-fetch for middleware", () => {
  it.each(calls)("are the same for %s", async (_name, operation, params) => {
    const direct = capture({ headers: { "X-Client": "c" } });
    const throughMiddleware = capture({ headers: { "X-Client": "c" }, middleware: [{ onRequest: () => undefined }] });
    const callOptions = { headers: { "X-Call": "1" } };
    await direct.core.call(operation, params, callOptions);
    await throughMiddleware.core.call(operation, params, callOptions);
    expect(direct.sent).toHaveLength(1);
    expect(direct.sent).toEqual(throughMiddleware.sent);
    const [request] = direct.sent as [Sent];
    expect(request.headers).toContainEqual(["x-api-key", SECRET_KEY]);
    expect(request.headers).toContainEqual(["x-client", "c"]);
    expect(request.headers).toContainEqual(["x-call", "1"]);
  });

  it("encodes what it must: path segments, query values, repeated arrays and deep objects", async () => {
    const { core, sent } = capture();
    await core.call(operations.search, calls[0]?.[2]);
    expect(sent[0]?.url).toBe(
      "https://api.acme.test/v1/teams/a%20b%2Fc/things/7?tags=x&tags=y%26z&limit=10&filter[status]=ready&filter[owner]=me&q=%C3%BCn%C3%AFcode%3F",
    );
    expect(sent[0]?.headers).toContainEqual(["x-trace", "t-1"]);
    expect(sent[0]?.contentType).toBeNull();
  });

  it("sends a JSON body with its content type, a form body as fields", async () => {
    const { core, sent } = capture();
    await core.call(operations.create, calls[1]?.[2]);
    await core.call(operations.token, calls[2]?.[2]);
    expect(sent.map((s) => [s.contentType, s.body])).toEqual([
      ["application/json", '{"name":"n","nested":{"list":[1,null,"s"]}}'],
      ["application/x-www-form-urlencoded", "grant_type=client_credentials&scope=read&scope=write&n=2"],
    ]);
  });
});

describe("middleware registered at any time", () => {
  it("raw.use after creation puts later calls through it, raw.eject takes them out again", async () => {
    const { core, sent } = capture();
    const seen: string[] = [];
    const middleware: Middleware = { onRequest: ({ schemaPath }) => void seen.push(schemaPath) };
    await core.call(operations.create, { body: {} });
    core.raw.use(middleware);
    await core.call(operations.create, { body: {} });
    core.raw.eject(middleware);
    await core.call(operations.create, { body: {} });
    expect(seen).toEqual(["/things"]);
    expect(sent).toHaveLength(3);
  });

  it("a response a middleware makes up is read like the provider's: its error, its JSON, its size limit", async () => {
    const answer = (response: () => Response): Middleware => ({ onRequest: () => response() });
    const notFound = capture({ middleware: [answer(() => json(404, { message: "no such thing" }))] });
    const error = await notFound.core.call(operations.create, { body: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ status: 404, providerMessage: "no such thing", attempts: 0 });
    expect(notFound.sent).toHaveLength(0);

    const ok = capture({ middleware: [answer(() => json(200, { id: "from-cache" }))] });
    await expect(ok.core.call(operations.create, { body: {} })).resolves.toEqual({ id: "from-cache" });

    const large = capture({ maxResponseBytes: 64, middleware: [answer(() => json(200, { pad: "x".repeat(100) }))] });
    await expect(large.core.call(operations.create, { body: {} })).rejects.toBeInstanceOf(ResponseTooLargeError);
  });

  it.each([
    ["text", () => new Response("<html>bad gateway</html>", { status: 502 })],
    ["JSON", () => json(409, { error: { message: "taken" } })],
    ["empty", () => new Response(null, { status: 500 })],
  ])("an error body (%s) read through a middleware becomes the same error as without", async (_name, reply) => {
    const errors = [];
    for (const middleware of [[], [{ onResponse: () => undefined }]]) {
      const { core } = capture({ middleware }, reply);
      errors.push(await core.call(operations.create, { body: {} }).catch((e: unknown) => e));
    }
    const [direct, throughMiddleware] = errors as [Error, Error];
    expect(throughMiddleware.constructor).toBe(direct.constructor);
    expect(throughMiddleware.message).toBe(direct.message);
    expect(throughMiddleware).toMatchObject({ ...direct });
  });
});

describe("a request that cannot be built fails before anything is sent", () => {
  const cases: Array<[string, OperationDescriptor, unknown, object]> = [
    ["a header value fetch refuses", operations.search, { team: "t", id: "i" }, { headers: { "X-Bad": "a\nb" } }],
    ["a header parameter fetch refuses", operations.search, { team: "t", id: "i", "x-trace": "a\r\nInjected: 1" }, {}],
    ["a body JSON cannot represent", operations.create, { body: { n: 1n } }, {}],
  ];
  it.each(cases)("%s, with or without middleware", async (_name, operation, params, callOptions) => {
    for (const middleware of [[], [{ onRequest: () => undefined }]]) {
      const { core, sent } = capture({ maxRetries: 2, middleware });
      const error = await core.call(operation, params, callOptions).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as Error).message).toMatch(/^acme (search|create): the request cannot be built: /);
      expect(sent).toHaveLength(0);
    }
  });
});
