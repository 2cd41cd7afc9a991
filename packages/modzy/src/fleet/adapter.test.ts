import { json } from "@modelfleet/test-utils";
import { adapterHarness, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import versionExample from "../../test/fixtures/model-version.example.json";
import versionSeed from "../../test/fixtures/model-version.seed.json";
import { modzy } from "../fleet.js";
import { MODZY_STATUS, normalizeModzyVersion } from "./normalize.js";

const MODZY = "https://app.modzy.com/api";
const KEY = "modzy-key-SECRET";

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(modzy(), { fetch: fake.fetch }, { MODZY_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

const next = (page: number) => ({ link: `<${MODZY}/models/ed542963de/versions?page=${page}&per-page=100>; rel="next"` });

describe("modzy through the fleet", () => {
  it("getVersion normalizes the documented version: +0000 timestamps, processing, requirement", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${MODZY}/models/ed542963de/versions/0.0.27`]: json(200, versionExample) });
    const version = await fleet.getVersion("modzy:ed542963de@0.0.27");
    expect(requests[0]?.headers.get("authorization")).toBe(`ApiKey ${KEY}`);
    expect(version).toMatchObject({
      ref: "modzy:ed542963de@0.0.27",
      model: "ed542963de",
      version: "0.0.27",
      status: "ready",
      providerStatus: "active",
      createdAt: new Date("2020-05-13T18:32:59.510Z"),
      updatedAt: new Date("2020-05-19T22:01:52.015Z"),
      scaling: { min: 1, max: 3 },
      replicas: null,
      hardware: "Small",
    });
    expect(version.raw).toEqual(versionExample);
  });

  it("the seed's placeholder values ('...') give nulls, not a crash", () => {
    const version = normalizeModzyVersion(versionSeed, { modelId: "m", requested: "1.0.0" });
    expect(version).toMatchObject({ version: "...", createdAt: null, updatedAt: null, status: "unknown", hardware: "... CPU, ..." });
  });

  it.each(Object.entries({ ...MODZY_STATUS, archived: "unknown" }))("maps status %s to %s", (providerStatus, status) => {
    expect(normalizeModzyVersion({ version: "1.0.0", status: providerStatus }, { modelId: "m" }).status).toBe(status);
  });

  it("lists versions page by page while a Link rel=next comes with a full page, reading each version", async () => {
    const summaries = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ version: `0.${from + i}.0` }));
    const { fleet, requests } = fleetWith({
      [`GET ${MODZY}/models/ed542963de/versions?page=1&per-page=100`]: json(200, summaries(0, 100), next(2)),
      [`GET ${MODZY}/models/ed542963de/versions?page=2&per-page=100`]: json(200, summaries(100, 2)),
      [`GET ${MODZY}/models/ed542963de/versions/0.0.0`]: json(200, { ...versionExample, version: "0.0.0" }),
      ...Object.fromEntries(
        summaries(1, 101).map(({ version }) => [
          `GET ${MODZY}/models/ed542963de/versions/${version}`,
          json(200, { ...versionExample, version }),
        ]),
      ),
    });
    const seen: string[] = [];
    for await (const v of fleet.listVersions("modzy:ed542963de")) seen.push(v.version);
    expect(seen).toEqual(summaries(0, 102).map((s) => s.version));
    expect(requests.filter((r) => r.url.pathname.endsWith("/versions")).map((r) => r.url.searchParams.get("page"))).toEqual(["1", "2"]);
  });

  it("stops at a full page without a Link header, and at a Link header on a short page", async () => {
    const full = Array.from({ length: 100 }, (_, i) => ({ version: `1.0.${i}` }));
    const noLink = fleetWith({
      [`GET ${MODZY}/models/m1/versions`]: json(200, full),
      ...Object.fromEntries(full.map(({ version }) => [`GET ${MODZY}/models/m1/versions/${version}`, json(200, { version })])),
    });
    let count = 0;
    for await (const _ of noLink.fleet.listVersions("modzy:m1")) count++;
    expect(count).toBe(100);
    expect(noLink.requests.filter((r) => r.url.pathname.endsWith("/versions"))).toHaveLength(1);

    const shortWithLink = fleetWith({
      [`GET ${MODZY}/models/m2/versions`]: json(200, [{ version: "1.0.0" }], next(2)),
      [`GET ${MODZY}/models/m2/versions/1.0.0`]: json(200, { version: "1.0.0" }),
    });
    const versions = [];
    for await (const v of shortWithLink.fleet.listVersions("modzy:m2")) versions.push(v.version);
    expect(versions).toEqual(["1.0.0"]);
  });

  it("scale patches the version's processing limits", async () => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${MODZY}/models/ed542963de/versions/0.0.27`]: json(200, {
        ...versionExample,
        processing: { minimumParallelCapacity: 0, maximumParallelCapacity: 5 },
      }),
    });
    const version = await fleet.scale("modzy:ed542963de@0.0.27", { min: 0, max: 5 });
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["PATCH", "/api/models/ed542963de/versions/0.0.27", { processing: { minimumParallelCapacity: 0, maximumParallelCapacity: 5 } }],
    ]);
    expect(version.scaling).toEqual({ min: 0, max: 5 });
  });

  it("scale falls back to the flat processing route when the version PATCH is refused with 403", async () => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${MODZY}/models/ed542963de/versions/0.0.27`]: json(403, { statusCode: 403, status: "Forbidden", message: "no" }),
      [`PATCH ${MODZY}/models/ed542963de/versions/0.0.27/processing`]: json(200, {
        ...versionExample,
        processing: { minimumParallelCapacity: 2, maximumParallelCapacity: 2 },
      }),
    });
    const version = await fleet.scale("modzy:ed542963de@0.0.27", { min: 2, max: 2 });
    expect(requests.map((r) => r.body)).toEqual([
      { processing: { minimumParallelCapacity: 2, maximumParallelCapacity: 2 } },
      { minimumParallelCapacity: 2, maximumParallelCapacity: 2 },
    ]);
    expect(version.scaling).toEqual({ min: 2, max: 2 });
  });

  it("start sets the version's status to active and returns the version the PATCH answers with; there is no stop", async () => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${MODZY}/models/ed542963de/versions/0.0.27`]: json(200, { ...versionExample, status: "active" }),
    });
    const version = await fleet.start("modzy:ed542963de@0.0.27");
    expect(requests.map((r) => [r.method, r.url.pathname, r.body, r.headers.get("authorization")])).toEqual([
      ["PATCH", "/api/models/ed542963de/versions/0.0.27", { status: "active" }, `ApiKey ${KEY}`],
    ]);
    expect(version).toMatchObject({ ref: "modzy:ed542963de@0.0.27", status: "ready", providerStatus: "active" });
    const provider = modzy();
    expect(provider.capabilities).toMatchObject({ start: true, stop: false });
    expect(provider.stop).toBeUndefined();
    expect(provider.unsupported?.stop).toMatch(/no way to take a version out of service/);
  });

  it("listDeployments reads the latest version of each active model", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${MODZY}/models`]: json(200, [
        { modelId: "ed542963de", latestVersion: "0.0.27", versions: ["0.0.27"] },
        { modelId: "empty", versions: [] },
      ]),
      [`GET ${MODZY}/models/ed542963de/versions/0.0.27`]: json(200, versionExample),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.ref)).toEqual(["modzy:ed542963de@0.0.27"]);
    expect(requests[0]?.url.searchParams.get("isActive")).toBe("true");
  });

  it("listDeployments leaves out a version deleted before its read (404) and reports another failed read for it alone", async () => {
    const { fleet } = fleetWith({
      [`GET ${MODZY}/models`]: json(200, [
        { modelId: "ed542963de", latestVersion: "0.0.27" },
        { modelId: "deleted1", latestVersion: "1.0.0" },
        { modelId: "refused1", latestVersion: "2.0.0" },
      ]),
      [`GET ${MODZY}/models/ed542963de/versions/0.0.27`]: json(200, versionExample),
      [`GET ${MODZY}/models/deleted1/versions/1.0.0`]: json(404, { statusCode: 404, status: "error", message: "version not found" }),
      [`GET ${MODZY}/models/refused1/versions/2.0.0`]: json(403, { statusCode: 403, status: "error", message: "forbidden" }),
    });
    const { versions, failed } = await fleet.listDeploymentsReporting();
    expect(versions.map((v) => v.ref)).toEqual(["modzy:ed542963de@0.0.27"]);
    expect(failed.map(([item, error]) => [item, (error as { status?: number }).status])).toEqual([["modzy:refused1@2.0.0", 403]]);
  });
});
