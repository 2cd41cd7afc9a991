import { json } from "@modelfleet/test-utils";
import { adapterHarness, RefusedWrite, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import createResponseSeed from "../../test/fixtures/create-endpoint-response.seed.json";
import { together } from "../fleet.js";
import { NotFoundError, PermissionDeniedError, type TogetherEndpoint } from "../index.js";
import { normalizeTogetherEndpoint, TOGETHER_STATUS } from "./normalize.js";

const TOGETHER = "https://api.together.ai/v1";
const KEY = "together-key-SECRET";
const ID = "endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7";
const LIST = `GET ${TOGETHER}/endpoints?type=dedicated&mine=true`;

const endpoint: TogetherEndpoint = {
  object: "endpoint",
  id: ID,
  name: "devuser/meta-llama/Llama-3-8b-chat-hf-a32b82a1",
  display_name: "My Llama3 70b endpoint",
  model: "meta-llama/Llama-3-8b-chat-hf",
  hardware: "1x_nvidia_a100_80gb_sxm",
  type: "dedicated",
  owner: "devuser",
  state: "STARTED",
  autoscaling: { min_replicas: 2, max_replicas: 5 },
  created_at: "2025-02-04T10:43:55.405Z",
};

// What the list shows of an endpoint: no display name, hardware or autoscaling.
function listed(e: TogetherEndpoint) {
  const { display_name: _, hardware: __, autoscaling: ___, ...rest } = e;
  return rest;
}

function fleetWith(routes: Parameters<typeof routedFetch>[0], concurrency = 4) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(together(), { fetch: fake.fetch }, { TOGETHER_API_KEY: KEY }, concurrency);
  return { fleet, requests: fake.requests };
}

