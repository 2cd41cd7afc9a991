import { InvalidPriceError, PriceNotFoundError } from "@modelfleet/runtime";
import { json } from "@modelfleet/test-utils";
import { adapterHarness, costContext, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { huggingface } from "../fleet.js";
import { normalizeHuggingFaceEndpoint } from "./normalize.js";

const HF = "https://api.endpoints.huggingface.cloud";
const KEY = "hf_huggingface-key-SECRET";

const endpoint = (namespace: string, name: string, vendor: string, region: string, instanceType: string, instanceSize: string) =>
  normalizeHuggingFaceEndpoint(
    {
      name,
      type: "protected",
      provider: { vendor, region },
      compute: { accelerator: "gpu", instanceType, instanceSize, scaling: { minReplica: 1, maxReplica: 2 } },
      model: { repository: "acme/llama", revision: "abc123", task: "text-generation", framework: "pytorch", image: { huggingface: {} } },
      status: { state: "running", readyReplica: 2, targetReplica: 2 },
    } as never,
    namespace,
  );

const compute = (instanceType: string, instanceSize: string, pricePerHour: unknown) => ({
  id: `aws-us-east-1-${instanceType}-${instanceSize}`,
  accelerator: "gpu",
  numAccelerators: 1,
  memoryGb: 30,
  instanceType,
  instanceSize,
  architecture: "L4",
  status: "available",
  pricePerHour,
});

const catalogue = {
  vendors: [
    {
      name: "aws",
      status: "available",
      regions: [
        {
          name: "us-east-1",
          label: "N. Virginia",
          status: "available",
          computes: [compute("nvidia-l4", "x1", 0.8), compute("nvidia-a100", "x2", 8.0), compute("nvidia-t4", "x1", "free")],
        },
        { name: "eu-west-1", label: "Ireland", status: "available", computes: [compute("nvidia-l4", "x1", 0.95)] },
      ],
    },
  ],
};

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(huggingface(), { fetch: fake.fetch, maxRetries: 0 }, { HF_TOKEN: KEY });
  return { fleet, requests: fake.requests };
}

describe("huggingface price", () => {
  it("is pricePerHour of the endpoint's vendor, region, instance type and size, one catalogue request per namespace and call", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${HF}/v2/provider/acme-ml`]: json(200, catalogue),
      [`GET ${HF}/v2/provider/other-org`]: json(200, catalogue),
    });
    const context = costContext();
    const prices = await Promise.all([
      fleet.price(endpoint("acme-ml", "e1", "aws", "us-east-1", "nvidia-l4", "x1"), context),
      fleet.price(endpoint("acme-ml", "e2", "aws", "eu-west-1", "nvidia-l4", "x1"), context),
      fleet.price(endpoint("acme-ml", "e3", "aws", "us-east-1", "nvidia-a100", "x2"), context),
      fleet.price(endpoint("other-org", "e4", "aws", "us-east-1", "nvidia-l4", "x1"), context),
    ]);
    expect(prices).toEqual([
      { hardware: "nvidia-l4 x1 (aws/us-east-1)", perReplicaHour: 800_000, listed: { value: 0.8, unit: "usd/hour" } },
      { hardware: "nvidia-l4 x1 (aws/eu-west-1)", perReplicaHour: 950_000, listed: { value: 0.95, unit: "usd/hour" } },
      { hardware: "nvidia-a100 x2 (aws/us-east-1)", perReplicaHour: 8_000_000, listed: { value: 8, unit: "usd/hour" } },
      { hardware: "nvidia-l4 x1 (aws/us-east-1)", perReplicaHour: 800_000, listed: { value: 0.8, unit: "usd/hour" } },
    ]);
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([`GET ${HF}/v2/provider/acme-ml`, `GET ${HF}/v2/provider/other-org`]);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(context.loads).toEqual(["provider acme-ml", "provider other-org"]);
  });

  it("hardware missing from the catalogue is PriceNotFoundError; a price that is not a number is InvalidPriceError", async () => {
    const { fleet } = fleetWith({ [`GET ${HF}/v2/provider/acme-ml`]: json(200, catalogue) });
    const context = costContext();
    await expect(fleet.price(endpoint("acme-ml", "e1", "gcp", "us-east4", "nvidia-l4", "x1"), context)).rejects.toMatchObject({
      name: "PriceNotFoundError",
      hardware: "nvidia-l4 x1 (gcp/us-east4)",
    });
    await expect(fleet.price(endpoint("acme-ml", "e1", "aws", "us-east-1", "nvidia-l4", "x4"), context)).rejects.toThrow(
      PriceNotFoundError,
    );
    await expect(fleet.price(endpoint("acme-ml", "e1", "aws", "us-east-1", "nvidia-t4", "x1"), context)).rejects.toThrow(InvalidPriceError);
  });

  it("has no usage, and names scaleToZeroTimeout as its idle setting", () => {
    expect(huggingface().unsupported?.usage).toMatch(/no billing or usage/);
    expect(huggingface().idleTimeout).toMatch(/scaleToZeroTimeout/);
  });
});
