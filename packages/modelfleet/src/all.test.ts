import { inspect } from "node:util";
import { json } from "@modelfleet/test-utils";
import { describe, expect, it, vi } from "vitest";
import { BASETEN, DEEPINFRA, ENV_KEYS, fakeProviders, MODZY, OPPER, OPPER_V2, SIEVE, TOGETHER } from "./all.fake-providers.test-helper.js";
import { ConfigurationError, createFleet, InternalServerError, InvalidArgumentError, ModelfleetError, PROVIDER_IDS } from "./all.js";
import { InvalidReferenceError, PartialFailureError, UnsupportedOperationError } from "./errors.js";

const deployment = (id: string, status = "running") => ({
  deploy_id: id,
  model_name: "acme/m",
  version: "v1",
  task: "text-generation",
  status,
  fail_reason: "",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});
const noSleep = async () => {};

describe("configuration", () => {
  it("picks providers up from their environment variables", () => {
    const fleet = createFleet({ env: { SIEVE_API_KEY: "k1", OPPER_API_KEY: "k2" } });
    // Every registered provider is listed; the built-in ones with their variables (one added later needs no edit).
    expect(fleet.providers().map((p) => p.id)).toEqual(PROVIDER_IDS);
    const expected = [
      ["sieve", true, "env", "SIEVE_API_KEY"],
      ["modzy", false, null, "MODZY_API_KEY"],
      ["deepinfra", false, null, "DEEPINFRA_API_KEY"],
      ["opper", true, "env", "OPPER_API_KEY"],
      // The same account key reaches Opper's v2 API.
      ["opper-v2", true, "env", "OPPER_API_KEY"],
      ["replicate", false, null, "REPLICATE_API_TOKEN"],
      ["huggingface", false, null, "HF_TOKEN"],
      ["baseten", false, null, "BASETEN_API_KEY"],
      ["together", false, null, "TOGETHER_API_KEY"],
    ];
    const listed = fleet.providers().map((p) => [p.id, p.configured, p.keySource, p.envVar]);
    expect(listed.filter((row) => expected.some((e) => e[0] === row[0]))).toEqual(expected);
  });

  it("a provider used but not configured is a ConfigurationError naming its env var, before any request", async () => {
    const fake = fakeProviders({});
    const fleet = createFleet({ env: {}, fetch: fake.fetch, requireProvider: false });
    const error = await fleet.getVersion("deepinfra:abc").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toContain("DEEPINFRA_API_KEY");
    expect(() => fleet.client("modzy")).toThrow(/MODZY_API_KEY/);
    expect(() => fleet.listDeployments({ providers: ["opper"] })).toThrow(/OPPER_API_KEY/);
    expect(fake.requests).toHaveLength(0);
  });

  it("an explicit entry without a key fails at createFleet; false leaves a provider out even with its env var", () => {
    expect(() => createFleet({ env: {}, sieve: {} })).toThrow(/SIEVE_API_KEY/);
    const fleet = createFleet({ env: { SIEVE_API_KEY: "k" }, sieve: false, requireProvider: false });
    expect(fleet.providers().find((p) => p.id === "sieve")?.configured).toBe(false);
    // Opper v3 and v2 share OPPER_API_KEY: a v3 account leaves v2 out this way.
    const v3Only = createFleet({ env: { OPPER_API_KEY: "k" }, "opper-v2": false });
    expect(
      v3Only
        .providers()
        .filter((p) => p.configured)
        .map((p) => p.id),
    ).toEqual(["opper"]);
  });

  it("passes runtime options to every client, a provider's own entry winning", async () => {
    const fake = fakeProviders({ [`GET ${DEEPINFRA}/deploy/x`]: [json(503, {}), json(200, deployment("x"))] });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch, sleep: noSleep, maxRetries: 0, deepinfra: { maxRetries: 1 } });
    await expect(fleet.getVersion("deepinfra:x")).resolves.toMatchObject({ ref: "deepinfra:x" });
    expect(fake.requests).toHaveLength(2);

    const strict = createFleet({
      env: ENV_KEYS,
      fetch: fakeProviders({ [`GET ${DEEPINFRA}/deploy/x`]: json(503, {}) }).fetch,
      maxRetries: 0,
    });
    await expect(strict.getVersion("deepinfra:x")).rejects.toMatchObject({ attempts: 1, status: 503 });
  });

  it("client(provider) is the generated client, with the fleet's options", async () => {
    const fake = fakeProviders({ [`GET ${DEEPINFRA}/deploy/llm/gpu_availability`]: json(200, { gpus: [] }) });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    await expect(fleet.client("deepinfra").getGpuAvailability()).resolves.toEqual({ gpus: [] });
    expect(fleet.client("deepinfra")).toBe(fleet.client("deepinfra"));
    expect(() => fleet.client("nonesuch" as never)).toThrow(new RegExp(`Known providers: ${PROVIDER_IDS.join(", ")}$`));
  });

  it("refuses a bad concurrency", () => {
    expect(() => createFleet({ concurrency: 0 })).toThrow(ConfigurationError);
  });
});

