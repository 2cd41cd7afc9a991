import { json } from "@modelfleet/test-utils";
import { adapterHarness, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import listSeed from "../../test/fixtures/deploy-list.seed.json";
import { deepinfra } from "../fleet.js";
import { DEEPINFRA_STATUS, normalizeDeepInfraDeployment } from "./normalize.js";

const DEEPINFRA = "https://api.deepinfra.com";
const KEY = "deepinfra-key-SECRET";

const deployment = {
  deploy_id: "fkj843kjh8",
  model_name: "acme/llama-ft",
  version: "b1c9e2",
  task: "text-generation",
  status: "running",
  fail_reason: "",
  created_at: "2026-03-01T10:00:00+00:00",
  updated_at: "2026-03-02T11:30:00",
  type: "custom",
  instances: { running: 2, pending: 1 },
  config: { gpu: "A100-80GB", num_gpus: 2, max_batch_size: 96 },
  settings: { min_instances: 1, max_instances: 3 },
};

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(deepinfra(), { fetch: fake.fetch }, { DEEPINFRA_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("deepinfra through the fleet", () => {
  it("getVersion reads the deployment", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${DEEPINFRA}/deploy/fkj843kjh8`]: json(200, deployment) });
    const version = await fleet.getVersion("deepinfra:fkj843kjh8");
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(version).toEqual({
      ref: "deepinfra:fkj843kjh8",
      provider: "deepinfra",
      model: "acme/llama-ft",
      version: "b1c9e2",
      status: "ready",
      providerStatus: "running",
      createdAt: new Date("2026-03-01T10:00:00Z"),
      updatedAt: new Date("2026-03-02T11:30:00Z"),
      scaling: { min: 1, max: 3 },
      replicas: 2,
      hardware: "2x A100-80GB",
      raw: deployment,
    });
  });

  it.each(Object.entries({ ...DEEPINFRA_STATUS, hibernating: "unknown" }))("maps status %s to %s", (providerStatus, status) => {
    expect(normalizeDeepInfraDeployment({ ...deployment, status: providerStatus }).status).toBe(status);
  });

  it("the documented list sample ('<string>' placeholders, settings) normalizes without a crash", async () => {
    const { fleet } = fleetWith({ [`GET ${DEEPINFRA}/deploy/list`]: json(200, listSeed) });
    const versions = await fleet.listDeployments();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      status: "unknown",
      providerStatus: "<string>",
      createdAt: null,
      hardware: "123x L4-24GB",
      scaling: { min: 1, max: 1 },
      replicas: 123,
    });
  });

  it("scale PUTs the settings, then reads the deployment again because the update answers with the id only", async () => {
    const { fleet, requests } = fleetWith({
      [`PUT ${DEEPINFRA}/deploy/fkj843kjh8`]: json(200, { deploy_id: "fkj843kjh8" }),
      [`GET ${DEEPINFRA}/deploy/fkj843kjh8`]: json(200, { ...deployment, settings: { min_instances: 0, max_instances: 2 } }),
    });
    const version = await fleet.scale("deepinfra:fkj843kjh8", { min: 0, max: 2 });
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["PUT", "/deploy/fkj843kjh8", { settings: { min_instances: 0, max_instances: 2 } }],
      ["GET", "/deploy/fkj843kjh8", undefined],
    ]);
    expect(version.scaling).toEqual({ min: 0, max: 2 });
  });

  it.each([
    ["stop", "stopped", "stopped"],
    ["start", "deploying", "deploying"],
  ] as const)("%s POSTs to the deployment, then reads it again because the answer is the id only", async (verb, providerStatus, status) => {
    const controller = new AbortController();
    const { fleet, requests } = fleetWith({
      [`POST ${DEEPINFRA}/deploy/fkj843kjh8/${verb}`]: json(200, { deploy_id: "fkj843kjh8" }),
      [`GET ${DEEPINFRA}/deploy/fkj843kjh8`]: json(200, { ...deployment, status: providerStatus }),
    });
    const version = await fleet[verb]("deepinfra:fkj843kjh8", controller.signal);
    expect(requests.map((r) => [r.method, r.url.pathname, r.body, r.headers.get("authorization")])).toEqual([
      ["POST", `/deploy/fkj843kjh8/${verb}`, undefined, `Bearer ${KEY}`],
      ["GET", "/deploy/fkj843kjh8", undefined, `Bearer ${KEY}`],
    ]);
    expect(version).toMatchObject({ ref: "deepinfra:fkj843kjh8", status, providerStatus });
    expect(deepinfra().capabilities).toMatchObject({ start: true, stop: true });
  });

  it("a start the API refuses (404) surfaces as the client's error, without the follow-up read", async () => {
    const { fleet, requests } = fleetWith({
      [`POST ${DEEPINFRA}/deploy/gone/start`]: json(404, { error: "Deployment not found" }),
    });
    await expect(fleet.start("deepinfra:gone")).rejects.toMatchObject({ name: "NotFoundError", status: 404 });
    expect(requests).toHaveLength(1);
  });

  it("listVersions of a model name yields that model's deployments only", async () => {
    const { fleet } = fleetWith({
      [`GET ${DEEPINFRA}/deploy/list`]: json(200, [deployment, { ...deployment, deploy_id: "other", model_name: "acme/other" }]),
    });
    const refs = [];
    for await (const v of fleet.listVersions("deepinfra:acme/llama-ft")) refs.push(v.ref);
    expect(refs).toEqual(["deepinfra:fkj843kjh8"]);
  });
});
