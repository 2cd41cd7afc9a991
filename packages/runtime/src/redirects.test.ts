/**
 * Redirects through the real global fetch and loopback servers: the key follows a redirect only within the
 * client's own origin (scheme, host and port), for every redirect status and both auth header styles.
 */
import { json, recordingFetch, recordingSleep, SECRET_KEY } from "@modelfleet/test-utils";
import { type FakeServer, reply, router, sequence, startFakeServer } from "@modelfleet/test-utils/fake-http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createClientCore } from "./client-core.js";
import { ApiError, ModelfleetError } from "./errors.js";
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
const createThing: OperationDescriptor = {
  ...getThing,
  operationId: "createThing",
  method: "POST",
  path: "/things",
  pathParams: [],
  body: "required",
  idempotent: false,
};

/** Both ways providers carry the key: `Authorization` (which fetch itself drops cross-origin) and `X-API-Key` (which it does not). */
const providers: ProviderDescriptor[] = [
  { id: "bearer", name: "Bearer", auth: { header: "Authorization", prefix: "Bearer " } },
  { id: "apikey", name: "ApiKey", auth: { header: "X-API-Key", prefix: "" } },
].map((p) => ({
  ...p,
  packageName: `@modelfleet/${p.id}`,
  packageVersion: "1.0.0",
  envVar: "UNUSED_API_KEY",
  baseUrl: "https://api.acme.test",
  sensitiveKeys: [],
  operations: { getThing, createThing },
}));

let home: FakeServer;
let elsewhere: FakeServer;

beforeEach(async () => {
  home = await startFakeServer();
  elsewhere = await startFakeServer(reply(200, { id: "stolen" }));
});

afterEach(async () => {
  await Promise.all([home.close(), elsewhere.close()]);
});

function client(provider: ProviderDescriptor, options: ClientOptions = {}) {
  return createClientCore(provider, { apiKey: SECRET_KEY, baseUrl: home.baseUrl, sleep: recordingSleep().sleep, ...options });
}

/** Every header value a server saw, to check no request carried the key. */
const headerValues = (server: FakeServer) => server.requests.flatMap((r) => Object.values(r.headers).flat().map(String));

const caught = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.each(providers)("$auth.header", (provider) => {
  it.each([301, 302, 303, 307, 308])("%i to the same origin is followed, with the key", async (status) => {
    home.handle(
      router({ "GET /things/old": reply(status, "", { location: "/things/new" }), "GET /things/new": reply(200, { id: "new" }) }),
    );
    await expect(client(provider).call(getThing, { id: "old" })).resolves.toEqual({ id: "new" });
    expect(home.requests.map((r) => r.path)).toEqual(["/things/old", "/things/new"]);
    const key = provider.auth.header.toLowerCase();
    expect(home.requests.map((r) => r.headers[key])).toEqual(Array(2).fill(`${provider.auth.prefix}${SECRET_KEY}`));
  });

  it.each([301, 302, 303, 307, 308])("%i to another port is refused: an ApiError, nothing sent there", async (status) => {
    home.handle(reply(status, "", { location: `${elsewhere.baseUrl}/collect` }));
    const error = await caught(client(provider, { maxRetries: 2 }).call(getThing, { id: "t" }));
    expect(ApiError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status, attempts: 1, operationId: "getThing" });
    expect((error as Error).message).toContain(`another origin (${elsewhere.baseUrl})`);
    expect(elsewhere.requests).toHaveLength(0);
    expect(home.requests).toHaveLength(1);
  });

  it("localhost and 127.0.0.1 are different origins", async () => {
    home.handle(reply(307, "", { location: `http://localhost:${home.port}/things/t` }));
    const error = await caught(client(provider).call(getThing, { id: "t" }));
    expect(error).toMatchObject({ status: 307 });
    expect(home.requests).toHaveLength(1);
  });

  it("https to http on the same host is refused (the key is never sent in clear text)", async () => {
    const recorder = recordingFetch(json(301, {}, { location: "http://api.acme.test/things/t" }), json(200, {}));
    const core = createClientCore(provider, { apiKey: SECRET_KEY, fetch: recorder.fetch });
    const error = await caught(core.call(getThing, { id: "t" }));
    expect(error).toMatchObject({ status: 301 });
    expect(recorder.requests.map((r) => r.url.href)).toEqual(["https://api.acme.test/things/t"]);
  });

  it("a chain of same-origin redirects stops after 5 with an ApiError", async () => {
    home.handle((seen, res) => {
      const n = Number(seen.path.split("/").pop()) || 0;
      res.writeHead(302, { location: `/things/${n + 1}` }).end();
    });
    const error = await caught(client(provider).call(getThing, { id: "0" }));
    expect(error).toMatchObject({ status: 302, attempts: 1 });
    expect((error as Error).message).toContain("more than 5 redirects");
    expect(home.requests).toHaveLength(6);
  });

  it("a cross-origin hop after a same-origin one is still refused", async () => {
    home.handle(
      router({
        "GET /things/a": reply(302, "", { location: "/things/b" }),
        "GET /things/b": reply(302, "", { location: `${elsewhere.baseUrl}/x` }),
      }),
    );
    await expect(client(provider).call(getThing, { id: "a" })).rejects.toMatchObject({ status: 302 });
    expect(elsewhere.requests).toHaveLength(0);
    expect(headerValues(elsewhere).some((v) => v.includes(SECRET_KEY))).toBe(false);
  });
});

