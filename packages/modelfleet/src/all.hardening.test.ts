// Listings facing odd provider data: items whose id is missing or unusable are reported, never turned into a
// reference to something else; huge listings settle; a provider whose pages never end is stopped.

import { InvalidArgumentError } from "@modelfleet/runtime";
import { PaginationError } from "@modelfleet/runtime/fleet";
import { json } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import {
  BASETEN,
  DEEPINFRA,
  ENV_KEYS,
  fakeProviders,
  HUGGINGFACE,
  MODZY,
  OPPER,
  OPPER_V2,
  REPLICATE,
  SIEVE,
  TOGETHER,
} from "./all.fake-providers.test-helper.js";
import { createFleet } from "./all.js";
import { UnusableItemError } from "./errors.js";

const deployment = (id: unknown) => ({
  deploy_id: id,
  model_name: "acme/m",
  version: "v1",
  status: "running",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
});
const only = { DEEPINFRA_API_KEY: ENV_KEYS.DEEPINFRA_API_KEY, SIEVE_API_KEY: ENV_KEYS.SIEVE_API_KEY };

describe("references built from provider data", () => {
  it("a DeepInfra item without a usable deploy_id is reported, the others listed", async () => {
    const fake = fakeProviders({
      [`GET ${SIEVE}/functions`]: json(200, []),
      [`GET ${DEEPINFRA}/deploy/list`]: json(200, [deployment("d1"), deployment(undefined), deployment("../admin"), deployment("a@b")]),
    });
    const fleet = createFleet({ env: only, fetch: fake.fetch });
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(versions.map((v) => v.ref)).toEqual(["deepinfra:d1"]);
    expect(versions.map((v) => v.ref)).not.toContain("deepinfra:unknown");
    expect(failures).toHaveLength(1);
    const error = failures[0]?.error as UnusableItemError;
    expect(failures[0]?.provider).toBe("deepinfra");
    expect(UnusableItemError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "deepinfra", count: 3 });
    expect(error.message).toMatch(/deepinfra returned 3 items? whose id cannot make a reference/);
  });

  it("a Sieve version without an id is not read as `@latest`", async () => {
    const fake = fakeProviders({
      [`GET ${SIEVE}/functions`]: json(200, [{ name: "whisper", owner_name: "acme", latest_version: { build_status: "ready" } }]),
      [`GET ${DEEPINFRA}/deploy/list`]: json(200, []),
    });
    const fleet = createFleet({ env: only, fetch: fake.fetch });
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(versions.map((v) => v.ref)).not.toContain("sieve:acme/whisper@latest");
    expect(failures.map((f) => f.provider)).toEqual(["sieve"]);
  });

  it("getVersion of an object without its id keeps the id asked for; an unusable one is an UnusableItemError", async () => {
    const fake = fakeProviders({
      [`GET ${DEEPINFRA}/deploy/d1`]: json(200, deployment(undefined)),
      [`GET ${DEEPINFRA}/deploy/d2`]: json(200, deployment("x/../y")),
    });
    const fleet = createFleet({ env: only, fetch: fake.fetch });
    expect((await fleet.getVersion("deepinfra:d1")).ref).toBe("deepinfra:d1");
    const error = await fleet.getVersion("deepinfra:d2").catch((e: unknown) => e);
    expect(UnusableItemError.isInstance(error)).toBe(true);
  });
});

