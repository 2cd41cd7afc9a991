import { json } from "@modelfleet/test-utils";
import { adapterHarness, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import legacySeed from "../../test/fixtures/legacy-version.seed.json";
import { sieve } from "../fleet.js";
import { normalizeSieveVersion, SIEVE_STATUS } from "./normalize.js";

const SIEVE = "https://mango.sievedata.com/v2";
const KEY = "sieve-key-SECRET";

const current = {
  id: "41b83e76-0a13-4d96-b0a0-7cd62c9977c3",
  build_status: "ready",
  queued_at: "2024-12-15T01:41:59.195000",
  built_at: "2024-12-15T01:46:12.508000",
  ready_at: "2024-12-15T01:47:03.871000",
  compute_type: "l4",
  python_packages: [],
  system_packages: [],
  gpu: true,
  split: 1,
  minimum_replicas: 1,
  maximum_replicas: 4,
  inputs: [],
  outputs: [],
  current_workers: { starting: 0, setup: 0, active: 1, idle: 2, awaiting_resources: 0 },
  environment_variables: [],
  function_dependencies: [],
};

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(sieve(), { fetch: fake.fetch }, { SIEVE_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("sieve through the fleet", () => {
  it("getVersion reads the version and normalizes the current shape", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${SIEVE}/functions/acme/lipsync/versions/latest`]: json(200, current) });
    const version = await fleet.getVersion("sieve:acme/lipsync@latest");
    expect(requests[0]?.headers.get("x-api-key")).toBe(KEY);
    expect(version).toEqual({
      ref: "sieve:acme/lipsync@41b83e76-0a13-4d96-b0a0-7cd62c9977c3",
      provider: "sieve",
      model: "acme/lipsync",
      version: "41b83e76-0a13-4d96-b0a0-7cd62c9977c3",
      status: "ready",
      providerStatus: "ready",
      createdAt: new Date("2024-12-15T01:41:59.195Z"),
      updatedAt: new Date("2024-12-15T01:47:03.871Z"),
      scaling: { min: 1, max: 4 },
      replicas: 3,
      hardware: "l4",
      raw: current,
    });
  });

  it("normalizes the legacy seed: status, string gpu, minimum_running_replicas, time.*", async () => {
    const { fleet } = fleetWith({ [`GET ${SIEVE}/functions/sieve/whisper/versions/9c701df7`]: json(200, legacySeed) });
    const version = await fleet.getVersion("sieve:sieve/whisper@9c701df7");
    expect(version).toMatchObject({
      ref: "sieve:sieve/whisper@9c701df7-13e3-4d97-a344-693d615bede9",
      status: "ready",
      providerStatus: "ready",
      hardware: "gpu",
      scaling: { min: 2, max: null },
      replicas: 3,
      createdAt: new Date("2023-02-09T19:26:04.455Z"),
      updatedAt: new Date("2023-02-09T19:27:23.462Z"),
    });
  });

  it.each(Object.entries({ ...SIEVE_STATUS, exploding: "unknown" }))("maps build_status %s to %s", (providerStatus, status) => {
    const version = normalizeSieveVersion({ ...current, build_status: providerStatus }, { owner: "a", function: "f" });
    expect(version.status).toBe(status);
    expect(version.providerStatus).toBe(providerStatus);
  });

  it("lists every page of versions with offset and limit", async () => {
    const page = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ ...current, id: `v${from + i}` }));
    const { fleet, requests } = fleetWith({
      [`GET ${SIEVE}/functions/acme/lipsync/versions?offset=0&limit=100`]: json(200, page(0, 100)),
      [`GET ${SIEVE}/functions/acme/lipsync/versions?offset=100&limit=100`]: json(200, page(100, 3)),
    });
    const versions = [];
    for await (const v of fleet.listVersions("sieve:acme/lipsync")) versions.push(v.version);
    expect(versions).toHaveLength(103);
    expect(versions.at(-1)).toBe("v102");
    expect(requests.map((r) => r.url.search)).toEqual(["?offset=0&limit=100", "?offset=100&limit=100"]);
  });

  it("an empty version list yields nothing after one request", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${SIEVE}/functions/acme/lipsync/versions`]: json(200, []) });
    const versions = [];
    for await (const v of fleet.listVersions("sieve:acme/lipsync")) versions.push(v);
    expect(versions).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("listDeployments yields each function's latest version and skips functions without one", async () => {
    const { fleet } = fleetWith({
      [`GET ${SIEVE}/functions`]: json(200, [
        { name: "lipsync", owner_name: "acme", latest_version: current },
        { name: "draft", owner_name: "acme", latest_version: null },
        { name: "odd", owner_name: "acme" },
      ]),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.ref)).toEqual(["sieve:acme/lipsync@41b83e76-0a13-4d96-b0a0-7cd62c9977c3"]);
  });

  it("scale edits the version's replica bounds and returns the version it answers with", async () => {
    const { fleet, requests } = fleetWith({
      [`POST ${SIEVE}/functions/acme/lipsync/versions/41b83e76/edit`]: json(200, { ...current, minimum_replicas: 0, maximum_replicas: 2 }),
    });
    const version = await fleet.scale("sieve:acme/lipsync@41b83e76", { min: 0, max: 2 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.body).toEqual({ minimum_replicas: 0, maximum_replicas: 2 });
    expect(version.scaling).toEqual({ min: 0, max: 2 });
  });

  it("a version with nothing but an id still normalizes", () => {
    expect(normalizeSieveVersion({ id: "x" } as never, { owner: "a", function: "f" })).toEqual({
      ref: "sieve:a/f@x",
      provider: "sieve",
      model: "a/f",
      version: "x",
      status: "unknown",
      providerStatus: null,
      createdAt: null,
      updatedAt: null,
      scaling: null,
      replicas: null,
      hardware: null,
      raw: { id: "x" },
    });
  });
});
