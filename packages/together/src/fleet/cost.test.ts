import { InvalidPriceError, PriceNotFoundError } from "@modelfleet/runtime";
import { json } from "@modelfleet/test-utils";
import { adapterHarness, costContext, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { together } from "../fleet.js";
import { normalizeTogetherEndpoint } from "./normalize.js";

const TOGETHER = "https://api.together.ai/v1";
const KEY = "together-key-SECRET";

const endpoint = (id: string, hardware: string | null) =>
  normalizeTogetherEndpoint({
    object: "endpoint",
    id,
    name: `acme/${id}`,
    model: "meta-llama/Llama-3-8b-chat-hf",
    type: "dedicated",
    owner: "acme",
    state: "STARTED",
    autoscaling: { min_replicas: 1, max_replicas: 3 },
    hardware,
    created_at: "2026-02-01T10:00:00.000Z",
  } as never);

const hardware = (id: string, centsPerMinute: unknown) => ({
  object: "hardware",
  id,
  pricing: { cents_per_minute: centsPerMinute },
  specs: { gpu_type: "a100-80gb", gpu_link: "sxm", gpu_memory: 80, gpu_count: 1 },
  updated_at: "2026-02-04T10:00:00.000Z",
});

const catalogue = {
  object: "list",
  data: [
    hardware("1x_nvidia_a100_80gb_sxm", 5.42),
    hardware("2x_nvidia_h100_80gb_sxm", 19.98),
    hardware("8x_nvidia_h200_140gb_sxm", "oops"),
    hardware("4x_nvidia_l40s_48gb_pcie", null),
  ],
};

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(together(), { fetch: fake.fetch, maxRetries: 0 }, { TOGETHER_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("together price", () => {
  it("is cents_per_minute × 60 / 100 of the endpoint's hardware, from one unfiltered /hardware request per cost call", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${TOGETHER}/hardware`]: json(200, catalogue) });
    const context = costContext();
    const prices = await Promise.all([
      fleet.price(endpoint("e-1", "1x_nvidia_a100_80gb_sxm"), context),
      fleet.price(endpoint("e-2", "2x_nvidia_h100_80gb_sxm"), context),
      fleet.price(endpoint("e-3", "1x_nvidia_a100_80gb_sxm"), context),
    ]);
    expect(prices).toEqual([
      { hardware: "1x_nvidia_a100_80gb_sxm", perReplicaHour: 3_252_000, listed: { value: 5.42, unit: "cents/minute" } },
      { hardware: "2x_nvidia_h100_80gb_sxm", perReplicaHour: 11_988_000, listed: { value: 19.98, unit: "cents/minute" } },
      { hardware: "1x_nvidia_a100_80gb_sxm", perReplicaHour: 3_252_000, listed: { value: 5.42, unit: "cents/minute" } },
    ]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${TOGETHER}/hardware`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("unknown or missing hardware is PriceNotFoundError; a price that is not a number is InvalidPriceError", async () => {
    const { fleet } = fleetWith({ [`GET ${TOGETHER}/hardware`]: json(200, catalogue) });
    const context = costContext();
    await expect(fleet.price(endpoint("e-1", "1x_nvidia_b200_sxm"), context)).rejects.toMatchObject({
      name: "PriceNotFoundError",
      hardware: "1x_nvidia_b200_sxm",
    });
    await expect(fleet.price(endpoint("e-1", null), context)).rejects.toThrow(PriceNotFoundError);
    await expect(fleet.price(endpoint("e-1", "8x_nvidia_h200_140gb_sxm"), context)).rejects.toThrow(InvalidPriceError);
    await expect(fleet.price(endpoint("e-1", "4x_nvidia_l40s_48gb_pcie"), context)).rejects.toThrow(
      /together pricing.cents_per_minute of 4x_nvidia_l40s_48gb_pcie: null is not a number or a decimal string/,
    );
  });

  it("has no usage, and names inactive_timeout as its idle setting", () => {
    expect(together().capabilities).toMatchObject({ price: true });
    expect(together().capabilities.usage).toBeUndefined();
    expect(together().unsupported?.usage).toMatch(/no usage/);
    expect(together().idleTimeout).toMatch(/inactive_timeout/);
  });
});
