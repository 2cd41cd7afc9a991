import { json } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import { ENV_KEYS, fakeProviders, HUGGINGFACE, REPLICATE } from "./all.fake-providers.test-helper.js";
import { ConfigurationError, createFleet, InvalidArgumentError } from "./all.js";
import { PartialFailureError } from "./errors.js";

// Replicate and Hugging Face through `modelfleet/all`, as an application sees them; their adapters' own tests
// are in their packages (`src/fleet/`).
const KEYS = { REPLICATE_API_TOKEN: "r8_replicate-SECRET-5", HF_TOKEN: "hf_huggingface-SECRET-6" };

const deployment = {
  owner: "acme",
  name: "image-gen",
  current_release: {
    number: 3,
    model: "stability-ai/sdxl",
    version: "da77bc59ee60",
    created_at: "2024-02-15T16:32:57.018467Z",
    configuration: { hardware: "gpu-t4", min_instances: 1, max_instances: 5 },
  },
};
const endpoint = {
  name: "my-endpoint-name",
  compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", scaling: { minReplica: 1, maxReplica: 2 } },
  provider: { vendor: "aws", region: "us-east-1" },
  model: { repository: "gpt2", revision: null },
  status: { state: "scaledToZero", readyReplica: 0, createdAt: "2023-10-26T12:41:53.263Z", updatedAt: "2023-10-26T12:41:53.263Z" },
};

describe("Replicate and Hugging Face in modelfleet/all", () => {
  it("are picked up from REPLICATE_API_TOKEN and HF_TOKEN, listed with the others, each request with its own key", async () => {
    const fake = fakeProviders({
      [`GET ${REPLICATE}/deployments`]: json(200, { next: null, previous: null, results: [deployment] }),
      [`GET ${HUGGINGFACE}/v2/endpoint/acme-ml`]: json(200, { items: [endpoint] }),
    });
    const fleet = createFleet({ env: { ...KEYS, HF_NAMESPACE: "acme-ml" }, fetch: fake.fetch });
    expect(
      fleet
        .providers()
        .filter((p) => p.configured)
        .map((p) => [p.id, p.name, p.envVar]),
    ).toEqual([
      ["replicate", "Replicate", "REPLICATE_API_TOKEN"],
      ["huggingface", "Hugging Face", "HF_TOKEN"],
    ]);
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(failures).toEqual([]);
    // The providers answer concurrently: sorted, the order is stable.
    expect(versions.map((v) => [v.ref, v.version, v.status, v.scaling]).sort()).toEqual([
      ["huggingface:acme-ml/my-endpoint-name", "latest", "ready", { min: 1, max: 2 }],
      ["replicate:acme/image-gen", "da77bc59ee60", "unknown", { min: 1, max: 5 }],
    ]);
    expect(fake.requests.map((r) => [r.url.host, r.headers.get("authorization")]).sort()).toEqual([
      ["api.endpoints.huggingface.cloud", `Bearer ${KEYS.HF_TOKEN}`],
      ["api.replicate.com", `Bearer ${KEYS.REPLICATE_API_TOKEN}`],
    ]);
  });

  it("the huggingface entry's namespaces win over HF_NAMESPACE; a bad one fails at createFleet", async () => {
    const fake = fakeProviders({ [`GET ${HUGGINGFACE}/v2/endpoint/team-b`]: json(200, { items: [endpoint] }) });
    const fleet = createFleet({
      env: { HF_NAMESPACE: "acme-ml" },
      fetch: fake.fetch,
      huggingface: { apiKey: KEYS.HF_TOKEN, namespaces: ["team-b"] },
    });
    const { versions } = await fleet.listDeployments({ providers: ["huggingface"] }).settled();
    expect(versions.map((v) => v.ref)).toEqual(["huggingface:team-b/my-endpoint-name"]);
    const error = (() => {
      try {
        createFleet({ env: {}, huggingface: { apiKey: KEYS.HF_TOKEN, namespaces: ["a/b"] } });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option: "namespaces", provider: "huggingface" });
  });

  it("Hugging Face without a namespace fails the listing for itself alone, naming HF_NAMESPACE", async () => {
    const fake = fakeProviders({
      [`GET ${REPLICATE}/deployments`]: json(200, { next: null, results: [deployment] }),
    });
    const fleet = createFleet({ env: KEYS, fetch: fake.fetch });
    const refs: string[] = [];
    const error = await (async () => {
      for await (const v of fleet.listDeployments()) refs.push(v.ref);
    })().catch((e: unknown) => e);
    expect(refs).toEqual(["replicate:acme/image-gen"]);
    expect(PartialFailureError.isInstance(error)).toBe(true);
    const failure = (error as PartialFailureError).failures[0];
    expect(failure?.provider).toBe("huggingface");
    expect(ConfigurationError.isInstance(failure?.error)).toBe(true);
    expect((error as Error).message).toContain("HF_NAMESPACE");
    expect(fake.requests.map((r) => r.url.host)).toEqual(["api.replicate.com"]);
  });

  it("scale goes to each platform's own update, and Replicate's limits and model versions are refused first", async () => {
    const fake = fakeProviders({
      [`PATCH ${REPLICATE}/deployments/acme/image-gen`]: json(200, deployment),
      [`GET ${HUGGINGFACE}/v2/endpoint/acme-ml/my-endpoint-name`]: json(200, endpoint),
      [`PUT ${HUGGINGFACE}/v2/endpoint/acme-ml/my-endpoint-name`]: json(200, endpoint),
    });
    const fleet = createFleet({ env: KEYS, fetch: fake.fetch });
    await fleet.scale("replicate:acme/image-gen", { min: 1, max: 5 });
    await fleet.scale("huggingface:acme-ml/my-endpoint-name", { min: 1, max: 3 });
    expect(fake.requests.map((r) => [r.method, r.url.pathname, r.body])).toEqual([
      ["PATCH", "/v1/deployments/acme/image-gen", { min_instances: 1, max_instances: 5 }],
      ["GET", "/v2/endpoint/acme-ml/my-endpoint-name", undefined],
      [
        "PUT",
        "/v2/endpoint/acme-ml/my-endpoint-name",
        { compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", scaling: { minReplica: 1, maxReplica: 3 } } },
      ],
    ]);
    for (const [ref, bounds] of [
      ["replicate:acme/image-gen", { min: 0, max: 21 }],
      ["replicate:acme/model@v1", { min: 0, max: 1 }],
      ["huggingface:acme-ml/my-endpoint-name", { min: 3, max: 2 }],
    ] as const) {
      await expect(fleet.scale(ref, bounds)).rejects.toSatisfy(InvalidArgumentError.isInstance);
    }
    expect(fake.requests).toHaveLength(3);
  });

  it("the other providers' keys are not needed, and none of these keys reaches another origin", async () => {
    const fake = fakeProviders({ [`GET ${REPLICATE}/models/acme/m/versions/v1`]: json(200, { id: "v1" }) });
    const fleet = createFleet({ env: { ...ENV_KEYS, ...KEYS }, fetch: fake.fetch });
    await expect(fleet.getVersion("replicate:acme/m@v1")).resolves.toMatchObject({ ref: "replicate:acme/m@v1", model: "acme/m" });
    expect(fake.requests.map((r) => r.url.host)).toEqual(["api.replicate.com"]);
  });
});
