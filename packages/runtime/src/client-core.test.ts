import { inspect } from "node:util";
import { json, recordingFetch, recordingSleep, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import { createClientCore } from "./client-core.js";
import {
  ApiError,
  ConfigurationError,
  ConnectionError,
  InternalServerError,
  InvalidArgumentError,
  ModelfleetError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from "./errors.js";
import type { Logger } from "./logger.js";
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

function setup(replies: Parameters<typeof recordingFetch>, options: ClientOptions = {}) {
  const recorder = recordingFetch(...replies);
  const sleeper = recordingSleep();
  const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: recorder.fetch, sleep: sleeper.sleep, ...options });
  return { core, requests: recorder.requests, delays: sleeper.delays };
}

describe("retries", () => {
  it("retries a GET through a burst of 503s and returns the success", async () => {
    const { core, requests, delays } = setup([json(503, { message: "busy" }), json(503, { message: "busy" }), json(200, { id: "t1" })]);
    await expect(core.call(getThing, { id: "t1" })).resolves.toEqual({ id: "t1" });
    expect(requests).toHaveLength(3);
    expect(delays).toHaveLength(2);
    // 0.5 s × 2ⁿ with jitter into [50 %, 100 %]
    expect(delays[0]).toBeGreaterThanOrEqual(250);
    expect(delays[0]).toBeLessThanOrEqual(500);
    expect(delays[1]).toBeGreaterThanOrEqual(500);
    expect(delays[1]).toBeLessThanOrEqual(1000);
  });

  it("gives up after maxRetries and reports the attempts", async () => {
    const { core, requests } = setup([json(500, { message: "boom" })], { maxRetries: 2 });
    const error = await core.call(getThing, { id: "t1" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, attempts: 3, isRetryable: true, providerMessage: "boom" });
    expect(requests).toHaveLength(3);
  });

  it("per-call maxRetries overrides the client's", async () => {
    const { core, requests } = setup([json(503, {})], { maxRetries: 2 });
    await expect(core.call(getThing, { id: "t1" }, { maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(1);
  });

  it("never retries a POST that is not marked idempotent", async () => {
    const { core, requests } = setup([json(503, {}), json(200, { ok: true })]);
    await expect(core.call(createThing, { body: { name: "x" } })).rejects.toMatchObject({ status: 503, attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it("retries a POST marked idempotent, re-sending the body intact", async () => {
    const { core, requests } = setup([json(503, {}), json(409, {}), json(200, { ok: true })]);
    await expect(core.call(setScale, { body: { min: 1, max: 2 } })).resolves.toEqual({ ok: true });
    expect(requests.map((r) => r.body)).toEqual([
      { min: 1, max: 2 },
      { min: 1, max: 2 },
      { min: 1, max: 2 },
    ]);
  });

  it("does not retry other 4xx", async () => {
    const { core, requests } = setup([json(404, { message: "no such thing" })]);
    await expect(core.call(getThing, { id: "x" })).rejects.toBeInstanceOf(NotFoundError);
    expect(requests).toHaveLength(1);
  });

  it("honours Retry-After in seconds, as an HTTP date, and retry-after-ms", async () => {
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    const { core, delays } = setup(
      [
        json(429, {}, { "retry-after": "1" }),
        json(429, {}, { "retry-after": inTwoSeconds }),
        json(429, {}, { "retry-after-ms": "250", "retry-after": "9" }),
        json(200, {}),
      ],
      { maxRetries: 3 },
    );
    await core.call(getThing, { id: "t" });
    expect(delays[0]).toBe(1000);
    expect(delays[1]).toBeGreaterThan(0);
    expect(delays[1]).toBeLessThanOrEqual(2000);
    expect(delays[2]).toBe(250);
  });

  it("fails at once with RateLimitError when Retry-After exceeds the cap", async () => {
    const { core, requests, delays } = setup([json(429, { message: "slow down" }, { "retry-after": "3600" })]);
    const error = await core.call(getThing, { id: "t" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ attempts: 1, retryAfterMs: 3_600_000 });
    expect(requests).toHaveLength(1);
    expect(delays).toHaveLength(0);
  });

  it("retries connection failures, then throws ConnectionError", async () => {
    const refused = () =>
      Promise.reject(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) }));
    const { core, requests } = setup([refused]);
    const error = await core.call(getThing, { id: "t" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).toMatchObject({
      attempts: 3,
      provider: "acme",
      operationId: "getThing",
      method: "GET",
      url: "https://api.acme.test/things/t",
    });
    expect(requests).toHaveLength(3);
  });

  it("times out a hanging attempt, retries it, then throws TimeoutError", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    const { core, requests } = setup([hang], { timeoutMs: 5, maxRetries: 1 });
    const error = await core.call(getThing, { id: "t" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ attempts: 2, timeoutMs: 5, isRetryable: true });
    expect(requests).toHaveLength(2);
  });

  it("surfaces the caller's abort as the platform AbortError and does not retry", async () => {
    const controller = new AbortController();
    const hang = (request: Request) => {
      controller.abort();
      return new Promise<Response>((_, reject) => {
        if (request.signal.aborted) reject(request.signal.reason);
        request.signal.addEventListener("abort", () => reject(request.signal.reason));
      });
    };
    const { core, requests } = setup([hang]);
    const error = await core.call(getThing, { id: "t" }, { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
    expect(ModelfleetError.isInstance(error)).toBe(false);
    expect(requests).toHaveLength(1);
  });
});

describe("middleware, logging and headers", () => {
  it("user middleware sees one logical request however many attempts it took", async () => {
    const seen: string[] = [];
    const middleware = [
      {
        onRequest: ({ request }: { request: Request }) => {
          seen.push(`request ${request.method} auth=${request.headers.get("authorization")}`);
        },
        onResponse: ({ request, response }: { request: Request; response: Response }) => {
          seen.push(`response ${response.status} auth=${request.headers.get("authorization")}`);
        },
      },
    ];
    const { core, requests } = setup([json(503, {}), json(503, {}), json(200, { id: "t" })], { middleware });
    await expect(core.call(getThing, { id: "t" })).resolves.toEqual({ id: "t" });
    expect(requests).toHaveLength(3);
    // The key is added below the middleware: every attempt carries it, the middleware never sees it.
    expect(requests.map((r) => r.headers.get("authorization"))).toEqual(Array(3).fill(`Bearer ${SECRET_KEY}`));
    expect(seen).toEqual(["request GET auth=null", "response 200 auth=null"]);
  });

  it("MODELFLEET_LOG turns logging on when no logLevel is given", async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m) => lines.push(`debug ${m}`),
      info: (m) => lines.push(`info ${m}`),
      warn: (m) => lines.push(`warn ${m}`),
      error: (m) => lines.push(`error ${m}`),
    };
    const saved = process.env.MODELFLEET_LOG;
    process.env.MODELFLEET_LOG = "info";
    try {
      const { core } = setup([json(503, {}), json(200, {})], { logger });
      await core.call(getThing, { id: "t" });
    } finally {
      if (saved === undefined) delete process.env.MODELFLEET_LOG;
      else process.env.MODELFLEET_LOG = saved;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^info modelfleet acme getThing: retrying in \d+ ms \(attempt 2 of 3\)$/);
  });

  it("logs nothing by default", async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m) => lines.push(m),
      info: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      error: (m) => lines.push(m),
    };
    const { core } = setup([json(500, {})], { logger, maxRetries: 0 });
    await core.call(getThing, { id: "t" }).catch(() => undefined);
    expect(lines).toEqual([]);
  });

  it("sends modelfleet/<package>@<version> as User-Agent unless overridden", async () => {
    const first = setup([json(200, {})]);
    await first.core.call(getThing, { id: "t" });
    expect(first.requests[0]?.headers.get("user-agent")).toBe("modelfleet/@modelfleet/acme@1.2.3");
    const second = setup([json(200, {})], { userAgent: "my-app/2" });
    await second.core.call(getThing, { id: "t" });
    expect(second.requests[0]?.headers.get("user-agent")).toBe("my-app/2");
  });
});

