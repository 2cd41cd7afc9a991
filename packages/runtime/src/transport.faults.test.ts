/**
 * Fault injection through the real global fetch against a scripted local HTTP server: rate limits, 5xx
 * bursts, socket resets, hangs, slow bodies, non-JSON bodies. Backoff waits go through recordingSleep, so
 * no real delay is slept; timeouts are only used to trigger TimeoutError, never asserted as durations.
 */
import { recordingSleep, SECRET_KEY } from "@modelfleet/test-utils";
import { type FakeServer, hang, reply, resetMidBody, sequence, startFakeServer, trickle } from "@modelfleet/test-utils/fake-http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createClientCore } from "./client-core.js";
import { ApiError, ConnectionError, InternalServerError, ModelfleetError, RateLimitError, TimeoutError } from "./errors.js";
import type { ClientOptions } from "./options.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";

const getThing: OperationDescriptor = {
  operationId: "getThing",
  method: "GET",
  path: "/things/{id}",
  pathParams: ["id"],
  queryParams: ["verbose"],
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
  queryParams: [],
  body: "required",
  idempotent: false,
};
const setScale: OperationDescriptor = { ...createThing, operationId: "setScale", path: "/things/scale", idempotent: true };

const provider: ProviderDescriptor = {
  id: "acme",
  name: "Acme",
  packageName: "@modelfleet/acme",
  packageVersion: "1.2.3",
  envVar: "ACME_API_KEY",
  baseUrl: "https://api.acme.test",
  auth: { header: "Authorization", prefix: "Bearer " },
  errorMessageKeys: ["message", "error"],
  sensitiveKeys: ["token"],
  operations: { getThing, createThing, setScale },
};

let server: FakeServer;
/** How long to wait for the server to have read a request: not a budget, a hang detector. */
const ARRIVAL = { timeout: 60_000, interval: 20 };

beforeEach(async () => {
  server = await startFakeServer();
});

afterEach(async () => {
  await server.close();
});

/** A client on the real global fetch, pointed at the fault server, with recorded (instant) sleeps. */
function setup(options: ClientOptions = {}) {
  const sleeper = recordingSleep();
  const core = createClientCore(provider, { apiKey: SECRET_KEY, baseUrl: server.baseUrl, sleep: sleeper.sleep, ...options });
  return { core, delays: sleeper.delays, requests: server.requests };
}

const caught = (promise: Promise<unknown>) =>
  promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );

describe("Retry-After", () => {
  it("429 with Retry-After: 1 waits 1000 ms, then returns the 200", async () => {
    server.handle(sequence(reply(429, { message: "slow down" }, { "retry-after": "1" }), reply(200, { id: "t1" })));
    const { core, delays, requests } = setup();
    await expect(core.call(getThing, { id: "t1" })).resolves.toEqual({ id: "t1" });
    expect(requests).toHaveLength(2);
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(["GET /things/t1", "GET /things/t1"]);
    expect(requests.every((r) => r.headers.authorization === `Bearer ${SECRET_KEY}`)).toBe(true);
    expect(delays).toEqual([1000]);
  });

  it("429 with Retry-After as an HTTP date about 2 s ahead waits at most 2000 ms", async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    server.handle(sequence(reply(429, {}, { "retry-after": inTwoSeconds }), reply(200, { ok: true })));
    const { core, delays, requests } = setup();
    await expect(core.call(getThing, { id: "t" })).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThan(0);
    expect(delays[0]).toBeLessThanOrEqual(2000);
  });

  it("429 with retry-after-ms: 150 waits 150 ms", async () => {
    server.handle(sequence(reply(429, {}, { "retry-after-ms": "150" }), reply(200, { ok: true })));
    const { core, delays, requests } = setup();
    await expect(core.call(getThing, { id: "t" })).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(2);
    expect(delays).toEqual([150]);
  });

  it("a huge Retry-After fails at once with RateLimitError, one request, no sleep", async () => {
    server.handle(
      sequence(reply(429, { message: "come back tomorrow" }, { "retry-after": "86400", "x-request-id": "rl-1" }), reply(200, {})),
    );
    const { core, delays, requests } = setup();
    const error = await caught(core.call(getThing, { id: "t" }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      attempts: 1,
      retryAfterMs: 86_400_000,
      provider: "acme",
      operationId: "getThing",
      url: `${server.baseUrl}/things/t`,
      requestId: "rl-1",
      providerMessage: "come back tomorrow",
    });
    expect(requests).toHaveLength(1);
    expect(delays).toEqual([]);
  });
});