describe("together through the fleet", () => {
  it("getVersion reads the endpoint of together:<endpoint_id>", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${TOGETHER}/endpoints/${ID}`]: json(200, endpoint) });
    const version = await fleet.getVersion(`together:${ID}`);
    expect(requests.map((r) => [r.method, r.url.href, r.headers.get("authorization")])).toEqual([
      ["GET", `${TOGETHER}/endpoints/${ID}`, `Bearer ${KEY}`],
    ]);
    expect(version).toEqual({
      ref: `together:${ID}`,
      provider: "together",
      model: "meta-llama/Llama-3-8b-chat-hf",
      version: ID,
      status: "ready",
      providerStatus: "STARTED",
      createdAt: new Date("2025-02-04T10:43:55.405Z"),
      updatedAt: null,
      scaling: { min: 2, max: 5 },
      replicas: null,
      hardware: "1x_nvidia_a100_80gb_sxm",
      raw: endpoint,
    });
  });

  // "READY" is what Together's docs and CLI print; the API sends STARTED, so READY stays unknown (and is kept).
  it.each(Object.entries({ ...TOGETHER_STATUS, ready: "unknown", draining: "unknown" }))("maps state %s to %s", (word, status) => {
    const state = word.toUpperCase();
    expect(normalizeTogetherEndpoint({ ...endpoint, state })).toMatchObject({ status, providerStatus: state });
  });

  it("the documented create response and a space-separated timestamp normalize", () => {
    expect(normalizeTogetherEndpoint(createResponseSeed as TogetherEndpoint)).toMatchObject({
      status: "ready",
      scaling: { min: 2, max: 5 },
    });
    expect(normalizeTogetherEndpoint({ ...endpoint, created_at: "2025-02-04 10:43:55.405000+00:00" }).createdAt).toEqual(
      new Date("2025-02-04T10:43:55.405Z"),
    );
  });

  it("a list item (no hardware or autoscaling) and a body that is not an endpoint normalize without a crash", () => {
    expect(normalizeTogetherEndpoint(listed(endpoint) as never)).toMatchObject({ ref: `together:${ID}`, scaling: null, hardware: null });
    expect(normalizeTogetherEndpoint([1, 2] as never, "endpoint-x")).toMatchObject({
      ref: "together:endpoint-x",
      model: "unknown",
      status: "unknown",
      providerStatus: null,
      createdAt: null,
      scaling: null,
    });
    const odd = { ...endpoint, autoscaling: { min_replicas: 1.5, max_replicas: "3" } };
    expect(normalizeTogetherEndpoint(odd as never).scaling).toEqual({ min: null, max: 3 });
  });

  it("listDeployments asks for the account's dedicated endpoints, then reads each (the list lacks hardware and scaling)", async () => {
    const stopped = { ...endpoint, id: "endpoint-2", state: "STOPPED", hardware: "2x_nvidia_h100_80gb_sxm" };
    const { fleet, requests } = fleetWith({
      [LIST]: json(200, { object: "list", data: [listed(endpoint), listed(stopped), { object: "endpoint", name: "no id" }] }),
      [`GET ${TOGETHER}/endpoints/${ID}`]: json(200, endpoint),
      [`GET ${TOGETHER}/endpoints/endpoint-2`]: json(200, stopped),
    });
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => [v.ref, v.status, v.hardware, v.scaling])).toEqual([
      [`together:${ID}`, "ready", "1x_nvidia_a100_80gb_sxm", { min: 2, max: 5 }],
      ["together:endpoint-2", "stopped", "2x_nvidia_h100_80gb_sxm", { min: 2, max: 5 }],
    ]);
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([
      LIST,
      `GET ${TOGETHER}/endpoints/${ID}`,
      `GET ${TOGETHER}/endpoints/endpoint-2`,
    ]);
  });

  it("listDeployments keeps at most `concurrency` endpoint reads in flight, in the listing's order", async () => {
    let inFlight = 0;
    let most = 0;
    const ids = ["endpoint-1", "endpoint-2", "endpoint-3", "endpoint-4", "endpoint-5"];
    const slow = async (request: Request) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return json(200, { ...endpoint, id: new URL(request.url).pathname.split("/").at(-1) });
    };
    const { fleet } = fleetWith(
      {
        [LIST]: json(200, { object: "list", data: ids.map((id) => listed({ ...endpoint, id })) }),
        ...Object.fromEntries(ids.map((id) => [`GET ${TOGETHER}/endpoints/${id}`, slow])),
      },
      2,
    );
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.version)).toEqual(ids);
    expect(most).toBe(2);
  });

  it("an endpoint deleted between the list and its read (404, 410) is left out; the other endpoints stand", async () => {
    const ids = ["endpoint-1", "endpoint-2", "endpoint-3", "endpoint-4"];
    const { fleet } = fleetWith({
      [LIST]: json(200, { object: "list", data: ids.map((id) => listed({ ...endpoint, id })) }),
      [`GET ${TOGETHER}/endpoints/endpoint-1`]: json(200, { ...endpoint, id: "endpoint-1" }),
      [`GET ${TOGETHER}/endpoints/endpoint-2`]: json(404, { message: "endpoint not found" }),
      [`GET ${TOGETHER}/endpoints/endpoint-3`]: json(410, { message: "endpoint deleted" }),
      [`GET ${TOGETHER}/endpoints/endpoint-4`]: json(200, { ...endpoint, id: "endpoint-4" }),
    });
    const { versions, failed } = await fleet.listDeploymentsReporting();
    expect(versions.map((v) => v.ref)).toEqual(["together:endpoint-1", "together:endpoint-4"]);
    expect(failed).toEqual([]);
    // listVersions (no per-item report) leaves the deleted one out too.
    const model: string[] = [];
    for await (const v of fleet.listVersions(`together:${endpoint.model}`)) model.push(v.ref);
    expect(model).toEqual(["together:endpoint-1", "together:endpoint-4"]);
  });

  it("another failed endpoint read is reported for that endpoint alone; the listing goes on", async () => {
    const ids = ["endpoint-1", "endpoint-2", "endpoint-3"];
    const { fleet } = fleetWith({
      [LIST]: json(200, { object: "list", data: ids.map((id) => listed({ ...endpoint, id })) }),
      [`GET ${TOGETHER}/endpoints/endpoint-1`]: json(200, { ...endpoint, id: "endpoint-1" }),
      [`GET ${TOGETHER}/endpoints/endpoint-2`]: json(403, { message: "not yours" }),
      [`GET ${TOGETHER}/endpoints/endpoint-3`]: json(200, { ...endpoint, id: "endpoint-3" }),
    });
    const { versions, failed } = await fleet.listDeploymentsReporting();
    expect(versions.map((v) => v.ref)).toEqual(["together:endpoint-1", "together:endpoint-3"]);
    expect(failed.map(([item, error]) => [item, PermissionDeniedError.isInstance(error)])).toEqual([["together:endpoint-2", true]]);
    // A caller that cannot report per item (listVersions does not) gets the failure, as before.
    await expect(fleet.listDeployments()).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it("a listing that is not the documented shape yields nothing instead of crashing", async () => {
    const { fleet, requests } = fleetWith({ [LIST]: json(200, { object: "list", data: { id: ID } }) });
    await expect(fleet.listDeployments()).resolves.toEqual([]);
    expect(requests).toHaveLength(1);
  });

  it("listVersions of together:<model> reads only the endpoints serving that model", async () => {
    const other = { ...endpoint, id: "endpoint-3", model: "Qwen/Qwen3.5-9B-FP8" };
    const { fleet, requests } = fleetWith({
      [LIST]: json(200, { object: "list", data: [listed(endpoint), listed(other)] }),
      [`GET ${TOGETHER}/endpoints/${ID}`]: json(200, endpoint),
    });
    const refs = [];
    for await (const v of fleet.listVersions("together:meta-llama/Llama-3-8b-chat-hf")) refs.push(v.ref);
    expect(refs).toEqual([`together:${ID}`]);
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([LIST, `GET ${TOGETHER}/endpoints/${ID}`]);
  });

  it("scale PATCHes both bounds under autoscaling and returns the endpoint it answers with (no second read)", async () => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${TOGETHER}/endpoints/${ID}`]: json(200, { ...endpoint, autoscaling: { min_replicas: 0, max_replicas: 3 } }),
    });
    const version = await fleet.scale(`together:${ID}`, { min: 0, max: 3 });
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["PATCH", `/v1/endpoints/${ID}`, { autoscaling: { min_replicas: 0, max_replicas: 3 } }],
    ]);
    expect(version.scaling).toEqual({ min: 0, max: 3 });
  });

  it("scale refuses max 0 (a stopped endpoint is the zero state) before any request, naming the argument", async () => {
    const { fleet, requests } = fleetWith({});
    await expect(fleet.scale(`together:${ID}`, { min: 0, max: 0 })).rejects.toSatisfy(
      (e: unknown) => e instanceof RefusedWrite && e.argument === "max" && /STOPPED/.test(e.message),
    );
    expect(requests).toHaveLength(0);
  });

  it("Together's 403 for a bad key is PermissionDeniedError with its nested message, without the key; 404 is NotFoundError", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${TOGETHER}/endpoints/${ID}`]: json(403, { error: { message: "Unauthorized", type: "unauthorized", param: null, code: null } }),
      [`GET ${TOGETHER}/endpoints/endpoint-gone`]: json(404, {
        error: { message: "Not found", type: "not_found", param: null, code: null },
      }),
    });
    const error = await fleet.getVersion(`together:${ID}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, providerMessage: "Unauthorized" });
    expect(JSON.stringify(error)).not.toContain(KEY);
    await expect(fleet.getVersion("together:endpoint-gone")).rejects.toSatisfy(
      (e: unknown) => e instanceof NotFoundError && e.providerMessage === "Not found",
    );
    expect(requests).toHaveLength(2);
  });

  it("passes the caller's signal to every request", async () => {
    const { fleet } = fleetWith({ [`GET ${TOGETHER}/endpoints/${ID}`]: json(200, endpoint) });
    const controller = new AbortController();
    controller.abort();
    await expect(fleet.getVersion(`together:${ID}`, controller.signal)).rejects.toThrow(/abort/i);
  });

  it.each([
    ["stop", "STOPPED", "STOPPING", "stopped"],
    ["start", "STARTED", "STARTING", "deploying"],
  ] as const)("%s PATCHes the endpoint's state to %s and returns the endpoint it answers with", async (verb, state, answered, status) => {
    const { fleet, requests } = fleetWith({ [`PATCH ${TOGETHER}/endpoints/${ID}`]: json(200, { ...endpoint, state: answered }) });
    expect(together().capabilities).toMatchObject({ start: true, stop: true });
    const version = await fleet[verb](`together:${ID}`);
    expect(requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([["PATCH", `/v1/endpoints/${ID}`, { state }]]);
    expect(version).toMatchObject({ ref: `together:${ID}`, status, providerStatus: answered });
  });

  it("a stop the API refuses (404) surfaces as NotFoundError after one request", async () => {
    const { fleet, requests } = fleetWith({
      [`PATCH ${TOGETHER}/endpoints/endpoint-gone`]: json(404, {
        error: { message: "Not found", type: "not_found", param: null, code: null },
      }),
    });
    await expect(fleet.stop("together:endpoint-gone")).rejects.toBeInstanceOf(NotFoundError);
    expect(requests).toHaveLength(1);
  });
});

describe("together references", () => {
  const provider = together();
  const bad = (why: string): never => {
    throw new Error(why);
  };

  it("parse and format an endpoint reference and a model reference with slashes", () => {
    expect(provider.versionRef.parse(ID, bad)).toEqual({ endpointId: ID });
    expect(provider.versionRef.format({ endpointId: ID })).toBe(ID);
    expect(provider.modelRef.parse("meta-llama/Llama-3-8b-chat-hf", bad)).toEqual({ model: "meta-llama/Llama-3-8b-chat-hf" });
    expect(provider.modelRef.format({ model: "meta-llama/Llama-3-8b-chat-hf" })).toBe("meta-llama/Llama-3-8b-chat-hf");
  });

  it.each(["", "a/b", "..", "endpoint-1@2", "endpoint 1"])("refuses the version reference together:%s", (rest) => {
    expect(() => provider.versionRef.parse(rest, bad)).toThrow(/endpoint_id/);
  });

  it.each(["", "meta-llama//x", "../x", "meta-llama/..", "a b/c"])("refuses the model reference together:%s", (rest) => {
    expect(() => provider.modelRef.parse(rest, bad)).toThrow(/model name/);
  });
});
