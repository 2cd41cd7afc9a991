import { json } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import revisionSeed from "../../../opper/test/fixtures/function-revision.seed.json";
import { UnsupportedOperationError } from "../errors.js";
import { ENV_KEYS, fakeProviders, OPPER } from "../fake-providers.test-helper.js";
import { createFleet } from "../fleet.js";

const FN = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

function fleetWith(routes: Parameters<typeof fakeProviders>[0]) {
  const fake = fakeProviders(routes);
  const fleet = createFleet({ env: { OPPER_API_KEY: ENV_KEYS.OPPER_API_KEY }, fetch: fake.fetch, sleep: async () => {} });
  return { fleet, requests: fake.requests };
}

describe("opper through the fleet", () => {
  it("getVersion reads the function at the revision; a revision that exists is ready", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${OPPER}/functions/${FN}/revisions/rev-1`]: json(200, revisionSeed) });
    const version = await fleet.getVersion(`opper:${FN}@rev-1`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${ENV_KEYS.OPPER_API_KEY}`);
    expect(version).toMatchObject({
      ref: `opper:${FN}@rev-1`,
      model: "my-function",
      version: "rev-1",
      status: "ready",
      providerStatus: null,
      scaling: null,
      replicas: null,
    });
  });

  it("listVersions names the function once, then pages through revisions until total_count", async () => {
    const revision = (i: number) => ({ id: `rev-${i}`, configuration: {}, created_at: "2025-01-01T00:00:00Z", updated_at: null });
    const { fleet, requests } = fleetWith({
      [`GET ${OPPER}/functions/${FN}`]: json(200, { ...revisionSeed, id: FN }),
      [`GET ${OPPER}/functions/${FN}/revisions?offset=0&limit=100`]: json(200, {
        meta: { total_count: 101 },
        data: Array.from({ length: 100 }, (_, i) => revision(i)),
      }),
      [`GET ${OPPER}/functions/${FN}/revisions?offset=100&limit=100`]: json(200, { meta: { total_count: 101 }, data: [revision(100)] }),
    });
    const versions = [];
    for await (const v of fleet.listVersions(`opper:${FN}`)) versions.push(v);
    expect(versions).toHaveLength(101);
    expect(versions[100]).toMatchObject({ ref: `opper:${FN}@rev-100`, model: "my-function", createdAt: new Date("2025-01-01T00:00:00Z") });
    expect(requests).toHaveLength(3);
  });

  it("listDeployments yields each function at its latest revision", async () => {
    const { fleet } = fleetWith({
      [`GET ${OPPER}/functions`]: json(200, { meta: { total_count: 1 }, data: [{ id: FN, name: "sum", revision_id: "rev-9" }] }),
    });
    const { versions } = await fleet.listDeployments().settled();
    expect(versions.map((v) => [v.ref, v.model])).toEqual([[`opper:${FN}@rev-9`, "sum"]]);
  });

  it("scale is unsupported, says so before any request, and capabilities tells in advance", async () => {
    const { fleet, requests } = fleetWith({});
    expect(fleet.capabilities("opper").scale).toBe(false);
    const error = await fleet.scale(`opper:${FN}@rev-1` as never, { min: 0, max: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect(error).toMatchObject({ provider: "opper", operation: "scale" });
    expect(requests).toHaveLength(0);
  });
});