describe("listDeployments", () => {
  const allUp = {
    [`GET ${SIEVE}/functions`]: json(200, []),
    [`GET ${MODZY}/models`]: json(200, []),
    [`GET ${DEEPINFRA}/deploy/list`]: json(200, [deployment("d1"), deployment("d2", "stopped")]),
    [`GET ${OPPER}/functions`]: json(200, {
      functions: [{ name: "sum", schema_hash: "h", generated_at: "2026-01-01T00:00:00Z", hit_count: 3, has_script: true }],
    }),
    [`GET ${OPPER}/functions/sum/revisions`]: json(200, {
      revisions: [{ revision_id: 4, created_at: "2026-01-01T00:00:00Z", schema_hash: "h", is_current: true }],
    }),
    [`GET ${OPPER_V2}/functions`]: json(200, { meta: { total_count: 1 }, data: [{ id: "f1", name: "sum", revision_id: "r1" }] }),
    [`GET ${BASETEN}/models`]: json(200, { models: [{ id: "m1" }] }),
    [`GET ${BASETEN}/models/m1/deployments`]: json(200, { deployments: [{ id: "dep1", model_id: "m1", status: "ACTIVE" }] }),
    [`GET ${TOGETHER}/endpoints`]: json(200, { object: "list", data: [{ id: "endpoint-1", model: "acme/m", state: "STARTED" }] }),
    [`GET ${TOGETHER}/endpoints/endpoint-1`]: json(200, { id: "endpoint-1", model: "acme/m", state: "STARTED" }),
  };
  const everyRef = ["baseten:m1@dep1", "deepinfra:d1", "deepinfra:d2", "opper-v2:f1@r1", "opper:sum@4", "together:endpoint-1"];

  it("asks every configured provider and yields all results", async () => {
    const fake = fakeProviders(allUp);
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    const refs = [];
    for await (const v of fleet.listDeployments()) refs.push(v.ref);
    expect(refs.sort()).toEqual(everyRef);
    expect(new Set(fake.requests.map((r) => r.url.host))).toEqual(
      new Set(["mango.sievedata.com", "app.modzy.com", "api.deepinfra.com", "api.opper.ai", "api.baseten.co", "api.together.ai"]),
    );
  });

  it("a failing provider does not hide the others; the loop throws PartialFailureError after their results", async () => {
    const fake = fakeProviders({ ...allUp, [`GET ${MODZY}/models`]: json(500, { statusCode: 500, status: "error", message: "db down" }) });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch, sleep: noSleep });
    const refs: string[] = [];
    let thrown: unknown;
    try {
      for await (const v of fleet.listDeployments()) refs.push(v.ref);
    } catch (error) {
      thrown = error;
    }
    expect(refs.sort()).toEqual(everyRef);
    expect(thrown).toBeInstanceOf(PartialFailureError);
    const failure = (thrown as PartialFailureError).failures;
    expect(failure.map((f) => f.provider)).toEqual(["modzy"]);
    expect(failure[0]?.error).toBeInstanceOf(InternalServerError);
    expect((thrown as Error).message).toMatch(/modzy \(modzy listModels.*db down\)/);
    expect(fake.requests.filter((r) => r.url.host === "app.modzy.com")).toHaveLength(3);
  });

  it("settled() returns results and failures side by side without throwing", async () => {
    const fake = fakeProviders({
      ...allUp,
      // Opper v3 answers 401 without a body.
      [`GET ${OPPER}/functions`]: () => new Response(null, { status: 401 }),
    });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(versions.map((v) => v.ref).sort()).toEqual(everyRef.filter((ref) => !ref.startsWith("opper:")));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ provider: "opper", error: { status: 401 } });
  });

  it("filters by normalized status and by provider", async () => {
    const fake = fakeProviders(allUp);
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    const { versions } = await fleet.listDeployments({ providers: ["deepinfra"], status: "stopped" }).settled();
    expect(versions.map((v) => v.ref)).toEqual(["deepinfra:d2"]);
    expect(new Set(fake.requests.map((r) => r.url.host))).toEqual(new Set(["api.deepinfra.com"]));
  });

  it("rejects unknown providers and statuses before any request", () => {
    const fake = fakeProviders(allUp);
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    expect(() => fleet.listDeployments({ providers: ["nonesuch" as never] })).toThrow(InvalidArgumentError);
    expect(() => fleet.listDeployments({ status: "running" as never })).toThrow(/Known statuses: pending, building/);
    expect(fake.requests).toHaveLength(0);
  });

  it("asks every provider at once; `concurrency` bounds each provider's own reads", async () => {
    // Each listing is held until all seven providers have asked: a fan-out capped below seven would never get there.
    const held: (() => void)[] = [];
    const all = (body: unknown) => () =>
      new Promise<Response>((resolve) => {
        held.push(() => resolve(json(200, body)));
        if (held.length === 7) for (const release of held) release();
      });
    let reads = 0;
    let peak = 0;
    const ids = ["ep-1", "ep-2", "ep-3", "ep-4", "ep-5"];
    const read = async (request: Request) => {
      reads++;
      peak = Math.max(peak, reads);
      await new Promise((resolve) => setImmediate(resolve));
      reads--;
      return json(200, { id: new URL(request.url).pathname.split("/").at(-1), model: "m", state: "STARTED" });
    };
    const fake = fakeProviders({
      [`GET ${SIEVE}/functions`]: all([]),
      [`GET ${MODZY}/models`]: all([]),
      [`GET ${DEEPINFRA}/deploy/list`]: all([]),
      [`GET ${OPPER}/functions`]: all({ functions: [] }),
      [`GET ${OPPER_V2}/functions`]: all({ meta: { total_count: 0 }, data: [] }),
      [`GET ${BASETEN}/models`]: all({ models: [] }),
      [`GET ${TOGETHER}/endpoints`]: all({ object: "list", data: ids.map((id) => ({ id, model: "m" })) }),
      ...Object.fromEntries(ids.map((id) => [`GET ${TOGETHER}/endpoints/${id}`, read])),
    });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch, concurrency: 2 });
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(failures).toEqual([]);
    expect(versions.map((v) => v.ref)).toEqual(ids.map((id) => `together:${id}`));
    expect(fake.requests).toHaveLength(7 + ids.length);
    expect(peak).toBe(2);
  });

  it("the caller's abort ends the listing with the AbortError, not a PartialFailureError", async () => {
    const controller = new AbortController();
    const fake = fakeProviders({
      ...allUp,
      [`GET ${SIEVE}/functions`]: (request) =>
        new Promise<Response>((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason))),
    });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    const listing = fleet.listDeployments({ signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const error = await listing.settled().catch((e: unknown) => e);
    expect((error as Error).name).toBe("AbortError");
  });

  it("leaving the loop early aborts the providers still answering", async () => {
    let aborted = false;
    const fake = fakeProviders({
      ...allUp,
      [`GET ${SIEVE}/functions`]: (request) =>
        new Promise<Response>((_resolve, reject) =>
          request.signal.addEventListener("abort", () => {
            aborted = true;
            reject(request.signal.reason);
          }),
        ),
    });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch, sleep: noSleep });
    for await (const version of fleet.listDeployments({ providers: ["sieve", "deepinfra"] })) {
      expect(version.provider).toBe("deepinfra");
      break;
    }
    await vi.waitFor(() => expect(aborted).toBe(true), { timeout: 60_000 }); // a hang detector, not a budget
  });

  it("a listing is read once", async () => {
    const fleet = createFleet({ env: { DEEPINFRA_API_KEY: "k" }, fetch: fakeProviders(allUp).fetch });
    const listing = fleet.listDeployments();
    await listing.settled();
    await expect(listing.settled()).rejects.toThrow(/already been read/);
  });
});

