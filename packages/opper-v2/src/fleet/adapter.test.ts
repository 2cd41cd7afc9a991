import { json } from "@modelfleet/test-utils";
import { adapterHarness, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import revisionSeed from "../../test/fixtures/function-revision.seed.json";
import { opperV2 } from "../fleet.js";

const OPPER = "https://api.opper.ai/v2";
const KEY = "opper-key-SECRET";

const FN = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(opperV2(), { fetch: fake.fetch }, { OPPER_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("opper-v2 through the fleet", () => {
  it("getVersion reads the function at the revision; a revision that exists is ready", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${OPPER}/functions/${FN}/revisions/rev-1`]: json(200, revisionSeed) });
    const version = await fleet.getVersion(`opper-v2:${FN}@rev-1`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(version).toMatchObject({
      ref: `opper-v2:${FN}@rev-1`,
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
    for await (const v of fleet.listVersions(`opper-v2:${FN}`)) versions.push(v);
    expect(versions).toHaveLength(101);
    expect(versions[100]).toMatchObject({
      ref: `opper-v2:${FN}@rev-100`,
      model: "my-function",
      createdAt: new Date("2025-01-01T00:00:00Z"),
    });
    expect(requests).toHaveLength(3);
  });

  it("listDeployments yields each function at its latest revision", async () => {
    const { fleet } = fleetWith({
      [`GET ${OPPER}/functions`]: json(200, { meta: { total_count: 1 }, data: [{ id: FN, name: "sum", revision_id: "rev-9" }] }),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => [v.ref, v.model])).toEqual([[`opper-v2:${FN}@rev-9`, "sum"]]);
  });

  it("declares no scaling: the flag is false, there is no scale method, and the reason is given for the facade's error", () => {
    const provider = opperV2({ apiKey: KEY });
    expect(provider.capabilities).toEqual({ getVersion: true, listVersions: true, listDeployments: true, scale: false });
    expect(provider.scale).toBeUndefined();
    expect(provider.unsupported?.scale).toMatch(/no replicas or instances to scale/);
  });
});