describe("responses", () => {
  it("a long-lived caller signal collects no listeners over many calls", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const { core } = setup([json(503, {}), json(200, { id: "1" })]);
      const shutdown = new AbortController();
      for (let i = 0; i < 40; i++) await core.call(getThing, { id: "1" }, { signal: shutdown.signal });
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off("warning", onWarning);
    }
    expect(warnings).not.toContain("MaxListenersExceededWarning");
  });

  it("hands the final response to onResponse, after the retries, for headers like Link", async () => {
    const { core, requests } = setup([
      json(503, {}),
      json(200, { id: "1" }, { link: '<https://api.acme.test/things?page=2>; rel="next"' }),
    ]);
    const seen: Array<{ status: number; link: string | null }> = [];
    const result = await core.call(
      getThing,
      { id: "1" },
      {
        onResponse: (response) => seen.push({ status: response.status, link: response.headers.get("link") }),
      },
    );
    expect(result).toEqual({ id: "1" });
    expect(requests).toHaveLength(2);
    expect(seen).toEqual([{ status: 200, link: '<https://api.acme.test/things?page=2>; rel="next"' }]);
  });

  it("does not call onResponse for an error response", async () => {
    const { core } = setup([json(404, { message: "nope" })]);
    let called = false;
    await expect(core.call(getThing, { id: "1" }, { onResponse: () => (called = true) })).rejects.toBeInstanceOf(NotFoundError);
    expect(called).toBe(false);
  });

  it("a 200 with malformed JSON is an ApiError, not a crash", async () => {
    const { core } = setup([text(200, "{not json", "application/json")]);
    const error = await core.call(getThing, { id: "t" }).catch((e: unknown) => e);
    expect(ApiError.isInstance(error)).toBe(true);
    expect((error as ApiError).status).toBe(200);
    expect((error as ApiError).message).toMatch(/not valid JSON/);
  });

  it("reads the request id from x-request-id or request-id", async () => {
    const { core } = setup([json(404, { message: "gone" }, { "request-id": "r-9" })]);
    await expect(core.call(getThing, { id: "t" })).rejects.toMatchObject({ requestId: "r-9" });
  });
});

