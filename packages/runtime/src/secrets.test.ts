/**
 * The key never shows: not in any form of an error built from a response that echoes it (headers, status text,
 * body), not in a log line (request bodies included), and a key that could not be sent as a header is refused
 * at creation without being quoted. Every captured string is scanned.
 */
import { inspect } from "node:util";
import { json, recordingFetch, SECRET_KEY } from "@modelfleet/test-utils";
import { type FakeServer, startFakeServer } from "@modelfleet/test-utils/fake-http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClientCore } from "./client-core.js";
import { ConfigurationError, ModelfleetError } from "./errors.js";
import type { Logger } from "./logger.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";

const getThing: OperationDescriptor = {
  operationId: "getThing",
  method: "GET",
  path: "/things/{id}",
  pathParams: ["id"],
  queryParams: [],
  headerParams: [],
  body: false,
  idempotent: true,
};
const createThing: OperationDescriptor = {
  ...getThing,
  operationId: "createThing",
  method: "POST",
  path: "/things",
  pathParams: [],
  body: "required",
  idempotent: false,
};

/** `weights` is marked sensitive in this spec; its name matches none of the built-in secret-looking patterns. */
const provider: ProviderDescriptor = {
  id: "acme",
  name: "Acme",
  packageName: "@modelfleet/acme",
  packageVersion: "1.2.3",
  envVar: "ACME_API_KEY",
  baseUrl: "https://api.acme.test",
  auth: { header: "X-API-Key", prefix: "" },
  requestIdHeader: "x-acme-trace",
  sensitiveKeys: ["weights"],
  operations: { getThing, createThing },
};

/** Every string form an error can take where a user or a log could see it. */
function formsOf(error: unknown): string[] {
  const e = error as Error;
  return [
    String(e),
    e.message,
    String(e.stack),
    JSON.stringify(e),
    JSON.stringify((e as ModelfleetError).toJSON()),
    inspect(e, { depth: Number.POSITIVE_INFINITY, showHidden: true }),
    ...Object.values(e).map((v) => inspect(v, { depth: Number.POSITIVE_INFINITY })),
  ];
}

function capturingLogger() {
  const lines: string[] = [];
  const capture = (message: string, details?: Record<string, unknown>) =>
    lines.push(message, inspect(details, { depth: Number.POSITIVE_INFINITY }));
  const logger: Logger = { debug: capture, info: capture, warn: capture, error: capture };
  return { logger, lines };
}

let server: FakeServer;

beforeEach(async () => {
  server = await startFakeServer();
});

afterEach(async () => {
  await server.close();
});

describe("a response that echoes the key", () => {
  it("is scrubbed from the status text, every request-id header and the body, in every form of the error", async () => {
    for (const header of ["x-acme-trace", "x-request-id", "request-id"]) {
      server.handle((_seen, res) => {
        res.writeHead(401, `Unauthorized ${SECRET_KEY}`, { "content-type": "application/json", [header]: `req-${SECRET_KEY}` });
        res.end(JSON.stringify({ message: `bad key ${SECRET_KEY}`, [SECRET_KEY]: [{ echo: SECRET_KEY }] }));
      });
      const core = createClientCore(provider, { apiKey: SECRET_KEY, baseUrl: server.baseUrl });
      const error = await core.call(getThing, { id: "t" }).catch((e: unknown) => e);
      expect(error).toMatchObject({ status: 401, requestId: "req-[redacted]", providerMessage: "bad key [redacted]" });
      for (const form of formsOf(error)) expect(form).not.toContain(SECRET_KEY);
    }
  });

  it("is scrubbed the same when the error is read through a user middleware", async () => {
    server.handle((_seen, res) => {
      res.writeHead(401, `Unauthorized ${SECRET_KEY}`, { "content-type": "application/json", "x-acme-trace": `req-${SECRET_KEY}` });
      res.end(JSON.stringify({ message: `bad key ${SECRET_KEY}` }));
    });
    const seen: string[] = [];
    const middleware = [{ onRequest: ({ request }: { request: Request }) => void seen.push([...request.headers].join(";")) }];
    const core = createClientCore(provider, { apiKey: SECRET_KEY, baseUrl: server.baseUrl, middleware });
    const error = await core.call(getThing, { id: "t" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401, requestId: "req-[redacted]", providerMessage: "bad key [redacted]" });
    for (const form of formsOf(error)) expect(form).not.toContain(SECRET_KEY);
    expect(seen).toHaveLength(1);
    expect(seen[0]).not.toContain(SECRET_KEY);
    expect(server.requests[0]?.headers["x-api-key"]).toBe(SECRET_KEY);
  });

  it("is scrubbed from a 2xx body that is not JSON and from a 429's fields", async () => {
    const recorder = recordingFetch(
      new Response(`oops ${SECRET_KEY}`, { status: 200, statusText: SECRET_KEY }),
      json(429, { error: SECRET_KEY }, { "x-request-id": SECRET_KEY, "retry-after": "999" }),
    );
    const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 });
    const errors = [
      await core.call(getThing, { id: "t" }).catch((e: unknown) => e),
      await core.call(getThing, { id: "t" }).catch((e: unknown) => e),
    ];
    for (const error of errors) {
      expect(ModelfleetError.isInstance(error)).toBe(true);
      for (const form of formsOf(error)) expect(form).not.toContain(SECRET_KEY);
    }
  });
});