describe("5xx bursts", () => {
  it("three 503s then 200 with maxRetries 3: four requests, exponential backoff", async () => {
    const busy = reply(503, { message: "busy" });
    server.handle(sequence(busy, busy, busy, reply(200, { id: "t1" })));
    const { core, delays, requests } = setup({ maxRetries: 3 });
    await expect(core.call(getThing, { id: "t1" })).resolves.toEqual({ id: "t1" });
    expect(requests).toHaveLength(4);
    expect(delays).toHaveLength(3);
    // 0.5 s × 2ⁿ with jitter into [50 %, 100 %]
    const [d1, d2, d3] = delays as [number, number, number];
    expect(d1).toBeGreaterThanOrEqual(250);
    expect(d1).toBeLessThanOrEqual(500);
    expect(d2).toBeGreaterThanOrEqual(500);
    expect(d2).toBeLessThanOrEqual(1000);
    expect(d3).toBeGreaterThanOrEqual(1000);
    expect(d3).toBeLessThanOrEqual(2000);
  });

  it("three 503s then 200 with maxRetries 2: InternalServerError after 3 attempts", async () => {
    const busy = reply(503, { message: "busy" }, { "x-request-id": "busy-req" });
    server.handle(sequence(busy, busy, busy, reply(200, { id: "t1" })));
    const { core, delays, requests } = setup({ maxRetries: 2 });
    const error = await caught(core.call(getThing, { id: "t1" }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({
      status: 503,
      attempts: 3,
      provider: "acme",
      operationId: "getThing",
      method: "GET",
      url: `${server.baseUrl}/things/t1`,
      requestId: "busy-req",
      providerMessage: "busy",
      isRetryable: true,
    });
    expect(requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it("an HTML 502 page becomes a short text excerpt without tags", async () => {
    const page = `<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style>
      <script>var x = "<b>not shown</b>";</script></head>
      <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>`;
    server.handle(
      sequence((_seen, res) => {
        res.writeHead(502, { "content-type": "text/html" });
        res.end(page);
      }),
    );
    const { core, delays, requests } = setup({ maxRetries: 1 });
    const error = await caught(core.call(getThing, { id: "t" }));
    expect(error).toBeInstanceOf(InternalServerError);
    const apiError = error as InternalServerError;
    expect(apiError).toMatchObject({ status: 502, attempts: 2, provider: "acme", operationId: "getThing", requestId: undefined });
    expect(typeof apiError.body).toBe("string");
    const body = apiError.body as string;
    expect(body).toContain("502 Bad Gateway");
    expect(body).toContain("nginx");
    expect(body).not.toMatch(/[<>]/);
    expect(body).not.toContain("not shown");
    expect(body).not.toContain("color:red");
    expect(body.length).toBeLessThanOrEqual(301);
    expect(apiError.providerMessage).toBe(body);
    expect(apiError.message).not.toMatch(/[<>]/);
    expect(requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });
});

describe("connection faults", () => {
  it("a socket reset mid-response is retried", async () => {
    server.handle(sequence(resetMidBody, reply(200, { id: "t1" })));
    const { core, delays, requests } = setup();
    await expect(core.call(getThing, { id: "t1" })).resolves.toEqual({ id: "t1" });
    expect(requests).toHaveLength(2);
    expect(delays).toHaveLength(1);
  });

  it("a reset on every attempt ends in ConnectionError with attempts = maxRetries + 1", async () => {
    server.handle(sequence(resetMidBody));
    const { core, delays, requests } = setup({ maxRetries: 2 });
    const error = await caught(core.call(getThing, { id: "t1" }));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      attempts: 3,
      provider: "acme",
      operationId: "getThing",
      method: "GET",
      url: `${server.baseUrl}/things/t1`,
      isRetryable: true,
    });
    // undici resolves fetch on the headers, then the body read fails with "terminated" (other side closed)
    expect(((error as Error).cause as Error).message).toMatch(/terminated/);
    expect(requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it("a hang past the timeout ends in TimeoutError after maxRetries + 1 attempts", async () => {
    server.handle(sequence(hang));
    // Long enough that a starved machine still writes each attempt to the server before it times out (the server
    // counts what it read); the test waits out three of them.
    const { core, delays, requests } = setup({ timeoutMs: 1_000, maxRetries: 2 });
    const error = await caught(core.call(getThing, { id: "t1" }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({
      attempts: 3,
      timeoutMs: 1_000,
      provider: "acme",
      operationId: "getThing",
      url: `${server.baseUrl}/things/t1`,
      isRetryable: true,
    });
    // The server counts a request when it has read it, which can trail the client's timeout on a busy machine:
    // wait for it (the limit only catches a request that never arrives).
    await vi.waitFor(() => expect(requests).toHaveLength(3), ARRIVAL);
    expect(delays).toHaveLength(2);
  });

  it("the timeout covers the body: headers at once, body trickling past timeoutMs", async () => {
    server.handle(sequence(trickle(50, 80)));
    const { core, delays, requests } = setup({ timeoutMs: 1_000, maxRetries: 1 });
    const error = await caught(core.call(getThing, { id: "t1" }));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 2, timeoutMs: 1_000, operationId: "getThing" });
    await vi.waitFor(() => expect(requests).toHaveLength(2), ARRIVAL);
    expect(delays).toHaveLength(1);
  });
});

describe("bodies and headers", () => {
  it("a 200 with malformed JSON is an ApiError (status 200), not a SyntaxError", async () => {
    server.handle(
      sequence((_seen, res) => {
        res.writeHead(200, { "content-type": "application/json", "x-request-id": "bad-json-1" });
        res.end("{not json");
      }),
    );
    const { core, requests } = setup();
    const error = await caught(core.call(getThing, { id: "t" }));
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, attempts: 1, provider: "acme", operationId: "getThing", url: `${server.baseUrl}/things/t` });
    expect((error as Error).message).toMatch(/not valid JSON/);
    expect(requests).toHaveLength(1);
  });

  it("a POST not marked idempotent is sent exactly once on 503", async () => {
    server.handle(sequence(reply(503, { message: "busy" }), reply(200, { ok: true })));
    const { core, delays, requests } = setup();
    const error = await caught(core.call(createThing, { body: { name: "x" } }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, attempts: 1, operationId: "createThing", url: `${server.baseUrl}/things` });
    expect(requests).toHaveLength(1);
    expect(JSON.parse(requests[0]?.body ?? "")).toEqual({ name: "x" });
    expect(delays).toEqual([]);
  });

  it("a POST marked idempotent is retried, each attempt carrying the identical JSON body", async () => {
    server.handle(sequence(reply(503, {}), reply(503, {}), reply(200, { ok: true })));
    const { core, delays, requests } = setup();
    const payload = { min: 1, max: 2, tags: ["a", "ü"], nested: { deep: true } };
    await expect(core.call(setScale, { body: payload })).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    const first = requests[0]?.body;
    expect(first).toBeTruthy();
    for (const request of requests) {
      expect(request.method).toBe("POST");
      expect(request.url).toBe("/things/scale");
      expect(request.headers["content-type"]).toMatch(/application\/json/);
      expect(request.body).toBe(first);
      expect(JSON.parse(request.body)).toEqual(payload);
    }
  });

  it("the x-request-id response header becomes requestId (of the last attempt)", async () => {
    server.handle(
      sequence(reply(503, { message: "busy" }, { "x-request-id": "req-1" }), reply(500, { message: "boom" }, { "x-request-id": "req-2" })),
    );
    const { core, requests } = setup({ maxRetries: 1 });
    const error = await caught(core.call(getThing, { id: "t" }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, attempts: 2, requestId: "req-2", providerMessage: "boom" });
    expect((error as Error).message).toContain("req-2");
    expect(ModelfleetError.isInstance(error)).toBe(true);
    expect(requests).toHaveLength(2);
  });
});