describe("secrets", () => {
  it("no error string form or log line contains the API key", async () => {
    const lines: string[] = [];
    const logger: Logger = {
      debug: (m, d) => lines.push(m, JSON.stringify(d)),
      info: (m, d) => lines.push(m, JSON.stringify(d)),
      warn: (m, d) => lines.push(m, JSON.stringify(d)),
      error: (m, d) => lines.push(m, JSON.stringify(d)),
    };
    const echo = json(401, { message: `invalid key ${SECRET_KEY}`, token: SECRET_KEY });
    const refused = () => Promise.reject(new TypeError("fetch failed"));
    const { core } = setup([echo, json(503, {}), refused, json(429, {}, { "retry-after": "999" })], {
      logger,
      logLevel: "debug",
      maxRetries: 0,
    });
    const errors = [
      await core.call(getThing, { id: "t" }).catch((e: unknown) => e),
      await core.call(getThing, { id: "t" }).catch((e: unknown) => e),
      await core.call(getThing, { id: "t" }).catch((e: unknown) => e),
      await core.call(createThing, { body: { token: SECRET_KEY, name: "n" } }).catch((e: unknown) => e),
    ];
    expect(errors.every((e) => ModelfleetError.isInstance(e))).toBe(true);
    for (const error of errors) {
      const forms = [
        String(error),
        (error as Error).message,
        (error as Error).stack,
        JSON.stringify(error),
        inspect(error, { depth: 10, showHidden: true }),
      ];
      for (const form of forms) expect(form).not.toContain(SECRET_KEY);
    }
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toContain(SECRET_KEY);
    expect(inspect(core, { depth: 10, showHidden: true })).not.toContain(SECRET_KEY);
  });
});

