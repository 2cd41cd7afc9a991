import { ConfigurationError, InvalidArgumentError, UsageWindowError } from "@modelfleet/runtime";
import { describe, expect, it } from "vitest";
import { createFleet } from "../fleet.js";
import { type CostClient, type FakeDeployment, meter, plain } from "./cost-providers.test-helper.js";

const ENV = { METER_API_KEY: "meter-key-SECRET", PLAIN_API_KEY: "plain-key-SECRET" };
const NOW = Date.parse("2026-03-10T12:00:00Z");

const dep = (name: string, hardware: string | null, running: number | null, more: Partial<FakeDeployment> = {}): FakeDeployment => ({
  name,
  hardware,
  up: true,
  running,
  min: 1,
  max: 4,
  ...more,
});

/** A fleet of both made-up providers, seeded with the deployments every test starts from. */
function setup(env: Record<string, string | undefined> = ENV) {
  const clients: CostClient[] = [];
  const fleet = createFleet({ providers: [meter(clients), plain(clients)], env, now: () => NOW, concurrency: 3 });
  const meterClient = env.METER_API_KEY ? (fleet.client("meter") as CostClient) : undefined;
  if (meterClient) {
    meterClient.deployments = [
      dep("a", "gpu-a", 2),
      dep("b", "gpu-b", null, { min: 1, max: 3 }),
      dep("c", "gpu-a", 2, { up: false }),
      dep("d", "gpu-x", 1),
      dep("e", "gpu-a", 1),
    ];
    meterClient.catalogue = { "gpu-a": "1.10", "gpu-b": "0.35" };
    meterClient.usage = { a: { cents: 2640, requests: 12 }, b: { requests: 0 }, d: { requests: 3 }, e: { requests: 0 } };
  }
  const plainClient = env.PLAIN_API_KEY ? (fleet.client("plain") as CostClient) : undefined;
  if (plainClient) plainClient.deployments = [dep("f", "t4", 1), dep("g", "cpu", null, { min: 0, max: 2 })];
  return { fleet, meterClient: meterClient as CostClient, plainClient: plainClient as CostClient };
}

const byRef = (report: { deployments: { ref: string }[] }) => Object.fromEntries(report.deployments.map((d) => [d.ref, d]));

