import { json } from "@modelfleet/test-utils";
import { adapterHarness, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import docsListItem from "../../test/fixtures/deployment-list-item.seed.json";
import { baseten } from "../fleet.js";
import { type BasetenDeployment, InvalidArgumentError, NotFoundError, RateLimitError } from "../index.js";
import { BASETEN_STATUS, normalizeBasetenDeployment } from "./normalize.js";

const MODELS = "https://api.baseten.co/v1/models";
const KEY = "baseten-key-SECRET";

const deployment: BasetenDeployment = {
  id: "qvv0xeq",
  created_at: "2025-03-12T14:03:27.511Z",
  name: "deployment-2",
  model_id: "yqv4yjw",
  is_production: true,
  is_development: false,
  status: "ACTIVE",
  active_replica_count: 2,
  autoscaling_settings: {
    min_replica: 1,
    max_replica: 4,
    autoscaling_window: 60,
    scale_down_delay: 900,
    concurrency_target: 2,
    target_utilization_percentage: 70,
  },
  instance_type_name: "1x A100 (80 GiB VRAM), 12 vCPU, 144 GiB RAM",
  environment: "production",
  request_backpressure_settings: { policy: null },
};

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(baseten(), { fetch: fake.fetch }, { BASETEN_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("baseten through the fleet", () => {
  it("getVersion reads the deployment of baseten:<model_id>@<deployment_id>", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${MODELS}/yqv4yjw/deployments/qvv0xeq`]: json(200, deployment) });
    const version = await fleet.getVersion("baseten:yqv4yjw@qvv0xeq");
    expect(requests.map((r) => [r.method, r.url.href, r.headers.get("authorization")])).toEqual([
      ["GET", `${MODELS}/yqv4yjw/deployments/qvv0xeq`, `Bearer ${KEY}`],
    ]);
    expect(version).toEqual({
      ref: "baseten:yqv4yjw@qvv0xeq",
      provider: "baseten",
      model: "yqv4yjw",
      version: "qvv0xeq",
      status: "ready",
      providerStatus: "ACTIVE",
      createdAt: new Date("2025-03-12T14:03:27.511Z"),
      updatedAt: null,
      scaling: { min: 1, max: 4 },
      replicas: 2,
      hardware: "1x A100 (80 GiB VRAM), 12 vCPU, 144 GiB RAM",
      raw: deployment,
    });
  });

  it("@production and @development go through Baseten's shortcut paths; the result names the real deployment id", async () => {
    const development = { ...deployment, id: "7wd4r1q", is_production: false, is_development: true, environment: "development" };
    const { fleet, requests } = fleetWith({
      [`GET ${MODELS}/yqv4yjw/deployments/production`]: json(200, deployment),
      [`GET ${MODELS}/yqv4yjw/deployments/development`]: json(200, development),
    });
    await expect(fleet.getVersion("baseten:yqv4yjw@production")).resolves.toMatchObject({ ref: "baseten:yqv4yjw@qvv0xeq" });
    await expect(fleet.getVersion("baseten:yqv4yjw@development")).resolves.toMatchObject({ ref: "baseten:yqv4yjw@7wd4r1q" });
    expect(requests.map((r) => r.url.pathname)).toEqual([
      "/v1/models/yqv4yjw/deployments/production",
      "/v1/models/yqv4yjw/deployments/development",
    ]);
  });

  it.each(Object.entries({ ...BASETEN_STATUS, hibernating: "unknown" }))("maps status %s to %s", (word, status) => {
    const providerStatus = word.toUpperCase();
    expect(normalizeBasetenDeployment({ ...deployment, status: providerStatus })).toMatchObject({ status, providerStatus });
  });

  it("a deployment still deploying (autoscaling_settings null) has no scaling; one scaled to zero is ready with 0 replicas", () => {
    expect(
      normalizeBasetenDeployment({ ...deployment, status: "BUILDING", autoscaling_settings: null, active_replica_count: 0 }),
    ).toMatchObject({ status: "building", scaling: null, replicas: 0 });
    expect(normalizeBasetenDeployment({ ...deployment, status: "SCALED_TO_ZERO", active_replica_count: 0 })).toMatchObject({
      status: "ready",
      replicas: 0,
    });
  });

  it("the docs' older list item ('<string>' placeholders, fewer fields) normalizes without a crash", () => {
    expect(normalizeBasetenDeployment(docsListItem as BasetenDeployment)).toMatchObject({
      ref: "baseten:<string>@<string>",
      status: "building",
      providerStatus: "BUILDING",
      createdAt: new Date("2023-11-07T05:31:56Z"),
      scaling: { min: 123, max: 123 },
      replicas: 123,
      hardware: null,
    });
  });

  it("a body that is not a deployment normalizes to unknowns, keeping the requested ids", () => {
    expect(normalizeBasetenDeployment("<html>" as never, { modelId: "m", deploymentId: "d" })).toMatchObject({
      ref: "baseten:m@d",
      status: "unknown",
      providerStatus: null,
      createdAt: null,
      scaling: null,
      replicas: null,
      hardware: null,
    });
    const odd = { ...deployment, active_replica_count: -1, autoscaling_settings: { min_replica: "x", max_replica: 2 } };
    expect(normalizeBasetenDeployment(odd as never)).toMatchObject({ replicas: null, scaling: { min: null, max: 2 } });
  });

  it("listVersions of baseten:<model_id> yields the model's deployments from one request", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${MODELS}/yqv4yjw/deployments`]: json(200, { deployments: [deployment, { ...deployment, id: "7wd4r1q", status: "INACTIVE" }] }),
    });
    const versions = [];
    for await (const v of fleet.listVersions("baseten:yqv4yjw")) versions.push([v.ref, v.status]);
    expect(versions).toEqual([
      ["baseten:yqv4yjw@qvv0xeq", "ready"],
      ["baseten:yqv4yjw@7wd4r1q", "stopped"],
    ]);
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([`GET ${MODELS}/yqv4yjw/deployments`]);
  });

  it("listVersions of a model whose listing is not the documented shape yields nothing instead of crashing", async () => {
    const { fleet } = fleetWith({ [`GET ${MODELS}/yqv4yjw/deployments`]: json(200, { deployments: "none" }) });
    const versions = [];
    for await (const v of fleet.listVersions("baseten:yqv4yjw")) versions.push(v);
    expect(versions).toEqual([]);
  });

  it("listDeployments lists the models, then each model's deployments in the models' order; a model without an id is skipped", async () => {
    const second = { ...deployment, id: "z81kq0p", model_id: "abc1234" };
    const { fleet, requests } = fleetWith({
      [`GET ${MODELS}`]: json(200, { models: [{ id: "yqv4yjw" }, { id: "empty01" }, { name: "no id" }, { id: "abc1234" }] }),
      [`GET ${MODELS}/yqv4yjw/deployments`]: json(200, { deployments: [deployment] }),
      [`GET ${MODELS}/empty01/deployments`]: json(200, { deployments: [] }),
      [`GET ${MODELS}/abc1234/deployments`]: json(200, { deployments: [second] }),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.ref)).toEqual(["baseten:yqv4yjw@qvv0xeq", "baseten:abc1234@z81kq0p"]);
    expect(requests.map((r) => r.url.pathname).sort()).toEqual([
      "/v1/models",
      "/v1/models/abc1234/deployments",
      "/v1/models/empty01/deployments",
      "/v1/models/yqv4yjw/deployments",
    ]);
  });

  it("listDeployments keeps at most `concurrency` model listings in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const ids = ["m1", "m2", "m3", "m4", "m5", "m6"];
    const slow = async (request: Request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      const modelId = new URL(request.url).pathname.split("/")[3];
      return json(200, { deployments: [{ ...deployment, model_id: modelId }] });
    };
    const routes = Object.fromEntries(ids.map((id) => [`GET ${MODELS}/${id}/deployments`, slow]));
    const fake = routedFetch({ [`GET ${MODELS}`]: json(200, { models: ids.map((id) => ({ id })) }), ...routes });
    const fleet = adapterHarness(baseten(), { fetch: fake.fetch }, { BASETEN_API_KEY: KEY }, 2);
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.model)).toEqual(ids);
    expect(most).toBe(2);
  });

  it("scale PATCHes min_replica/max_replica only, then reads the deployment again (the PATCH answers with a status word)", async () => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${MODELS}/yqv4yjw/deployments/qvv0xeq/autoscaling_settings`]: json(200, { status: "QUEUED", message: "Queued." }),
      [`GET ${MODELS}/yqv4yjw/deployments/qvv0xeq`]: json(200, {
        ...deployment,
        status: "UPDATING",
        autoscaling_settings: { ...deployment.autoscaling_settings, min_replica: 0, max_replica: 2 },
      }),
    });
    const version = await fleet.scale("baseten:yqv4yjw@qvv0xeq", { min: 0, max: 2 });
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["PATCH", "/v1/models/yqv4yjw/deployments/qvv0xeq/autoscaling_settings", { min_replica: 0, max_replica: 2 }],
      ["GET", "/v1/models/yqv4yjw/deployments/qvv0xeq", undefined],
    ]);
    expect(version).toMatchObject({ status: "deploying", providerStatus: "UPDATING", scaling: { min: 0, max: 2 } });
  });

  it.each(["production", "development"])("scale of @%s uses that environment's shortcut for both requests", async (environment) => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${MODELS}/yqv4yjw/deployments/${environment}/autoscaling_settings`]: json(200, { status: "ACCEPTED", message: "ok" }),
      [`GET ${MODELS}/yqv4yjw/deployments/${environment}`]: json(200, deployment),
    });
    await fleet.scale(`baseten:yqv4yjw@${environment}`, { min: 1, max: 4 });
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["PATCH", `/v1/models/yqv4yjw/deployments/${environment}/autoscaling_settings`, { min_replica: 1, max_replica: 4 }],
      ["GET", `/v1/models/yqv4yjw/deployments/${environment}`, undefined],
    ]);
  });

  it("scale refuses max 0 (Baseten needs max >= 1) before any request, naming the argument and pointing at deactivate", async () => {
    const { fleet, requests } = fleetWith({});
    await expect(fleet.scale("baseten:yqv4yjw@qvv0xeq", { min: 0, max: 0 })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "max" && /deactivate/.test(e.message),
    );
    expect(requests).toHaveLength(0);
  });

  it("a missing deployment's 404 and a rate limit surface as the runtime's classes with Baseten's message", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${MODELS}/yqv4yjw/deployments/gone`]: json(404, { error: "Deployment not found" }),
      [`PATCH ${MODELS}/yqv4yjw/deployments/qvv0xeq/autoscaling_settings`]: json(429, { error: "Rate limit exceeded.", retry_after: 1 }),
    });
    await expect(fleet.getVersion("baseten:yqv4yjw@gone")).rejects.toSatisfy(
      (e: unknown) => e instanceof NotFoundError && e.providerMessage === "Deployment not found",
    );
    await expect(fleet.scale("baseten:yqv4yjw@qvv0xeq", { min: 1, max: 2 })).rejects.toSatisfy(
      (e: unknown) => e instanceof RateLimitError && e.providerMessage === "Rate limit exceeded." && !e.message.includes(KEY),
    );
    // The PATCH is a plain set, so a 429 is retried (twice by default); no read follows a failed update.
    expect(requests.map((r) => r.method)).toEqual(["GET", "PATCH", "PATCH", "PATCH"]);
  });

  it("passes the caller's signal to every request", async () => {
    const { fleet } = fleetWith({ [`GET ${MODELS}/yqv4yjw/deployments/qvv0xeq`]: json(200, deployment) });
    const controller = new AbortController();
    controller.abort();
    await expect(fleet.getVersion("baseten:yqv4yjw@qvv0xeq", controller.signal)).rejects.toThrow(/abort/i);
  });

  it.each([
    ["stop", "deactivate", "INACTIVE", "stopped"],
    ["start", "activate", "ACTIVE", "ready"],
  ] as const)("%s POSTs %s, then reads the deployment again (Baseten answers with a success flag)", async (verb, action, word, status) => {
    const { fleet, requests } = fleetWith({
      [`POST ${MODELS}/yqv4yjw/deployments/qvv0xeq/${action}`]: json(200, { success: true }),
      [`GET ${MODELS}/yqv4yjw/deployments/qvv0xeq`]: json(200, { ...deployment, status: word }),
    });
    const version = await fleet[verb]("baseten:yqv4yjw@qvv0xeq");
    expect(requests.map((r) => [r.method, r.url.pathname])).toEqual([
      ["POST", `/v1/models/yqv4yjw/deployments/qvv0xeq/${action}`],
      ["GET", "/v1/models/yqv4yjw/deployments/qvv0xeq"],
    ]);
    expect(version).toMatchObject({ ref: "baseten:yqv4yjw@qvv0xeq", status, providerStatus: word });
  });

  it("stop of the production deployment goes through Baseten's production path", async () => {
    const { fleet, requests } = fleetWith({
      [`POST ${MODELS}/yqv4yjw/deployments/production/deactivate`]: json(200, { success: true }),
      [`GET ${MODELS}/yqv4yjw/deployments/production`]: json(200, { ...deployment, status: "INACTIVE" }),
    });
    await fleet.stop("baseten:yqv4yjw@production");
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "POST /v1/models/yqv4yjw/deployments/production/deactivate",
      "GET /v1/models/yqv4yjw/deployments/production",
    ]);
  });

  it("promote POSTs the deployment's promote, then reads production again", async () => {
    const { fleet, requests } = fleetWith({
      [`POST ${MODELS}/yqv4yjw/deployments/qvv0xeq/promote`]: json(200, deployment),
      [`GET ${MODELS}/yqv4yjw/deployments/production`]: json(200, { ...deployment, environment: "production" }),
    });
    expect(baseten().capabilities).toEqual({
      getVersion: true,
      listVersions: true,
      listDeployments: true,
      scale: true,
      start: true,
      stop: true,
      promote: true,
      price: true,
      usage: true,
    });
    const version = await fleet.promote("baseten:yqv4yjw@production", "qvv0xeq");
    expect(requests.map((r) => [r.method, r.url.pathname])).toEqual([
      ["POST", "/v1/models/yqv4yjw/deployments/qvv0xeq/promote"],
      ["GET", "/v1/models/yqv4yjw/deployments/production"],
    ]);
    expect(version).toMatchObject({ ref: "baseten:yqv4yjw@qvv0xeq", version: "qvv0xeq" });
  });

  it("promote of development goes through Baseten's development path", async () => {
    const { fleet, requests } = fleetWith({
      [`POST ${MODELS}/yqv4yjw/deployments/development/promote`]: json(200, deployment),
      [`GET ${MODELS}/yqv4yjw/deployments/production`]: json(200, deployment),
    });
    await fleet.promote("baseten:yqv4yjw@production", "development");
    expect(requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
      "POST /v1/models/yqv4yjw/deployments/development/promote",
      "GET /v1/models/yqv4yjw/deployments/production",
    ]);
  });

  it("promote refuses a reference that is not production, before any request, naming it", async () => {
    const { fleet, requests } = fleetWith({});
    await expect(fleet.promote("baseten:yqv4yjw@qvv0xeq", "abc1234")).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "ref" && /@production/.test(e.message),
    );
    expect(requests).toHaveLength(0);
  });
});

describe("baseten references", () => {
  const provider = baseten();
  const bad = (why: string): never => {
    throw new Error(why);
  };

  it("parse and format a version reference, production and development included", () => {
    expect(provider.versionRef.parse("yqv4yjw@qvv0xeq", bad)).toEqual({ modelId: "yqv4yjw", deploymentId: "qvv0xeq" });
    expect(provider.versionRef.parse("yqv4yjw@production", bad)).toEqual({ modelId: "yqv4yjw", deploymentId: "production" });
    expect(provider.versionRef.format({ modelId: "yqv4yjw", deploymentId: "development" })).toBe("yqv4yjw@development");
    expect(provider.modelRef.parse("yqv4yjw", bad)).toEqual({ modelId: "yqv4yjw" });
    expect(provider.modelRef.format({ modelId: "yqv4yjw" })).toBe("yqv4yjw");
  });

  it.each([
    ["yqv4yjw", /exactly one @/],
    ["a@b@c", /exactly one @/],
    ["@qvv0xeq", /model_id is empty/],
    ["yqv4yjw@", /deployment_id is empty/],
    ["../x@qvv0xeq", /model_id/],
    ["yqv4yjw@..", /deployment_id/],
    ["yq v4@qvv0xeq", /model_id/],
  ])("refuses the version reference baseten:%s", (rest, why) => {
    expect(() => provider.versionRef.parse(rest, bad)).toThrow(why);
  });

  it.each(["", "a/b", "..", "a@b"])("refuses the model reference baseten:%s", (rest) => {
    expect(() => provider.modelRef.parse(rest, bad)).toThrow(/model_id/);
  });
});
