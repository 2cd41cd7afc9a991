import { PriceNotFoundError, UsageWindowError } from "@modelfleet/runtime";
import { json } from "@modelfleet/test-utils";
import { adapterHarness, costContext, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { baseten } from "../fleet.js";
import { normalizeBasetenDeployment } from "./normalize.js";

const BASETEN = "https://api.baseten.co";
const KEY = "baseten-key-SECRET";
const PRICES = `GET ${BASETEN}/v1/instance_type_prices`;
const USAGE = `GET ${BASETEN}/v1/billing/usage_summary`;

const deployment = (id: string, instanceTypeName: string | null) =>
  normalizeBasetenDeployment({
    id,
    model_id: "yqv4yjw",
    created_at: "2026-03-01T09:12:45.218Z",
    name: id,
    is_production: true,
    is_development: false,
    status: "ACTIVE",
    active_replica_count: 2,
    autoscaling_settings: null,
    instance_type_name: instanceTypeName,
    environment: "production",
  } as never);

const instanceType = (id: string, name: string, gpu: string | null) => ({
  id,
  name,
  memory_limit_mib: 16384,
  millicpu_limit: 4000,
  gpu_count: gpu ? 1 : 0,
  gpu_type: gpu,
  gpu_memory_limit_mib: gpu ? 24576 : null,
});

const catalogue = {
  instance_types: [
    { instance_type: instanceType("A10G", "1x A10G (24 GiB VRAM), 4 vCPU, 16 GiB RAM", "A10G"), price: 0.02012 },
    { instance_type: instanceType("A100", "1x A100 (80 GiB VRAM), 12 vCPU, 144 GiB RAM", "A100"), price: 0.0335 },
    { instance_type: instanceType("1x4", "1 vCPU, 4 GiB RAM", null), price: 0.00058 },
    { instance_type: instanceType("H100", "1x H100", "H100"), price: "0.1" },
    { instance_type: instanceType("B200", "1x B200", "B200"), price: 99999 },
  ],
};

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(baseten(), { fetch: fake.fetch, maxRetries: 0 }, { BASETEN_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("baseten price", () => {
  it("is the instance type's USD per minute × 60, matched by name or id, one catalogue request per cost call", async () => {
    const { fleet, requests } = fleetWith({ [PRICES]: json(200, catalogue) });
    const context = costContext();
    const prices = await Promise.all([
      fleet.price(deployment("d1", "1x A10G (24 GiB VRAM), 4 vCPU, 16 GiB RAM"), context),
      fleet.price(deployment("d2", "A100"), context),
      fleet.price(deployment("d3", "1 vCPU, 4 GiB RAM"), context),
      fleet.price(deployment("d4", "H100"), context),
    ]);
    expect(prices).toEqual([
      {
        hardware: "1x A10G (24 GiB VRAM), 4 vCPU, 16 GiB RAM",
        perReplicaHour: 1_207_200,
        listed: { value: 0.02012, unit: "usd/minute" },
      },
      // 0.0335 × 60 is 2.0100000000000002 in floating point; exactly 2.01 here.
      { hardware: "A100", perReplicaHour: 2_010_000, listed: { value: 0.0335, unit: "usd/minute" } },
      { hardware: "1 vCPU, 4 GiB RAM", perReplicaHour: 34_800, listed: { value: 0.00058, unit: "usd/minute" } },
      { hardware: "H100", perReplicaHour: 6_000_000, listed: { value: "0.1", unit: "usd/minute" } },
    ]);
    expect(requests.map((r) => `${r.method} ${r.url.href}`)).toEqual([`GET ${BASETEN}/v1/instance_type_prices`]);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${KEY}`);
  });

  it("missing hardware is PriceNotFoundError; an absurd price is InvalidPriceError", async () => {
    const { fleet, requests } = fleetWith({ [PRICES]: json(200, catalogue) });
    const context = costContext();
    await expect(fleet.price(deployment("d1", null), context)).rejects.toThrow(PriceNotFoundError);
    expect(requests).toHaveLength(0);
    await expect(fleet.price(deployment("d1", "T4"), context)).rejects.toMatchObject({ name: "PriceNotFoundError", hardware: "T4" });
    await expect(fleet.price(deployment("d1", "B200"), context)).rejects.toMatchObject({
      name: "InvalidPriceError",
      provider: "baseten",
      message: expect.stringContaining("more than 1000000 USD per hour"),
    });
  });

  it("names scale_down_delay as its native idle setting", () => {
    expect(baseten().idleTimeout).toMatch(/scale_down_delay/);
  });
});

describe("baseten usage", () => {
  const summary = {
    dedicated_usage: {
      subtotal: "112.48",
      credits_used: "0",
      total: "112.48",
      minutes: 6400,
      breakdown: [
        {
          billable_resource: { id: "d1", kind: "MODEL_DEPLOYMENT", is_deleted: false },
          subtotal: "96.41",
          compute_cost: 96.41,
          surcharge_cost: "0.00",
          minutes: 5600,
          inference_requests: 48211,
        },
        {
          billable_resource: { id: "d2", kind: "MODEL_DEPLOYMENT", is_deleted: false },
          subtotal: 16.07,
          compute_cost: 16.07,
          surcharge_cost: 0,
          minutes: 800,
          inference_requests: 0,
        },
        {
          billable_resource: { id: "d3", kind: "CHAINLET", is_deleted: false },
          subtotal: 5,
          compute_cost: 5,
          surcharge_cost: 0,
          minutes: 1,
          inference_requests: 1,
        },
      ],
    },
    training_usage: null,
    model_apis_usage: null,
  };
  const window = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-08T00:00:00Z") };

  it("reads subtotal (dollars, string or number) and inference_requests per deployment from one summary per window", async () => {
    const { fleet, requests } = fleetWith({ [USAGE]: json(200, summary) });
    const context = costContext();
    const usages = await Promise.all(["d1", "d2", "d3"].map((id) => fleet.usage(deployment(id, "A10G"), window, context)));
    expect(usages).toEqual([{ spend: 96_410_000, requests: 48211 }, { spend: 16_070_000, requests: 0 }, {}]);
    expect(requests).toHaveLength(1);
    expect(Object.fromEntries(requests[0]?.url.searchParams ?? [])).toEqual({
      start_date: "2026-03-01T00:00:00.000Z",
      end_date: "2026-03-08T00:00:00.000Z",
    });
  });

  it("refuses a window over 31 days or before 2026-01-01 before any request", async () => {
    const { fleet, requests } = fleetWith({ [USAGE]: json(200, summary) });
    const long = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:01Z") };
    await expect(fleet.usage(deployment("d1", "A10G"), long)).rejects.toThrow(UsageWindowError);
    await expect(fleet.usage(deployment("d1", "A10G"), long)).rejects.toThrow(/31 days at most/);
    const early = { from: new Date("2025-12-31T23:00:00Z"), to: new Date("2026-01-01T01:00:00Z") };
    await expect(fleet.usage(deployment("d1", "A10G"), early)).rejects.toMatchObject({ name: "UsageWindowError", provider: "baseten" });
    expect(requests).toHaveLength(0);
    const exactly31 = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-04-01T00:00:00Z") };
    await expect(fleet.usage(deployment("d1", "A10G"), exactly31)).resolves.toEqual({ spend: 96_410_000, requests: 48211 });
  });

  it("a hostile subtotal is InvalidPriceError; a summary without dedicated usage reports nothing", async () => {
    const bad = structuredClone(summary);
    (bad.dedicated_usage.breakdown[0] as { subtotal: unknown }).subtotal = "-96.41";
    const hostile = fleetWith({ [USAGE]: json(200, bad) });
    await expect(hostile.fleet.usage(deployment("d1", "A10G"), window)).rejects.toMatchObject({ name: "InvalidPriceError" });
    const empty = fleetWith({ [USAGE]: json(200, { dedicated_usage: null }) });
    await expect(empty.fleet.usage(deployment("d1", "A10G"), window)).resolves.toEqual({});
  });
});