describe("fleet.cost", () => {
  it("prices each deployment from its catalogue (loaded once) × running replicas, with spend, requests and idle where reported", async () => {
    const { fleet, meterClient } = setup();
    const report = await fleet.cost({ window: "24h", providers: ["meter"] });
    expect(report.window).toEqual({ from: new Date("2026-03-09T12:00:00Z"), to: new Date("2026-03-10T12:00:00Z") });
    // One listing, one catalogue, one usage report for five deployments.
    expect(meterClient.calls).toEqual(["list", "catalogue", "usage"]);
    const d = byRef(report);
    expect(d["meter:a"]).toEqual({
      ref: "meter:a",
      provider: "meter",
      status: "ready",
      hardware: "gpu-a",
      replicas: 2,
      scaling: { min: 1, max: 4 },
      unitPrice: { value: 1_100_000, source: "api" },
      ratePerHour: { value: 2_200_000, source: "api" },
      spend: { value: 26_400_000, source: "api" },
      requests: { value: 12, source: "api" },
      idle: { value: false, source: "derived" },
    });
    // No running count: the rate is the range of the replica bounds; no request with at least one replica: idle.
    expect(d["meter:b"]).toMatchObject({
      replicas: { min: 1, max: 3 },
      ratePerHour: { value: { min: 350_000, max: 1_050_000 }, source: "api" },
      spend: { source: "unknown", reason: "METER reports no spend for this deployment" },
      requests: { value: 0, source: "api" },
      idle: { value: true, source: "derived" },
    });
    // Stopped: nothing runs, so nothing is paid per hour, whatever the price; no usage reported.
    expect(d["meter:c"]).toMatchObject({
      status: "stopped",
      replicas: 0,
      unitPrice: { value: 1_100_000, source: "api" },
      ratePerHour: { value: 0, source: "derived" },
      requests: { source: "unknown", reason: "METER reports no request count for this deployment" },
      idle: { source: "unknown", reason: "requests are unknown (METER reports no request count for this deployment)" },
    });
    // Hardware the catalogue lacks: unknown with the reason, never zero.
    expect(d["meter:d"]).toMatchObject({
      unitPrice: { source: "unknown", reason: "no price: Meter's catalogue has no price for gpu-x" },
      ratePerHour: { source: "unknown", reason: "no price: Meter's catalogue has no price for gpu-x" },
      requests: { value: 3, source: "api" },
      idle: { value: false, source: "derived" },
    });
    expect(d["meter:e"]).toMatchObject({ ratePerHour: { value: 1_100_000, source: "api" }, idle: { value: true, source: "derived" } });
    // A missing price is about one deployment: not a failure of the provider.
    expect(report.failures).toEqual([]);
    expect(report.providers).toEqual([
      {
        provider: "meter",
        idleTimeout: "Meter's `idle_minutes` stops a deployment after inactivity",
        deployments: 5,
        ratePerHour: { value: { min: 3_650_000, max: 4_350_000 }, counted: 4, unknown: 1 },
        spend: { value: 26_400_000, counted: 1, unknown: 4 },
        requests: { value: 15, counted: 4, unknown: 1 },
        idle: { value: 2, counted: 4, unknown: 1 },
      },
    ]);
    const { provider: _, idleTimeout: __, ...fleetTotal } = report.providers[0] as (typeof report.providers)[0];
    expect(report.total).toEqual(fleetTotal);
  });

  it("prices a provider without a price API from the price table, and says what it cannot price and why", async () => {
    const { fleet, plainClient } = setup();
    const report = await fleet.cost({ window: "7d", prices: { plain: { t4: "0.50" } } });
    expect(plainClient.calls).toEqual(["list"]);
    const d = byRef(report);
    expect(d["plain:f"]).toMatchObject({
      hardware: "t4",
      unitPrice: { value: 500_000, source: "price-table" },
      ratePerHour: { value: 500_000, source: "price-table" },
      spend: { source: "unknown", reason: "its API reports no usage" },
      idle: { source: "unknown" },
    });
    expect(d["plain:g"]).toMatchObject({
      replicas: { min: 0, max: 2 },
      unitPrice: { source: "unknown", reason: "its API has no prices; this one runs on cpu" },
      ratePerHour: { source: "unknown" },
    });
    expect(report.providers.map((p) => [p.provider, p.ratePerHour])).toEqual([
      ["meter", { value: { min: 3_650_000, max: 4_350_000 }, counted: 4, unknown: 1 }],
      ["plain", { value: 500_000, counted: 1, unknown: 1 }],
    ]);
    expect(report.total.ratePerHour).toEqual({ value: { min: 4_150_000, max: 4_850_000 }, counted: 5, unknown: 2 });
    expect(report.total.deployments).toBe(7);
    expect(report.unusedPrices).toEqual([]);
  });

  it("lets a table entry override the API's price, keeping what the API said", async () => {
    const { fleet } = setup();
    const report = await fleet.cost({ window: "24h", providers: ["meter"], prices: { meter: { "gpu-a": 1 } } });
    expect(byRef(report)["meter:a"]).toMatchObject({
      unitPrice: { value: 1_000_000, source: "price-table", overrides: 1_100_000 },
      ratePerHour: { value: 2_000_000, source: "price-table" },
      spend: { value: 26_400_000, source: "api" },
    });
  });

  it("reports table entries no deployment runs on (a misspelt SKU), only for providers that answered", async () => {
    const { fleet } = setup();
    const report = await fleet.cost({
      window: "24h",
      providers: ["plain"],
      prices: { plain: { t4: "0.5", "a100-typo": "2" }, meter: { zz: "1" } },
    });
    expect(report.unusedPrices).toEqual([{ provider: "plain", sku: "a100-typo" }]);
  });

  it("reports a catalogue that fails once for the provider, each price unknown with the reason, the rest still there", async () => {
    const { fleet, meterClient } = setup();
    meterClient.catalogueFailure = new Error("catalogue down (HTTP 503)");
    const report = await fleet.cost({ window: "24h", providers: ["meter"] });
    expect(meterClient.calls.filter((c) => c === "catalogue")).toHaveLength(1);
    expect(report.failures).toEqual([{ provider: "meter", error: meterClient.catalogueFailure }]);
    const d = byRef(report);
    expect(d["meter:a"]).toMatchObject({
      unitPrice: { source: "unknown", reason: "no price: catalogue down (HTTP 503)" },
      ratePerHour: { source: "unknown" },
      spend: { value: 26_400_000, source: "api" },
    });
    expect(d["meter:c"]).toMatchObject({ ratePerHour: { value: 0, source: "derived" } });
    expect(report.total.ratePerHour).toEqual({ value: 0, counted: 1, unknown: 4 });
  });

  it("reports a window the platform refuses once, as a failure of that provider, keeping its rates", async () => {
    const { fleet, meterClient } = setup();
    meterClient.maxWindowDays = 7;
    const report = await fleet.cost({ window: "30d" });
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.provider).toBe("meter");
    expect(UsageWindowError.isInstance(report.failures[0]?.error)).toBe(true);
    expect(meterClient.calls).not.toContain("usage");
    const a = byRef(report)["meter:a"];
    expect(a).toMatchObject({
      ratePerHour: { value: 2_200_000, source: "api" },
      spend: { source: "unknown", reason: "no usage: meter: Meter reports usage over 7 days at most" },
    });
    expect(report.providers.map((p) => p.provider)).toEqual(["meter", "plain"]);
  });

  it("reports a named provider without a key as its failure, the others answering", async () => {
    const { fleet } = setup({ METER_API_KEY: "meter-key-SECRET" });
    const report = await fleet.cost({ window: "24h", providers: ["meter", "plain"] });
    expect(report.providers.map((p) => p.provider)).toEqual(["meter"]);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]?.provider).toBe("plain");
    expect(ConfigurationError.isInstance(report.failures[0]?.error)).toBe(true);
    expect(String(report.failures[0]?.error)).toContain("PLAIN_API_KEY");
    expect(JSON.stringify(report)).not.toContain("SECRET");
  });

  it("checks the window, the price table and the providers before any request", async () => {
    const { fleet, meterClient } = setup();
    const fails = async (options: Parameters<typeof fleet.cost>[0], argument: string, message: RegExp) => {
      let caught: unknown;
      try {
        await fleet.cost(options);
      } catch (error) {
        caught = error;
      }
      expect(InvalidArgumentError.isInstance(caught)).toBe(true);
      expect((caught as InvalidArgumentError).argument).toBe(argument);
      expect((caught as Error).message).toMatch(message);
    };
    await fails({ window: "2026-03-08..2026-03-01" }, "window", /start must be before the end/);
    await fails({ window: "24h", prices: { meter: { "gpu-a": "-1" } } }, "prices", /meter\.gpu-a: a price must not be negative, got "-1"/);
    await fails({ window: "24h", prices: { meter: { "gpu-a": "cheap" } } }, "prices", /meter\.gpu-a: a price must be a decimal number/);
    await fails({ window: "24h", prices: { meter: { "gpu-a": Number.NaN } } }, "prices", /a price must be a number of USD per hour/);
    await fails({ window: "24h", prices: { acme: { x: "1" } } }, "prices", /unknown provider "acme" \(known: meter, plain\)/);
    await fails({ window: "24h", providers: ["nope" as never] }, "providers", /Unknown provider "nope"/);
    expect(meterClient.calls).toEqual([]);
  });

  it("reads usage with at most `concurrency` reads in flight, and keeps the listing's order", async () => {
    const { fleet, meterClient } = setup();
    meterClient.usagePerDeployment = true;
    meterClient.delayMs = 5;
    meterClient.deployments = Array.from({ length: 20 }, (_, i) => dep(`n${String(i).padStart(2, "0")}`, "gpu-a", 1));
    meterClient.usage = Object.fromEntries(meterClient.deployments.map((d, i) => [d.name, { requests: i }]));
    const report = await fleet.cost({ window: "24h", providers: ["meter"] });
    expect(meterClient.peakUsageReads).toBe(3);
    expect(meterClient.calls.filter((c) => c === "catalogue")).toHaveLength(1);
    expect(report.deployments.map((d) => d.ref)).toEqual(meterClient.deployments.map((d) => `meter:${d.name}`));
    expect(report.total.requests).toEqual({ value: 190, counted: 20, unknown: 0 });
    expect(report.total.ratePerHour).toEqual({ value: 22_000_000, counted: 20, unknown: 0 });
  });

  it("prices versions already listed, without listing again, and can skip usage", async () => {
    const { fleet, meterClient } = setup();
    const { versions } = await fleet.listDeployments({ providers: ["meter"] }).settled();
    meterClient.calls.length = 0;
    const report = await fleet.cost({ window: "24h", versions, usage: false });
    expect(meterClient.calls).toEqual(["catalogue"]);
    expect(byRef(report)["meter:a"]).toMatchObject({
      ratePerHour: { value: 2_200_000, source: "api" },
      spend: { source: "unknown", reason: "usage was not asked for" },
    });
  });

  it("ends with the caller's abort", async () => {
    const { fleet, meterClient } = setup();
    meterClient.delayMs = 50;
    const controller = new AbortController();
    const running = fleet.cost({ window: "24h", providers: ["meter"], signal: controller.signal });
    controller.abort(new Error("stop"));
    await expect(running).rejects.toThrow("stop");
  });
});