describe("scale arguments", () => {
  it.each([
    [{ min: -1, max: 2 }, "min"],
    [{ min: 1.5, max: 2 }, "min"],
    [{ min: 0, max: Number.NaN }, "max"],
    [{ min: 0, max: "2" }, "max"],
    [{ min: 3, max: 2 }, "min"],
  ])("rejects %j naming %s, before any request", async (bounds, argument) => {
    const fake = fakeProviders({});
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    const error = await fleet.scale("deepinfra:x", bounds as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument });
    expect(fake.requests).toHaveLength(0);
  });

  it.each(["baseten:m1@dep1", "baseten:m1@production", "together:endpoint-1"])(
    "refuses min > max for %s before any request",
    async (ref) => {
      const fake = fakeProviders({});
      const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
      const error = await fleet.scale(ref as "baseten:m1@dep1", { min: 3, max: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toMatchObject({ argument: "min" });
      expect(fake.requests).toHaveLength(0);
    },
  );

  it("a malformed reference is an InvalidReferenceError before any request", async () => {
    const fake = fakeProviders({});
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    await expect(fleet.scale("sieve:whisper" as never, { min: 0, max: 1 })).rejects.toBeInstanceOf(InvalidReferenceError);
    await expect(fleet.getVersion("modzy:abc@latest")).rejects.toThrow(/Expected modzy:<modelId>@<semver>/);
    expect(fake.requests).toHaveLength(0);
  });

  it("accepts a parsed reference narrowed to a scalable provider", async () => {
    const fake = fakeProviders({
      [`PUT ${DEEPINFRA}/deploy/x`]: json(200, { deploy_id: "x" }),
      [`GET ${DEEPINFRA}/deploy/x`]: json(200, deployment("x")),
    });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    await expect(fleet.scale({ provider: "deepinfra", deployId: "x" }, { min: 1, max: 1 })).resolves.toMatchObject({ ref: "deepinfra:x" });
  });
});

describe("secrets", () => {
  it("no key appears in the fleet, its clients, errors or their string forms", async () => {
    const explicitKey = "explicit-SECRET-key";
    const fake = fakeProviders({
      [`GET ${DEEPINFRA}/deploy/x`]: json(500, { error: `upstream rejected ${ENV_KEYS.DEEPINFRA_API_KEY}` }),
      [`GET ${SIEVE}/functions`]: json(401, { detail: `bad key ${explicitKey}` }),
      [`GET ${DEEPINFRA}/deploy/list`]: json(200, []),
    });
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch, sleep: noSleep, sieve: { apiKey: explicitKey } });
    const error = await fleet.getVersion("deepinfra:x").catch((e: unknown) => e);
    const listing = await fleet.listDeployments({ providers: ["sieve", "deepinfra"] }).settled();
    const partial = new PartialFailureError(listing.failures);
    const texts = [
      inspect(fleet, { depth: 10, showHidden: true }),
      JSON.stringify(fleet),
      inspect(fleet.client("sieve"), { depth: 10, showHidden: true }),
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      String(error),
      inspect(partial, { depth: 10 }),
      JSON.stringify(partial),
      JSON.stringify(fleet.providers()),
    ];
    expect(ModelfleetError.isInstance(error)).toBe(true);
    for (const text of texts) {
      for (const key of [...Object.values(ENV_KEYS), explicitKey]) expect(text).not.toContain(key);
    }
  });
});

describe("unsupported operations", () => {
  it.each([
    ["opper", "opper:summarize-ticket@1", /serverless: they have no replicas or instances to scale/],
    ["opper-v2", "opper-v2:fn-1@rev-1", /no replicas or instances to scale/],
  ] as const)("scale on %s is unsupported, says so before any request, and capabilities tells in advance", async (id, ref, why) => {
    const fake = fakeProviders({});
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    expect(fleet.capabilities(id).scale).toBe(false);
    const error = await fleet.scale(ref as never, { min: 0, max: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ provider: id, operation: "scale" });
    expect((error as Error).message).toMatch(why);
    expect(fake.requests).toHaveLength(0);
  });
});