describe("configuration", () => {
  const fetch = recordingFetch(json(200, {})).fetch;
  it.each([
    [{ apiKey: "" }, "apiKey"],
    [{ apiKey: "abc\r\nX-Evil: 1" }, "apiKey"],
    [{ apiKey: "k", baseUrl: "http://api.acme.test" }, "baseUrl"],
    [{ apiKey: "k", baseUrl: "not a url" }, "baseUrl"],
    [{ apiKey: "k", maxRetries: -1 }, "maxRetries"],
    [{ apiKey: "k", timeoutMs: -1 }, "timeoutMs"],
    [{ apiKey: "k", timeoutMs: 2 ** 31 }, "timeoutMs"],
    [{ apiKey: "k", maxResponseBytes: 0 }, "maxResponseBytes"],
    [{ apiKey: "k", maxResponseBytes: "1MB" as never }, "maxResponseBytes"],
    [{ apiKey: "k", timeoutMs: { valueOf: () => 5 } as never }, "timeoutMs"],
    [{ apiKey: "k", logLevel: "loud" as never }, "logLevel"],
  ])("%j is refused naming %s", (options, option) => {
    let error: unknown;
    try {
      createClientCore(provider, { fetch, ...options });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).option).toBe(option);
    expect((error as Error).message).not.toContain("abc");
  });

  it("refuses BigInt and other non-number limits without calling their methods", () => {
    for (const [options, option] of [
      [{ timeoutMs: 10n }, "timeoutMs"],
      [{ maxRetries: 2n }, "maxRetries"],
      [{ maxResponseBytes: 1024n }, "maxResponseBytes"],
      [{ timeoutMs: Object.create(null) }, "timeoutMs"],
    ] as const) {
      let error: unknown;
      try {
        createClientCore(provider, { fetch, apiKey: "k", ...(options as object) });
      } catch (e) {
        error = e;
      }
      expect(ConfigurationError.isInstance(error)).toBe(true);
      expect((error as ConfigurationError).option).toBe(option);
    }
  });

  it("allows http on loopback", () => {
    expect(() => createClientCore(provider, { fetch, apiKey: "k", baseUrl: "http://127.0.0.1:4010" })).not.toThrow();
    expect(() => createClientCore(provider, { fetch, apiKey: "k", baseUrl: "http://localhost:4010/" })).not.toThrow();
  });

  it("checks per-call options before any request, as an InvalidArgumentError naming the option", async () => {
    const { core, requests } = setup([json(200, {})]);
    for (const [options, argument] of [
      [{ timeoutMs: -5 }, "options.timeoutMs"],
      [{ timeoutMs: 10n }, "options.timeoutMs"],
      [{ timeoutMs: Number.NaN }, "options.timeoutMs"],
      [{ maxRetries: 1n }, "options.maxRetries"],
      [{ maxResponseBytes: 1.5 }, "options.maxResponseBytes"],
    ] as const) {
      const error = await core.call(getThing, { id: "t" }, options as never).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect((error as InvalidArgumentError).argument).toBe(argument);
    }
    expect(requests).toHaveLength(0);
  });

  it("timeoutMs 0 and Infinity mean no timeout", async () => {
    for (const timeoutMs of [0, Number.POSITIVE_INFINITY]) {
      const { core } = setup([json(200, { id: "t" })], { timeoutMs });
      await expect(core.call(getThing, { id: "t" })).resolves.toEqual({ id: "t" });
      await expect(core.call(getThing, { id: "t" }, { timeoutMs })).resolves.toEqual({ id: "t" });
    }
  });
});
