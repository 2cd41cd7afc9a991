import { json } from "@modelfleet/test-utils";
import { adapterHarness, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import runningSeed from "../../test/fixtures/endpoint-running.seed.json";
import { huggingface } from "../fleet.js";
import { ConfigurationError, NotFoundError } from "../generated/index.js";
import type { HuggingFaceFleetOptions } from "./types.js";

const HF = "https://api.endpoints.huggingface.cloud";
const KEY = "hf_huggingface-key-SECRET";
const ENDPOINT_URL = `${HF}/v2/endpoint/acme-ml/my-endpoint-name`;

const endpoint = {
  name: "my-endpoint-name",
  type: "protected",
  provider: { vendor: "aws", region: "us-east-1" },
  compute: {
    accelerator: "gpu",
    instanceType: "nvidia-l4",
    instanceSize: "x1",
    scaling: { minReplica: 1, maxReplica: 2, scaleToZeroTimeout: 30, measure: { hardwareUsage: 80 } },
  },
  model: { repository: "acme/llama-ft", revision: "11c5a3d5", framework: "pytorch", image: { huggingface: {} } },
  status: {
    state: "running",
    message: "Endpoint is ready",
    createdAt: "2023-10-26T12:41:53.263Z",
    updatedAt: "2023-10-27T08:02:11.904078506Z",
    createdBy: { id: "u1", name: "acme-ml" },
    readyReplica: 2,
    targetReplica: 2,
  },
};

function fleetWith(routes: Parameters<typeof routedFetch>[0], env: Record<string, string> = {}, options?: HuggingFaceFleetOptions) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(huggingface(options), { fetch: fake.fetch }, { HF_TOKEN: KEY, ...env });
  return { fleet, requests: fake.requests };
}

async function collect<T>(versions: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const v of versions) all.push(v);
  return all;
}

describe("huggingface references", () => {
  const provider = huggingface();
  const bad = (why: string): never => {
    throw new Error(why);
  };

  it("huggingface:<namespace>/<endpoint> parses and formats back, as a version and as a model reference", () => {
    for (const grammar of [provider.versionRef, provider.modelRef]) {
      expect(grammar.parse("acme-ml/my-endpoint-name", bad)).toEqual({ namespace: "acme-ml", name: "my-endpoint-name" });
      expect(grammar.format({ namespace: "acme-ml", name: "my-endpoint-name" })).toBe("acme-ml/my-endpoint-name");
    }
  });

  it.each([
    ["acme-ml", "it must be <namespace>/<endpoint>"],
    ["acme-ml/a/b", "it must be <namespace>/<endpoint>"],
    ["acme-ml/x@rev", "an endpoint has no @<version>"],
    ["../x", "the namespace"],
    ["acme-ml/ ", "the endpoint"],
  ])("%s is refused: %s", (rest, why) => {
    expect(() => provider.versionRef.parse(rest, bad)).toThrow(why);
  });

  it("is named Hugging Face and reads its key from HF_TOKEN", () => {
    expect([provider.name, provider.envVar]).toEqual(["Hugging Face", "HF_TOKEN"]);
    expect(provider.keySource({ HF_TOKEN: KEY })).toBe("env");
    expect(provider.keySource({})).toBeNull();
  });
});

