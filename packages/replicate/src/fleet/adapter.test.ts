import { json } from "@modelfleet/test-utils";
import { adapterHarness, RefusedWrite, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import updateSeed from "../../test/fixtures/deployment-update.seed.json";
import listSeed from "../../test/fixtures/deployments-list.seed.json";
import versionsSeed from "../../test/fixtures/model-versions-list.seed.json";
import { replicate } from "../fleet.js";
import { NotFoundError, PaginationError, type ReplicateDeployment } from "../generated/index.js";
import { normalizeReplicateDeployment, normalizeReplicateVersion } from "./normalize.js";

const REPLICATE = "https://api.replicate.com/v1";
const KEY = "r8_replicate-key-SECRET";
const VERSION_ID = "da77bc59ee60423279fd632efb4795ab731d9e3ca9705ef3341091fb989b7eaf";

const deployment = {
  owner: "acme",
  name: "image-gen",
  current_release: {
    number: 4,
    model: "stability-ai/sdxl",
    version: VERSION_ID,
    created_at: "2024-02-15T16:32:57.018467Z",
    created_by: { type: "organization", username: "acme" },
    configuration: { hardware: "gpu-a40-large", min_instances: 1, max_instances: 5 },
  },
};

const version = { id: "5c7d5dc6", created_at: "2022-04-26T19:29:04.418669Z", cog_version: "0.3.0", openapi_schema: null };

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(replicate(), { fetch: fake.fetch }, { REPLICATE_API_TOKEN: KEY });
  return { fleet, requests: fake.requests };
}

const page = (results: unknown[], next: unknown) => json(200, { next, previous: null, results });

/** Lists Replicate's deployments alone, keeping what was yielded and the error that ended the listing. */
async function drain(fleet: ReturnType<typeof fleetWith>["fleet"]) {
  const seen: string[] = [];
  const error = await (async () => {
    for await (const v of replicate().listDeployments(fleet.client, { concurrency: 1 })) seen.push(v.ref);
  })().catch((e: unknown) => e);
  return { seen, error };
}

async function collect<T>(versions: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const v of versions) all.push(v);
  return all;
}

describe("replicate references", () => {
  const provider = replicate();
  const bad = (why: string): never => {
    throw new Error(why);
  };

  it.each([
    ["acme/image-gen", { owner: "acme", name: "image-gen" }],
    ["replicate/hello-world@5c7d5dc6", { owner: "replicate", name: "hello-world", version: "5c7d5dc6" }],
  ])("version reference %s parses and formats back", (rest, parts) => {
    expect(provider.versionRef.parse(rest, bad)).toEqual(parts);
    expect(provider.versionRef.format(parts)).toBe(rest);
  });

  it.each([
    ["acme", "it must be <owner>/<deployment>"],
    ["acme/a/b", "it must be <owner>/<deployment>"],
    ["acme/x@", "the version_id is empty"],
    ["acme/x@a@b", "exactly one @"],
    ["../x", "the owner"],
    ["acme/..@v1", "the model"],
    ["acme@v1", "it must be <owner>/<model>"],
  ])("version reference %s is refused: %s", (rest, why) => {
    expect(() => provider.versionRef.parse(rest, bad)).toThrow(why);
  });

  it("a model reference is <owner>/<model>", () => {
    expect(provider.modelRef.parse("replicate/hello-world", bad)).toEqual({ owner: "replicate", name: "hello-world" });
    expect(provider.modelRef.format({ owner: "replicate", name: "hello-world" })).toBe("replicate/hello-world");
    expect(() => provider.modelRef.parse("replicate/hello-world@v1", bad)).toThrow("the model");
    expect(() => provider.modelRef.parse("hello-world", bad)).toThrow("<owner>/<model>");
  });
});