describe("methods and bodies", () => {
  const [provider] = providers as [ProviderDescriptor];

  it("303 after a POST continues as a GET without the body", async () => {
    home.handle(sequence(reply(303, "", { location: "/things/created" }), reply(200, { id: "created" })));
    await expect(client(provider).call(createThing, { body: { name: "n" } })).resolves.toEqual({ id: "created" });
    expect(home.requests.map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual(['POST /things {"name":"n"}', "GET /things/created "]);
    expect(home.requests[1]?.headers["content-type"]).toBeUndefined();
  });

  it("307 and 308 repeat the method and the body", async () => {
    for (const status of [307, 308]) {
      home.handle(sequence(reply(status, "", { location: "/things/v2" }), reply(200, { ok: status })));
      const before = home.requests.length;
      await expect(client(provider).call(createThing, { body: { name: "n" } })).resolves.toEqual({ ok: status });
      expect(home.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.body}`)).toEqual([
        'POST /things {"name":"n"}',
        'POST /things/v2 {"name":"n"}',
      ]);
    }
  });

  it("a redirect without a Location, or to a key-bearing host, is refused with the key scrubbed", async () => {
    home.handle(sequence(reply(302, ""), reply(302, "", { location: `http://${SECRET_KEY.toLowerCase()}.evil.test/` })));
    const core = client(provider, { apiKey: SECRET_KEY.toLowerCase() });
    const first = await caught(core.call(getThing, { id: "t" }));
    expect((first as Error).message).toContain("without a Location header");
    const second = await caught(core.call(getThing, { id: "t" }));
    expect(ModelfleetError.isInstance(second)).toBe(true);
    expect((second as Error).message).not.toContain(SECRET_KEY.toLowerCase());
    expect((second as Error).stack).not.toContain(SECRET_KEY.toLowerCase());
  });

  it("the raw client follows the same policy", async () => {
    home.handle(reply(302, "", { location: `${elsewhere.baseUrl}/collect` }));
    const core = client(provider);
    const raw = core.raw as unknown as { GET: (path: string, init: object) => Promise<unknown> };
    await expect(raw.GET("/things/{id}", { params: { path: { id: "t" } } })).rejects.toMatchObject({ status: 302 });
    expect(elsewhere.requests).toHaveLength(0);
  });
});