describe("references built from the newer providers' data", () => {
  it("Replicate, Hugging Face and Opper items without their ids are reported, never listed under a stand-in id", async () => {
    const fake = fakeProviders({
      [`GET ${REPLICATE}/deployments`]: json(200, {
        next: null,
        results: [{ owner: "acme", name: "ok", current_release: {} }, { name: "no-owner" }, { owner: "acme" }],
      }),
      [`GET ${HUGGINGFACE}/v2/endpoint/acme-ml`]: json(200, { items: [{ name: "ep" }, { model: { repository: "gpt2" } }] }),
      // A function without a name is unusable; one running no revision yet is named by `@current`, not reported.
      [`GET ${OPPER}/functions`]: json(200, { functions: [{ name: "fn", has_script: true }, { has_script: true }] }),
      [`GET ${OPPER}/functions/fn/revisions`]: json(200, { revisions: [{ revision_id: 1, is_current: false }] }),
      [`GET ${OPPER_V2}/functions`]: json(200, { meta: { total_count: 0 }, data: [] }),
    });
    const env = { REPLICATE_API_TOKEN: "r8_replicate-SECRET-5", HF_TOKEN: "hf_huggingface-SECRET-6", HF_NAMESPACE: "acme-ml" };
    const fleet = createFleet({ env: { ...env, OPPER_API_KEY: ENV_KEYS.OPPER_API_KEY }, fetch: fake.fetch });
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(versions.map((v) => v.ref).sort()).toEqual(["huggingface:acme-ml/ep", "opper:fn@current", "replicate:acme/ok"]);
    expect(versions.map((v) => v.ref).join(" ")).not.toMatch(/unknown/);
    expect(versions.find((v) => v.provider === "opper")).toMatchObject({ version: "" });
    const byProvider = Object.fromEntries(failures.map((f) => [f.provider, f.error as UnusableItemError]));
    expect(Object.keys(byProvider).sort()).toEqual(["huggingface", "opper", "replicate"]);
    for (const error of Object.values(byProvider)) expect(UnusableItemError.isInstance(error)).toBe(true);
    expect(byProvider.replicate).toMatchObject({ provider: "replicate", count: 2 });
    expect(byProvider.huggingface).toMatchObject({ provider: "huggingface", count: 1 });
    expect(byProvider.opper).toMatchObject({ provider: "opper", count: 1 });
  });

  it("Baseten and Together items without their ids are reported, never listed under a stand-in id", async () => {
    const fake = fakeProviders({
      [`GET ${BASETEN}/models`]: json(200, { models: [{ id: "m1" }] }),
      [`GET ${BASETEN}/models/m1/deployments`]: json(200, {
        deployments: [
          { id: "dep1", model_id: "m1", status: "ACTIVE" },
          { model_id: "m1", status: "ACTIVE" },
        ],
      }),
      [`GET ${TOGETHER}/endpoints`]: json(200, { object: "list", data: [{ id: "endpoint-1", model: "acme/m", state: "STARTED" }] }),
      [`GET ${TOGETHER}/endpoints/endpoint-1`]: json(200, { model: "acme/m", state: "STARTED" }),
    });
    const env = { BASETEN_API_KEY: ENV_KEYS.BASETEN_API_KEY, TOGETHER_API_KEY: ENV_KEYS.TOGETHER_API_KEY };
    const { versions, failures } = await createFleet({ env, fetch: fake.fetch }).listDeployments().settled();
    expect(versions.map((v) => v.ref).sort()).toEqual(["baseten:m1@dep1", "together:endpoint-1"]);
    expect(versions.map((v) => v.ref).join(" ")).not.toMatch(/unknown/);
    expect(failures.map((f) => [f.provider, UnusableItemError.isInstance(f.error)])).toEqual([["baseten", true]]);
  });
});

describe("huge listings", () => {
  // A long case (tens of seconds under load): 300 000 is far past the count at which spreading items into a call
  // overflows V8's stack, which is the regression it guards. Its limit only catches a hang.
  it("settled() handles 300 000 versions from one provider (no argument spreading) [long]", { timeout: 600_000 }, async () => {
    const many = Array.from({ length: 300_000 }, (_, i) => deployment(`d${i}`));
    const fake = fakeProviders({ [`GET ${DEEPINFRA}/deploy/list`]: json(200, many) });
    // About 50 MB of JSON: above the default response limit, so this listing raises it.
    const fleet = createFleet({ env: { DEEPINFRA_API_KEY: ENV_KEYS.DEEPINFRA_API_KEY }, fetch: fake.fetch, maxResponseBytes: 2 ** 28 });
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(failures.map((f) => String(f.error))).toEqual([]);
    expect(versions).toHaveLength(300_000);
    expect(versions[299_999]?.ref).toBe("deepinfra:d299999");
  });
});