describe("replicate through the fleet", () => {
  it("getVersion of a deployment reads it: its current release's model version, no status, release time", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${REPLICATE}/deployments/acme/image-gen`]: json(200, deployment) });
    const result = await fleet.getVersion("replicate:acme/image-gen");
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(result).toEqual({
      ref: "replicate:acme/image-gen",
      provider: "replicate",
      model: "stability-ai/sdxl",
      version: VERSION_ID,
      // Replicate reports no status, readiness or replica count for a deployment.
      status: "unknown",
      providerStatus: null,
      // Only the release time is exposed; every update is a release, so it is also the last update.
      createdAt: new Date("2024-02-15T16:32:57.018Z"),
      updatedAt: new Date("2024-02-15T16:32:57.018Z"),
      scaling: { min: 1, max: 5 },
      replicas: null,
      hardware: "gpu-a40-large",
      raw: deployment,
    });
  });

  it("getVersion of <owner>/<model>@<id> reads the model version", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${REPLICATE}/models/replicate/hello-world/versions/5c7d5dc6`]: json(200, version) });
    const result = await fleet.getVersion("replicate:replicate/hello-world@5c7d5dc6");
    expect(requests.map((r) => [r.method, r.url.href])).toEqual([["GET", `${REPLICATE}/models/replicate/hello-world/versions/5c7d5dc6`]]);
    expect(result).toEqual({
      ref: "replicate:replicate/hello-world@5c7d5dc6",
      provider: "replicate",
      model: "replicate/hello-world",
      version: "5c7d5dc6",
      status: "unknown",
      providerStatus: null,
      createdAt: new Date("2022-04-26T19:29:04.418Z"),
      updatedAt: null,
      scaling: null,
      replicas: null,
      hardware: null,
      raw: version,
    });
  });

  it("a deployment Replicate does not know is a NotFoundError with its detail", async () => {
    const { fleet } = fleetWith({ [`GET ${REPLICATE}/deployments/acme/gone`]: json(404, { detail: "Not found." }) });
    const error = await fleet.getVersion("replicate:acme/gone").catch((e: unknown) => e);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, operationId: "getDeployment", providerMessage: "Not found." });
    expect(String(error)).not.toContain(KEY);
  });

  it("the published list sample normalizes; its `next` (an http:// URL, another origin than https) is never requested", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${REPLICATE}/deployments`]: json(200, listSeed) });
    const { seen, error } = await drain(fleet);
    expect(seen).toEqual(["replicate:replicate/my-app-image-generator"]);
    expect(normalizeReplicateDeployment(listSeed.results[0] as ReplicateDeployment)).toMatchObject({
      ref: "replicate:replicate/my-app-image-generator",
      model: "stability-ai/sdxl",
      version: VERSION_ID,
      status: "unknown",
      scaling: { min: 1, max: 5 },
      hardware: "gpu-t4",
    });
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "replicate", operationId: "listDeployments", page: 2, reason: "foreign-next-url" });
    expect(requests.map((r) => r.url.href)).toEqual([`${REPLICATE}/deployments`]);
    expect(requests.every((r) => r.headers.get("authorization") === `Bearer ${KEY}`)).toBe(true);
  });

  it("listDeployments follows `next` over several pages, each with the key, on the API's origin", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${REPLICATE}/deployments`]: page([deployment], `${REPLICATE}/deployments?cursor=c2`),
      [`GET ${REPLICATE}/deployments?cursor=c2`]: page([{ ...deployment, name: "second" }], `${REPLICATE}/deployments?cursor=c3`),
      [`GET ${REPLICATE}/deployments?cursor=c3`]: page([{ ...deployment, name: "third" }], null),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.ref)).toEqual(["replicate:acme/image-gen", "replicate:acme/second", "replicate:acme/third"]);
    expect(requests.map((r) => [r.method, r.url.href, r.headers.get("authorization")])).toEqual([
      ["GET", `${REPLICATE}/deployments`, `Bearer ${KEY}`],
      ["GET", `${REPLICATE}/deployments?cursor=c2`, `Bearer ${KEY}`],
      ["GET", `${REPLICATE}/deployments?cursor=c3`, `Bearer ${KEY}`],
    ]);
  });

  it("a `next` on another host ends the listing with a PaginationError after the items read; the key never leaves", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${REPLICATE}/deployments`]: page([deployment], `${REPLICATE}/deployments?cursor=c2`),
      [`GET ${REPLICATE}/deployments?cursor=c2`]: page(
        [{ ...deployment, name: "second" }],
        "https://elsewhere.example/v1/deployments?cursor=c3",
      ),
    });
    const { seen, error } = await drain(fleet);
    expect(seen).toEqual(["replicate:acme/image-gen", "replicate:acme/second"]);
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "replicate", operationId: "listDeployments", page: 3, reason: "foreign-next-url" });
    expect(String(error)).not.toContain(KEY);
    expect(requests.map((r) => r.url.origin)).toEqual(["https://api.replicate.com", "https://api.replicate.com"]);
  });

  it("listDeployments stops with a PaginationError when a page repeats a cursor already read, after yielding what it read", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${REPLICATE}/deployments`]: page([deployment], `${REPLICATE}/deployments?cursor=same`),
      [`GET ${REPLICATE}/deployments?cursor=same`]: page([{ ...deployment, name: "second" }], `${REPLICATE}/deployments?cursor=same`),
    });
    const { seen, error } = await drain(fleet);
    expect(seen).toEqual(["replicate:acme/image-gen", "replicate:acme/second"]);
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "replicate", operationId: "listDeployments", page: 3, reason: "repeated-cursor" });
    expect(requests).toHaveLength(2);
  });

  it("a server whose `next` never ends stops at 1000 pages with a PaginationError, without an endless loop", async () => {
    let served = 0;
    const { fleet, requests } = fleetWith({
      [`GET ${REPLICATE}/deployments`]: () => {
        served++;
        return page([{ ...deployment, name: `d${served}` }], `${REPLICATE}/deployments?cursor=p${served}`);
      },
    });
    const { seen, error } = await drain(fleet);
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ operationId: "listDeployments", page: 1001, reason: "max-pages" });
    expect(seen).toHaveLength(1000);
    expect(requests).toHaveLength(1000);
    // A thousand requests through the whole client: the runner's hang guard only, no timing is asserted.
  }, 120_000);

  it("listVersions of <owner>/<model> pages through the model's versions, newest first as Replicate sends them", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${REPLICATE}/models/replicate/hello-world/versions`]: page(
        [version],
        `${REPLICATE}/models/replicate/hello-world/versions?cursor=p2`,
      ),
      [`GET ${REPLICATE}/models/replicate/hello-world/versions?cursor=p2`]: json(200, versionsSeed),
    });
    const versions = await collect(fleet.listVersions("replicate:replicate/hello-world"));
    expect(versions.map((v) => [v.ref, v.createdAt?.toISOString()])).toEqual([
      ["replicate:replicate/hello-world@5c7d5dc6", "2022-04-26T19:29:04.418Z"],
      [`replicate:replicate/hello-world@${versionsSeed.results[0]?.id}`, "2022-04-26T19:29:04.418Z"],
    ]);
    expect(requests.map((r) => r.url.search)).toEqual(["", "?cursor=p2"]);
  });

  it("an odd listing answer (results not an array) ends the listing with a PaginationError, not a crash", async () => {
    const { fleet } = fleetWith({ [`GET ${REPLICATE}/deployments`]: json(200, { results: "nope", next: null }) });
    const { seen, error } = await drain(fleet);
    expect(seen).toEqual([]);
    expect(PaginationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ operationId: "listDeployments", page: 1, reason: "malformed-page" });
  });

  it("scale PATCHes min_instances/max_instances once; the answer is the new release, returned as is", async () => {
    const released = {
      ...deployment,
      current_release: {
        ...deployment.current_release,
        number: 5,
        configuration: { hardware: "gpu-a40-large", min_instances: 0, max_instances: 2 },
      },
    };
    const { fleet, requests } = fleetWith({ [`PATCH ${REPLICATE}/deployments/acme/image-gen`]: json(200, released) });
    const result = await fleet.scale("replicate:acme/image-gen", { min: 0, max: 2 });
    expect(requests.map((r) => [r.method, r.url.href, r.headers.get("content-type"), r.body])).toEqual([
      ["PATCH", `${REPLICATE}/deployments/acme/image-gen`, "application/json", { min_instances: 0, max_instances: 2 }],
    ]);
    expect(result).toMatchObject({ ref: "replicate:acme/image-gen", version: VERSION_ID, scaling: { min: 0, max: 2 } });
    expect((result.raw as ReplicateDeployment).current_release?.number).toBe(5);
  });

  it("the published update answer normalizes to the bounds it was asked for", () => {
    expect(normalizeReplicateDeployment(updateSeed)).toMatchObject({
      ref: "replicate:acme/my-app-image-generator",
      scaling: { min: 3, max: 10 },
      hardware: "gpu-t4",
    });
  });

  it("a failed scale is never retried, even on a 5xx: every update Replicate applies is a new release", async () => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${REPLICATE}/deployments/acme/image-gen`]: json(500, { detail: "temporarily broken" }),
    });
    const error = await fleet.scale("replicate:acme/image-gen", { min: 1, max: 2 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 500, operationId: "updateDeployment", attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it.each([
    [{ min: 6, max: 10 }, "min", "min (6) must be at most 5 on Replicate"],
    [{ min: 0, max: 21 }, "max", "max (21) must be at most 20 on Replicate"],
  ])("scale %j is refused naming %s, before any request", async (bounds, argument, message) => {
    const { fleet, requests } = fleetWith({});
    const error = await fleet.scale("replicate:acme/image-gen", bounds).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedWrite);
    expect(error).toMatchObject({ argument, message });
    expect(requests).toHaveLength(0);
  });

  it("scale of a model version is refused before any request: only deployments scale", async () => {
    const { fleet, requests } = fleetWith({});
    const error = await fleet.scale("replicate:acme/model@v1", { min: 0, max: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RefusedWrite);
    expect(error).toMatchObject({ argument: "ref" });
    expect((error as Error).message).toContain("replicate:<owner>/<deployment>");
    expect(requests).toHaveLength(0);
  });

  it("aborting a listing between pages sends no further request", async () => {
    const controller = new AbortController();
    const { fleet, requests } = fleetWith({
      [`GET ${REPLICATE}/deployments`]: () => {
        controller.abort();
        return page([deployment], `${REPLICATE}/deployments?cursor=c2`);
      },
      [`GET ${REPLICATE}/deployments?cursor=c2`]: page([], null),
    });
    await expect(fleet.listDeployments(controller.signal)).rejects.toMatchObject({ name: "AbortError" });
    expect(requests).toHaveLength(1);
  });
});