describe("huggingface through the fleet", () => {
  it("getVersion reads the endpoint: its model revision, state, replicas, bounds and hardware", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${ENDPOINT_URL}`]: json(200, endpoint) });
    const result = await fleet.getVersion("huggingface:acme-ml/my-endpoint-name");
    expect(requests.map((r) => [r.method, r.url.href, r.headers.get("authorization")])).toEqual([["GET", ENDPOINT_URL, `Bearer ${KEY}`]]);
    expect(result).toEqual({
      ref: "huggingface:acme-ml/my-endpoint-name",
      provider: "huggingface",
      model: "acme/llama-ft",
      version: "11c5a3d5",
      status: "ready",
      providerStatus: "running",
      createdAt: new Date("2023-10-26T12:41:53.263Z"),
      // Nanosecond precision is cut to milliseconds.
      updatedAt: new Date("2023-10-27T08:02:11.904Z"),
      scaling: { min: 1, max: 2 },
      replicas: 2,
      hardware: "nvidia-l4 x1 (aws/us-east-1)",
      raw: endpoint,
    });
  });

  it("the published running endpoint normalizes", async () => {
    const { fleet } = fleetWith({ [`GET ${ENDPOINT_URL}`]: json(200, runningSeed) });
    expect(await fleet.getVersion("huggingface:acme-ml/my-endpoint-name")).toMatchObject({
      ref: "huggingface:acme-ml/my-endpoint-name",
      model: "gpt2",
      version: "11c5a3d5811f50298f278a704980280950aedb10",
      status: "ready",
      scaling: { min: 0, max: 1 },
      replicas: 1,
      hardware: "intel-icl x2 (aws/us-east-1)",
    });
  });

  it("an endpoint Hugging Face does not know is a NotFoundError with its error message", async () => {
    const { fleet } = fleetWith({ [`GET ${HF}/v2/endpoint/acme-ml/gone`]: json(404, { error: "Endpoint not found" }) });
    const error = await fleet.getVersion("huggingface:acme-ml/gone").catch((e: unknown) => e);
    expect(NotFoundError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, operationId: "getEndpoint", providerMessage: "Endpoint not found" });
    expect(JSON.stringify(error)).not.toContain(KEY);
  });

  it("listDeployments lists every namespace of HF_NAMESPACE, in order", async () => {
    const { fleet, requests } = fleetWith(
      {
        [`GET ${HF}/v2/endpoint/acme-ml`]: json(200, { items: [endpoint, { ...endpoint, name: "second" }] }),
        [`GET ${HF}/v2/endpoint/team-b`]: json(200, { items: [{ ...endpoint, status: { ...endpoint.status, state: "paused" } }] }),
      },
      { HF_NAMESPACE: " acme-ml, team-b ,," },
    );
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => [v.ref, v.status, v.providerStatus])).toEqual([
      ["huggingface:acme-ml/my-endpoint-name", "ready", "running"],
      ["huggingface:acme-ml/second", "ready", "running"],
      ["huggingface:team-b/my-endpoint-name", "stopped", "paused"],
    ]);
    expect(requests.map((r) => [r.method, r.url.href])).toEqual([
      ["GET", `${HF}/v2/endpoint/acme-ml`],
      ["GET", `${HF}/v2/endpoint/team-b`],
    ]);
  });

  it("listDeployments reads the namespaces concurrently, at most `concurrency` at once, and yields them in order", async () => {
    const namespaces = ["ns-1", "ns-2", "ns-3", "ns-4", "ns-5"];
    let inFlight = 0;
    let peak = 0;
    const slow = async (request: Request) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      // The later namespaces answer first: the order of the results must not depend on it.
      const n = Number(new URL(request.url).pathname.split("-").at(-1));
      for (let i = 0; i < 10 - n; i++) await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return json(200, { items: [{ ...endpoint, name: `endpoint-${n}` }] });
    };
    const fake = routedFetch(Object.fromEntries(namespaces.map((ns) => [`GET ${HF}/v2/endpoint/${ns}`, slow])));
    const fleet = adapterHarness(huggingface({ namespaces }), { fetch: fake.fetch }, { HF_TOKEN: KEY }, 3);
    const versions = await fleet.listDeployments();
    expect(versions.map((v) => v.ref)).toEqual(namespaces.map((ns, i) => `huggingface:${ns}/endpoint-${i + 1}`));
    expect(peak).toBe(3);
  });

  it("a namespace that fails is reported alone while another answers; when every one fails, the listing fails", async () => {
    const routes = {
      [`GET ${HF}/v2/endpoint/acme-ml`]: json(200, { items: [endpoint] }),
      [`GET ${HF}/v2/endpoint/typo-ns`]: json(404, { error: "Namespace not found" }),
    };
    const some = fleetWith(routes, {}, { namespaces: ["acme-ml", "typo-ns"] });
    const { versions, failed } = await some.fleet.listDeploymentsReporting();
    expect(versions.map((v) => v.ref)).toEqual(["huggingface:acme-ml/my-endpoint-name"]);
    // A namespace is configuration, not an item a list named: even its 404 is reported, never left out unseen.
    expect(failed.map(([item, error]) => [item, NotFoundError.isInstance(error)])).toEqual([["huggingface:typo-ns", true]]);

    const none = fleetWith(routes, {}, { namespaces: ["typo-ns"] });
    await expect(none.fleet.listDeploymentsReporting()).rejects.toBeInstanceOf(NotFoundError);
  });

  it("the namespaces option wins over the environment; an odd listing answer is an empty namespace", async () => {
    const { fleet, requests } = fleetWith(
      { [`GET ${HF}/v2/endpoint/solo`]: json(200, { items: null }) },
      { HF_NAMESPACE: "ignored" },
      { namespaces: ["solo"] },
    );
    expect(await fleet.listDeployments()).toEqual([]);
    expect(requests.map((r) => r.url.pathname)).toEqual(["/v2/endpoint/solo"]);
  });

  it("listDeployments without a namespace is a ConfigurationError naming HF_NAMESPACE, sending nothing", async () => {
    const { fleet, requests } = fleetWith({});
    const error = await fleet.listDeployments().catch((e: unknown) => e);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option: "namespaces", provider: "huggingface" });
    expect((error as Error).message).toContain("set HF_NAMESPACE");
    expect(requests).toHaveLength(0);
  });

  it.each([
    [{ namespaces: ["a/b"] }, {}, "namespaces must be an array"],
    [{ namespaces: "acme" as never }, {}, "namespaces must be an array"],
    [{ namespaces: [""] }, {}, "namespaces must be an array"],
    [undefined, { HF_NAMESPACE: "acme, a b" }, 'HF_NAMESPACE holds "a b"'],
    [undefined, { HF_NAMESPACE: "org@x" }, 'HF_NAMESPACE holds "org@x"'],
  ])("namespaces %j / environment %j are refused when the client is created: %s", (options, env, message) => {
    const provider = huggingface(options);
    expect(() => provider.createClient({}, { HF_TOKEN: KEY, ...env })).toThrow(message);
  });

  it("listVersions yields the endpoint's one current version (no revision history)", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${ENDPOINT_URL}`]: json(200, { ...endpoint, model: { ...endpoint.model, revision: null } }),
    });
    const versions = await collect(fleet.listVersions("huggingface:acme-ml/my-endpoint-name"));
    expect(versions.map((v) => [v.ref, v.version])).toEqual([["huggingface:acme-ml/my-endpoint-name", "latest"]]);
    expect(requests).toHaveLength(1);
  });

  it("scale reads the endpoint, then PUTs compute.scaling keeping the other compute and scaling fields", async () => {
    const answered = {
      ...endpoint,
      compute: { ...endpoint.compute, scaling: { ...endpoint.compute.scaling, minReplica: 2, maxReplica: 4 } },
      status: { ...endpoint.status, state: "updating" },
    };
    const { fleet, requests } = fleetWith({
      [`GET ${ENDPOINT_URL}`]: json(200, endpoint),
      [`PUT ${ENDPOINT_URL}`]: json(200, answered),
    });
    const result = await fleet.scale("huggingface:acme-ml/my-endpoint-name", { min: 2, max: 4 });
    expect(requests.map((r) => [r.method, r.url.href, r.body])).toEqual([
      ["GET", ENDPOINT_URL, undefined],
      [
        "PUT",
        ENDPOINT_URL,
        {
          compute: {
            accelerator: "gpu",
            instanceType: "nvidia-l4",
            instanceSize: "x1",
            scaling: { minReplica: 2, maxReplica: 4, scaleToZeroTimeout: 30, measure: { hardwareUsage: 80 } },
          },
        },
      ],
    ]);
    expect(result).toMatchObject({ status: "deploying", providerStatus: "updating", scaling: { min: 2, max: 4 }, raw: answered });
  });

  it("scale to a minimum of 0 sends the documented idle timeout when the endpoint has none", async () => {
    const noTimeout = { ...endpoint, compute: { ...endpoint.compute, scaling: { minReplica: 1, maxReplica: 1 } } };
    const { fleet, requests } = fleetWith({
      [`GET ${ENDPOINT_URL}`]: json(200, noTimeout),
      [`PUT ${ENDPOINT_URL}`]: json(200, noTimeout),
    });
    await fleet.scale("huggingface:acme-ml/my-endpoint-name", { min: 0, max: 1 });
    expect(requests[1]?.body).toEqual({
      compute: {
        accelerator: "gpu",
        instanceType: "nvidia-l4",
        instanceSize: "x1",
        scaling: { minReplica: 0, maxReplica: 1, scaleToZeroTimeout: 60 },
      },
    });
  });

  it("a failed update is reported as Hugging Face answered it (400, its message)", async () => {
    const { fleet } = fleetWith({
      [`GET ${ENDPOINT_URL}`]: json(200, endpoint),
      [`PUT ${ENDPOINT_URL}`]: json(400, { error: "maxReplica exceeds your quota" }),
    });
    const error = await fleet.scale("huggingface:acme-ml/my-endpoint-name", { min: 1, max: 50 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400, operationId: "updateEndpoint", providerMessage: "maxReplica exceeds your quota" });
  });

  it.each([
    ["stop", "pause", "paused", "stopped"],
    ["start", "resume", "initializing", "deploying"],
  ] as const)("%s POSTs %s and returns the endpoint it answers with", async (verb, action, state, status) => {
    const { fleet, requests } = fleetWith({
      [`POST ${ENDPOINT_URL}/${action}`]: json(200, { ...endpoint, status: { ...endpoint.status, state } }),
    });
    const version = await fleet[verb]("huggingface:acme-ml/my-endpoint-name");
    expect(requests.map((r) => [r.method, r.url.pathname])).toEqual([["POST", `/v2/endpoint/acme-ml/my-endpoint-name/${action}`]]);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(version).toMatchObject({ ref: "huggingface:acme-ml/my-endpoint-name", status, providerStatus: state });
  });
});