describe("pagination makes progress or stops", () => {
  const fn = (i: number) => ({ id: `f${i}`, name: `fn${i}`, revision_id: `r${i}` });
  // Models without a latest version: nothing to read per model, so only the listing's pages are requested.
  const modzyFull = (page: number) => Array.from({ length: 100 }, (_, i) => ({ modelId: `m${page}-${i}`, latestVersion: null }));

  it("Opper v2 repeating the same full page (offset ignored) fails after the second page with a clear error", async () => {
    const page = Array.from({ length: 100 }, (_, i) => fn(i));
    const fake = fakeProviders({
      [`GET ${OPPER}/functions`]: json(200, { functions: [] }),
      [`GET ${OPPER_V2}/functions`]: json(200, { meta: { total_count: 1_000_000 }, data: page }),
    });
    const fleet = createFleet({ env: { OPPER_API_KEY: ENV_KEYS.OPPER_API_KEY }, fetch: fake.fetch });
    const { failures } = await fleet.listDeployments().settled();
    expect(failures.map((f) => f.provider)).toEqual(["opper-v2"]);
    expect(PaginationError.isInstance(failures[0]?.error)).toBe(true);
    expect(failures[0]?.error).toMatchObject({ provider: "opper-v2", operationId: "listFunctions", page: 2, reason: "repeated-page" });
    expect(String((failures[0]?.error as Error | undefined)?.message)).toMatch(/opper-v2 listFunctions.*same items as the page before/i);
    expect(fake.requests.filter((r) => r.url.href.startsWith(OPPER_V2)).length).toBe(2);
  });

  it("Replicate repeating a cursor ends its listing with a PaginationError after two requests", async () => {
    const deployment = (name: string) => ({ owner: "acme", name, current_release: { model: "a/b", version: "v1" } });
    const fake = fakeProviders({
      [`GET ${REPLICATE}/deployments`]: json(200, { next: `${REPLICATE}/deployments?cursor=same`, results: [deployment("one")] }),
      [`GET ${REPLICATE}/deployments?cursor=same`]: json(200, {
        next: `${REPLICATE}/deployments?cursor=same`,
        results: [deployment("two")],
      }),
    });
    const fleet = createFleet({ env: { REPLICATE_API_TOKEN: "r8_replicate-SECRET-5" }, fetch: fake.fetch });
    const { versions, failures } = await fleet.listDeployments().settled();
    // The pages delivered before the failure stand; the failure is reported beside them.
    expect(versions.map((v) => v.ref)).toEqual(["replicate:acme/one", "replicate:acme/two"]);
    expect(failures.map((f) => f.provider)).toEqual(["replicate"]);
    expect(PaginationError.isInstance(failures[0]?.error)).toBe(true);
    expect(failures[0]?.error).toMatchObject({ provider: "replicate", operationId: "listDeployments", page: 3, reason: "repeated-cursor" });
    expect(fake.requests).toHaveLength(2);
  });

  // A long case: a thousand pages of a hundred entries.
  it("Modzy announcing a next page forever stops at the page cap with a clear error, not a million requests [long]", async () => {
    let page = 0;
    const fake = fakeProviders({
      [`GET ${MODZY}/models`]: () => json(200, modzyFull(++page), { link: '<https://app.modzy.com/api/models?page=2>; rel="next"' }),
    });
    const fleet = createFleet({ env: { MODZY_API_KEY: ENV_KEYS.MODZY_API_KEY }, fetch: fake.fetch, concurrency: 1 });
    const { failures } = await fleet.listDeployments().settled();
    expect(failures).toHaveLength(1);
    expect(PaginationError.isInstance(failures[0]?.error)).toBe(true);
    expect(failures[0]?.error).toMatchObject({ provider: "modzy", operationId: "listModels", reason: "max-pages" });
    expect(String((failures[0]?.error as Error | undefined)?.message)).toMatch(/modzy listModels.*still announced after 1000 pages/i);
    expect(page).toBeLessThanOrEqual(1_000);
  });
});

describe("arguments no JSON can describe", () => {
  // `JSON.stringify(1n)` throws a TypeError: an argument check that described its value that way let it escape.
  it("a bigint in scale bounds, a promote version or a desired state's scaling is an InvalidArgumentError, with no request", async () => {
    const fake = fakeProviders({});
    const fleet = createFleet({ env: ENV_KEYS, fetch: fake.fetch });
    const rejected = [
      await fleet.scale("deepinfra:d1", { min: 1n as never, max: 2 }).catch((e: unknown) => e),
      await fleet.scale("deepinfra:d1", { min: 0, max: 2n as never }).catch((e: unknown) => e),
      await fleet.promote("baseten:m1@production", { version: 3n as never }).catch((e: unknown) => e),
      await fleet.plan({ deployments: [{ ref: "deepinfra:d1", scaling: { min: 1n as never, max: 2 } }] }).catch((e: unknown) => e),
      await fleet.plan({ deployments: [{ ref: "deepinfra:d1" }] }, { concurrency: 2n as never }).catch((e: unknown) => e),
    ];
    for (const error of rejected) {
      expect(InvalidArgumentError.isInstance(error), String(error)).toBe(true);
      expect((error as Error).message).toContain("a bigint (");
    }
    expect(fake.requests).toHaveLength(0);
  });
});
