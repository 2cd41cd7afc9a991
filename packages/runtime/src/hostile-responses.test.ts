/**
 * A catalogue of hostile responses through the real global fetch and a loopback server: every one ends in a
 * documented modelfleet error class, memory stays bounded, and nothing throws a RangeError or hangs.
 */
import { inspect } from "node:util";
import { gzipSync } from "node:zlib";
import { recordingFetch, recordingSleep, SECRET_KEY } from "@modelfleet/test-utils";
import { type FakeServer, type Handler, reply, startFakeServer, stream } from "@modelfleet/test-utils/fake-http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClientCore } from "./client-core.js";
import { ApiError, InternalServerError, InvalidArgumentError, ModelfleetError, ResponseTooLargeError } from "./errors.js";
import type { ClientOptions } from "./options.js";
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

const provider: ProviderDescriptor = {
  id: "acme",
  name: "Acme",
  packageName: "@modelfleet/acme",
  packageVersion: "1.2.3",
  envVar: "ACME_API_KEY",
  baseUrl: "https://api.acme.test",
  auth: { header: "Authorization", prefix: "Bearer " },
  errorMessageKeys: ["message", "error"],
  sensitiveKeys: [],
  operations: { getThing },
};

const MiB = 1024 * 1024;
const nested = (depth: number, leaf = '"deep"') => `${'{"error":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
const raw =
  (status: number, body: Buffer | string, headers: Record<string, string> = {}): Handler =>
  (_seen, res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
  };

let server: FakeServer;

beforeEach(async () => {
  server = await startFakeServer();
});

afterEach(async () => {
  await server.close();
});

function setup(options: ClientOptions = {}) {
  return createClientCore(provider, {
    apiKey: SECRET_KEY,
    baseUrl: server.baseUrl,
    sleep: recordingSleep().sleep,
    maxRetries: 0,
    ...options,
  });
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${typeof value}`);
    },
    (error: unknown) => error,
  );

describe("the catalogue", () => {
  const cases: Array<[string, Handler, ClientOptions, abstract new (...args: never[]) => ModelfleetError, Record<string, unknown>]> = [
    [
      "a 1 GiB body past a 1 MiB limit",
      stream(1024 * MiB),
      { maxResponseBytes: MiB },
      ResponseTooLargeError,
      { status: 200, maxResponseBytes: MiB },
    ],
    ["a 40 MiB body past the default 32 MiB limit", stream(40 * MiB), {}, ResponseTooLargeError, { maxResponseBytes: 32 * MiB }],
    [
      "a gzip bomb (64 MiB of zeros in about 64 KiB) past a 1 MiB limit",
      raw(200, gzipSync(Buffer.alloc(64 * MiB)), { "content-encoding": "gzip" }),
      { maxResponseBytes: MiB },
      ResponseTooLargeError,
      {},
    ],
    ["a 500 with a 1 GiB body", stream(1024 * MiB, 500), { maxResponseBytes: MiB }, ResponseTooLargeError, { status: 500 }],
    ["JSON nested 100 000 deep in a 500", raw(500, nested(100_000)), {}, InternalServerError, { status: 500 }],
    ["invalid UTF-8 in a 200", raw(200, Buffer.from([0xff, 0xfe, 0x7b, 0xc3])), {}, ApiError, { status: 200 }],
    ["invalid UTF-8 in a 502", raw(502, Buffer.from([0xff, 0xfe, 0x3c, 0xc3])), {}, InternalServerError, { status: 502 }],
    [
      "an HTML page with a 200",
      raw(200, "<html><body>hello</body></html>", { "content-type": "text/html" }),
      {},
      ApiError,
      { status: 200 },
    ],
    [
      "an empty chunked 200",
      (_seen, res) => res.writeHead(200, { "content-type": "application/json" }).end(),
      {},
      ApiError,
      { status: 200 },
    ],
    ["a 200 with content-length: 0", raw(200, "", { "content-length": "0" }), {}, ApiError, { status: 200 }],
    ["5 MiB of '<' in a 503", raw(503, "<".repeat(5 * MiB), { "content-type": "text/html" }), {}, InternalServerError, { status: 503 }],
    ["5 MiB of '<script>' in a 503", raw(503, "<script>".repeat(655_360), { "content-type": "text/html" }), {}, InternalServerError, {}],
    [
      "a 404 whose message is an array of 100 000 entries",
      raw(404, JSON.stringify({ message: Array(100_000).fill({ loc: [1], msg: "x" }) })),
      {},
      ApiError,
      { status: 404 },
    ],
  ];

  it.each(cases)(
    "%s ends in its documented class",
    async (_name, handler, options, ErrorClass, fields) => {
      server.handle(handler);
      const error = await caught(setup(options).call(getThing, { id: "t" }));
      expect(error).toBeInstanceOf(ErrorClass);
      expect(ModelfleetError.isInstance(error)).toBe(true);
      if (fields) expect(error).toMatchObject(fields);
      // Every way the error is shown works (no RangeError from a deep body); the message stays short.
      expect(() => JSON.stringify(error)).not.toThrow();
      expect(() => inspect(error, { depth: Number.POSITIVE_INFINITY })).not.toThrow();
      expect(String(error).length).toBeLessThan(2_000);
      // Tens of MiB go through the loopback: the limit only catches a hang on a busy machine.
    },
    60_000,
  );

  it("a 200 nested deeply is returned to the caller as parsed, not walked", async () => {
    server.handle(raw(200, nested(10_000, "1").replaceAll('"error"', '"a"')));
    const data = (await setup().call(getThing, { id: "t" })) as { a: unknown };
    expect(typeof data.a).toBe("object");
  });

  it("a large body within the limit is read whole", async () => {
    server.handle(reply(200, { blob: "x".repeat(2 * MiB) }));
    const data = (await setup({ maxResponseBytes: 3 * MiB }).call(getThing, { id: "t" })) as { blob: string };
    expect(data.blob).toHaveLength(2 * MiB);
  });

  it("the per-call limit overrides the client's, and a too-large response is not retried", async () => {
    server.handle(reply(503, { message: "x".repeat(4096) }));
    const error = await caught(setup({ maxRetries: 3 }).call(getThing, { id: "t" }, { maxResponseBytes: 1024 }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect((error as ResponseTooLargeError).isRetryable).toBe(false);
    expect(server.requests).toHaveLength(1);
  });

  it("a 204 is an empty result", async () => {
    server.handle((_seen, res) => res.writeHead(204).end());
    await expect(setup().call(getThing, { id: "t" })).resolves.toBeUndefined();
  });
});

describe("a request that cannot be built", () => {
  const getWithBody: OperationDescriptor = { ...getThing, operationId: "search", path: "/things", pathParams: [], body: "required" };

  it.each([0, 2])("fails at once with InvalidArgumentError, nothing sent, with maxRetries %i", async (maxRetries) => {
    const recorder = recordingFetch();
    const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: recorder.fetch, sleep: recordingSleep().sleep, maxRetries });
    const error = await caught(core.call(getWithBody, { body: { q: "x" } }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: "params" });
    expect((error as Error).message).toMatch(/^acme search: the request cannot be built/);
    expect(recorder.requests).toHaveLength(0);
  });
});