describe("log lines", () => {
  it("show a form or multipart body by its size only, never its fields", async () => {
    const { logger, lines } = capturingLogger();
    const recorder = recordingFetch(json(200, { ok: true }));
    const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: recorder.fetch, logger, logLevel: "debug" });
    const form: OperationDescriptor = { ...createThing, operationId: "token", bodyEncoding: "form" };
    const multipart: OperationDescriptor = { ...createThing, operationId: "upload", bodyEncoding: "multipart" };
    await core.call(form, { body: { client_secret: SECRET_KEY, scope: "read" } });
    await core.call(multipart, { body: { note: SECRET_KEY } });
    const logged = lines.join("\n");
    expect(logged).toMatch(/requestBody: .<\d+ characters>./);
    expect(logged).toMatch(/requestBody: .<FormData>./);
    for (const line of lines) expect(line).not.toContain(SECRET_KEY);
  });

  it("redact the bare key anywhere in a request body, and the spec's sensitive fields at any depth", async () => {
    const { logger, lines } = capturingLogger();
    const recorder = recordingFetch(json(200, { id: "t" }));
    // With a prefixed auth value (`Bearer <key>`), so scrubbing that value alone would miss the bare key.
    const bearer: ProviderDescriptor = { ...provider, auth: { header: "Authorization", prefix: "Bearer " } };
    const core = createClientCore(bearer, { apiKey: SECRET_KEY, fetch: recorder.fetch, logger, logLevel: "debug" });
    const body = {
      note: `my key is ${SECRET_KEY}`,
      config: { weights: { repo: "r", token: "hf_sensitive" } },
      list: [{ weights: "hf_sensitive" }],
    };
    await core.call(createThing, { body });
    // The request itself carries the body as given: the caller's own data.
    expect(recorder.requests[0]?.body).toEqual(body);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join("\n")).toContain("[redacted]");
    for (const line of lines) {
      expect(line).not.toContain(SECRET_KEY);
      expect(line).not.toContain("hf_sensitive");
    }
  });
});

describe("a key that cannot be a header value", () => {
  it.each([
    ["non-Latin-1", "sk-live-clé-€-1234"],
    ["an emoji", "sk-live-🔑-1234"],
    ["a C0 control", "sk-live-\u0007-1234"],
    ["a tab", "sk-live-\t-1234"],
  ])("with %s is a ConfigurationError at creation, not quoted", (_what, key) => {
    for (const source of ["option", "environment"] as const) {
      const saved = process.env.ACME_API_KEY;
      if (source === "environment") process.env.ACME_API_KEY = key;
      let error: unknown;
      try {
        createClientCore(provider, source === "option" ? { apiKey: key } : {});
      } catch (e) {
        error = e;
      } finally {
        if (saved === undefined) delete process.env.ACME_API_KEY;
        else process.env.ACME_API_KEY = saved;
      }
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ option: "apiKey" });
      for (const form of formsOf(error)) expect(form).not.toContain(key);
    }
  });
});