describe("replicate normalizers on odd shapes", () => {
  it("a deployment without current_release, configuration or owner normalizes without a crash or stand-in ids", () => {
    expect(normalizeReplicateDeployment({ name: "bare" }, { owner: "acme", name: "bare" })).toMatchObject({
      ref: "replicate:acme/bare",
      model: "",
      version: "",
      status: "unknown",
      createdAt: null,
      updatedAt: null,
      scaling: null,
      hardware: null,
    });
    const partial = { owner: "acme", name: "x", current_release: { configuration: { max_instances: 3, min_instances: "lots" } } };
    expect(normalizeReplicateDeployment(partial as never).scaling).toEqual({ min: null, max: 3 });
    expect(normalizeReplicateDeployment(null as never)).toMatchObject({ ref: "replicate:/", scaling: null });
  });

  it("a model version with a bad date keeps the requested id; without any id the id stays empty (no stand-in)", () => {
    expect(normalizeReplicateVersion({ created_at: "not a date" }, { owner: "a", name: "b" }, "v9")).toMatchObject({
      ref: "replicate:a/b@v9",
      version: "v9",
      createdAt: null,
    });
    expect(normalizeReplicateVersion([] as never, { owner: "a", name: "b" })).toMatchObject({ ref: "replicate:a/b@" });
  });
});
