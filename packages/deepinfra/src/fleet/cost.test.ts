import { InvalidPriceError, PriceNotFoundError } from "@modelfleet/runtime";
import { json } from "@modelfleet/test-utils";
import { adapterHarness, costContext, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { deepinfra } from "../fleet.js";
import { normalizeDeepInfraDeployment } from "./normalize.js";

const DEEPINFRA = "https://api.deepinfra.com";
const KEY = "deepinfra-key-SECRET";

const deployment = (id: string, gpu: unknown, numGpus: unknown) =>
  normalizeDeepInfraDeployment({
    deploy_id: id,
    model_name: "acme/llama-ft",
    version: "b1c9e2",
    task: "text-generation",
    status: "running",
    fail_reason: "",
    created_at: "2026-03-01T10:00:00+00:00",
    updated_at: "2026-03-02T11:30:00+00:00",
    type: "llm",
    instances: { running: 2, pending: 0 },
    config: { gpu, num_gpus: numGpus, max_batch_size: 96 } as never,
    settings: { min_instances: 1, max_instances: 3 },
  });

const catalogue = {
  gpus: [
    { gpu_config: "A100-80GB", usd_per_hour: 1.5, available: true, recommended: true },
    { gpu_config: "H100-80GB", usd_per_hour: 2.4, available: false, recommended: false },
    { gpu_config: "L4-24GB", usd_per_hour: "oops", available: true },
    { gpu_config: "B200-180GB", usd_per_hour: -3, available: true },
  ],
};

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(deepinfra(), { fetch: fake.fetch, maxRetries: 0 }, { DEEPINFRA_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("deepinfra price", () => {
  it("is usd_per_hour × num_gpus, from one catalogue request for every deployment of a cost call", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${DEEPINFRA}/deploy/llm/gpu_availability`]: json(200, catalogue) });
    const context = costContext();
    const prices = await Promise.all([
      fleet.price(deployment("d-1", "A100-80GB", 2), context),
      fleet.price(deployment("d-2", "H100-80GB", 1), context),
      fleet.price(deployment("d-3", "A100-80GB", 8), context),
    ]);
    expect(prices).toEqual([
      { hardware: "2x A100-80GB", perReplicaHour: 3_000_000, listed: { value: 1.5, unit: "usd/hour" } },
      { hardware: "H100-80GB", perReplicaHour: 2_400_000, listed: { value: 2.4, unit: "usd/hour" } },
      { hardware: "8x A100-80GB", perReplicaHour: 12_000_000, listed: { value: 1.5, unit: "usd/hour" } },
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${DEEPINFRA}/deploy/llm/gpu_availability`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
    expect(context.loads).toEqual(["gpu_availability"]);
  });

  it("a GPU the catalogue lacks, or none, is PriceNotFoundError; a bad catalogue value is InvalidPriceError, never zero", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${DEEPINFRA}/deploy/llm/gpu_availability`]: json(200, catalogue) });
    const context = costContext();
    await expect(fleet.price(deployment("d-1", "RTXPRO6000-96GB", 1), context)).rejects.toThrow(PriceNotFoundError);
    await expect(fleet.price(deployment("d-1", "RTXPRO6000-96GB", 1), context)).rejects.toMatchObject({
      provider: "deepinfra",
      hardware: "RTXPRO6000-96GB",
    });
    await expect(fleet.price(deployment("d-2", null, 1), context)).rejects.toMatchObject({ name: "PriceNotFoundError", hardware: null });
    await expect(fleet.price(deployment("d-3", "A100-80GB", "two"), context)).rejects.toThrow(/num_gpus \(two\) is not a GPU count/);
    await expect(fleet.price(deployment("d-4", "L4-24GB", 1), context)).rejects.toThrow(InvalidPriceError);
    await expect(fleet.price(deployment("d-5", "B200-180GB", 1), context)).rejects.toThrow(/usd_per_hour of B200-180GB: -3 is negative/);
    expect(requests).toHaveLength(1);
  });

  it("a catalogue that is not an object prices nothing; a failed catalogue request fails every deployment once", async () => {
    const hostile = fleetWith({ [`GET ${DEEPINFRA}/deploy/llm/gpu_availability`]: json(200, { gpus: "none" }) });
    await expect(hostile.fleet.price(deployment("d-1", "A100-80GB", 1))).rejects.toThrow(PriceNotFoundError);
    const down = fleetWith({ [`GET ${DEEPINFRA}/deploy/llm/gpu_availability`]: json(503, { error: "down" }) });
    const context = costContext();
    const results = await Promise.allSettled([
      down.fleet.price(deployment("d-1", "A100-80GB", 1), context),
      down.fleet.price(deployment("d-2", "A100-80GB", 1), context),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(down.requests).toHaveLength(1);
  });
});

describe("deepinfra usage", () => {
  const window = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-08T00:00:00.500Z") };

  it("reads /deploy/{id}/stats with the window in unix seconds: cents spent and requests", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${DEEPINFRA}/deploy/d-1/stats`]: json(200, {
        requests: 1824,
        total_time: 2710,
        total_tokens: 912000,
        input_tokens: 640000,
        output_tokens: 272000,
        total_amount: 4032,
        avg_time: 1485.7,
        avg95_time: 3920.1,
        errors: 3,
      }),
    });
    await expect(fleet.usage(deployment("d-1", "A100-80GB", 2), window)).resolves.toEqual({ spend: 40_320_000, requests: 1824 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("GET");
    expect(Object.fromEntries(requests[0]?.url.searchParams ?? [])).toEqual({ from: "1767225600", to: "1767830401" });
  });

  it("an amount that is not integer cents is InvalidPriceError; requests it cannot read are left out, not zero", async () => {
    const bad = fleetWith({ [`GET ${DEEPINFRA}/deploy/d-1/stats`]: json(200, { requests: 5, total_amount: "12abc" }) });
    await expect(bad.fleet.usage(deployment("d-1", "A100-80GB", 1), window)).rejects.toMatchObject({
      name: "InvalidPriceError",
      field: "total_amount",
    });
    const odd = fleetWith({ [`GET ${DEEPINFRA}/deploy/d-1/stats`]: json(200, { requests: -1, total_amount: 0 }) });
    await expect(odd.fleet.usage(deployment("d-1", "A100-80GB", 1), window)).resolves.toEqual({ spend: 0 });
  });

  it("a deleted deployment's 410 passes through as an ApiError", async () => {
    const { fleet } = fleetWith({ [`GET ${DEEPINFRA}/deploy/d-1/stats`]: json(410, { error: "Deployment deleted" }) });
    await expect(fleet.usage(deployment("d-1", "A100-80GB", 1), window)).rejects.toMatchObject({ name: "ApiError", status: 410 });
  });
});
