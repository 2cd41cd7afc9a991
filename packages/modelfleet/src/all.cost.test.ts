import { afterEach, describe, expect, it } from "vitest";
import { type FakeWorld, KEYS, sampleWorld, startStatefulProviders } from "./all.stateful-providers.test-helper.js";

// Exact figures over stateful fakes that answer in the platforms' own shapes and units: DeepInfra's catalogue in
// USD per GPU-hour and its stats in integer cents, Sieve's usage in dollars.
const WINDOW = "2026-03-01..2026-03-08";
const FROM_S = Date.parse("2026-03-01T00:00:00Z") / 1000;
const TO_S = Date.parse("2026-03-08T00:00:00Z") / 1000;

function world(): FakeWorld {
  const w = sampleWorld();
  w.deepinfra = {
    // 2 instances of 2 GPUs at 1.5 USD/GPU-hour: 3 USD per instance-hour, 6 USD an hour.
    "di-a": { status: "running", min: 1, max: 2, replicas: 2, hardware: "A100-80GB", gpus: 2, usage: { requests: 120, cents: 4321 } },
    // Up and not called: idle.
    "di-b": { status: "running", min: 0, max: 1, replicas: 1, hardware: "H100", usage: { requests: 0, cents: 250 } },
    // Hardware the catalogue lacks: no price, but still its usage.
    "di-c": { status: "running", min: 1, max: 1, replicas: 1, hardware: "L4", usage: { requests: 7, cents: 10 } },
    // Stopped: costs nothing per hour.
    "di-d": { status: "stopped", min: 0, max: 1, replicas: 0, hardware: "H100" },
  };
  w.catalogues = { deepinfra: { "A100-80GB": 1.5, H100: 2.89 } };
  w.sieve = { "acme/whisper": { "v-7": { status: "ready", min: 0, max: 4, replicas: 3, hardware: "l4", usage: { dollars: 12.345678 } } } };
  return w;
}

let fake: Awaited<ReturnType<typeof startStatefulProviders>> | undefined;
afterEach(() => fake?.stop());

const byRef = <T extends { ref: string }>(list: readonly T[]) => Object.fromEntries(list.map((d) => [d.ref, d]));

describe("fleet.cost on the built-in providers", () => {
  it("gives each deployment's rate, spend, requests and idle with exact figures, one catalogue request per provider", async () => {
    fake = await startStatefulProviders(world());
    const fleet = fake.fleet();
    const report = await fleet.cost({ window: WINDOW, providers: ["deepinfra", "sieve"], prices: { sieve: { l4: "0.80" } } });
    const d = byRef(report.deployments);
    expect(d["deepinfra:di-a"]).toMatchObject({
      hardware: "2x A100-80GB",
      replicas: 2,
      unitPrice: { value: 3_000_000, source: "api" },
      ratePerHour: { value: 6_000_000, source: "api" },
      spend: { value: 43_210_000, source: "api" },
      requests: { value: 120, source: "api" },
      idle: { value: false, source: "derived" },
    });
    expect(d["deepinfra:di-b"]).toMatchObject({
      hardware: "H100",
      ratePerHour: { value: 2_890_000, source: "api" },
      spend: { value: 2_500_000, source: "api" },
      requests: { value: 0, source: "api" },
      idle: { value: true, source: "derived" },
    });
    expect(d["deepinfra:di-c"]).toMatchObject({
      unitPrice: { source: "unknown", reason: 'no price: deepinfra: the price catalogue has no entry for hardware "L4"' },
      ratePerHour: { source: "unknown" },
      spend: { value: 100_000, source: "api" },
      requests: { value: 7, source: "api" },
    });
    expect(d["deepinfra:di-d"]).toMatchObject({ status: "stopped", replicas: 0, ratePerHour: { value: 0, source: "derived" } });
    // Sieve has no price API: the table prices it; its usage is money only, so idle stays unknown.
    expect(d["sieve:acme/whisper@v-7"]).toMatchObject({
      hardware: "l4",
      replicas: 3,
      unitPrice: { value: 800_000, source: "price-table" },
      ratePerHour: { value: 2_400_000, source: "price-table" },
      spend: { value: 12_345_678, source: "api" },
      requests: { source: "unknown", reason: "Sieve reports no request count for this deployment" },
      idle: { source: "unknown" },
    });
    expect(report.failures).toEqual([]);
    expect(byRef(report.providers.map((p) => ({ ...p, ref: p.provider })))).toMatchObject({
      deepinfra: {
        deployments: 4,
        ratePerHour: { value: 8_890_000, counted: 3, unknown: 1 },
        spend: { value: 45_810_000, counted: 4, unknown: 0 },
        requests: { value: 127, counted: 4, unknown: 0 },
        idle: { value: 1, counted: 4, unknown: 0 },
      },
      sieve: { deployments: 1, ratePerHour: { value: 2_400_000, counted: 1, unknown: 0 } },
    });
    expect(report.total).toMatchObject({
      deployments: 5,
      ratePerHour: { value: 11_290_000, counted: 4, unknown: 1 },
      spend: { value: 58_155_678, counted: 5, unknown: 0 },
      requests: { value: 127, counted: 4, unknown: 1 },
    });
    // One catalogue request for four deployments; one stats request each, over exactly the window.
    const seen = (provider: string, path: string) => fake?.requests.filter((r) => r.provider === provider && r.path.startsWith(path)) ?? [];
    expect(seen("deepinfra", "/deploy/llm/gpu_availability")).toHaveLength(1);
    const stats = seen("deepinfra", "/deploy/di-");
    expect(stats.filter((r) => r.path.endsWith("/stats")).map((r) => [r.path, r.query.from, r.query.to])).toEqual(
      ["di-a", "di-b", "di-c", "di-d"].map((id) => [`/deploy/${id}/stats`, String(FROM_S), String(TO_S)]),
    );
    expect(JSON.stringify(report)).not.toMatch(/SECRET/);
  });

  it("a table entry overrides DeepInfra's price, and says what the API's was", async () => {
    fake = await startStatefulProviders(world());
    const report = await fake.fleet().cost({ window: WINDOW, providers: ["deepinfra"], prices: { deepinfra: { "2x A100-80GB": "2.50" } } });
    expect(byRef(report.deployments)["deepinfra:di-a"]).toMatchObject({
      unitPrice: { value: 2_500_000, source: "price-table", overrides: 3_000_000 },
      ratePerHour: { value: 5_000_000, source: "price-table" },
    });
  });

  it("a hostile price is an unknown with InvalidPriceError's reason, never a zero or NaN", async () => {
    const w = world();
    w.catalogues = { deepinfra: { "A100-80GB": -1, H100: "lots" } };
    fake = await startStatefulProviders(w);
    const report = await fake.fleet().cost({ window: WINDOW, providers: ["deepinfra"] });
    const reasons = ["deepinfra:di-a", "deepinfra:di-b"].map((ref) => {
      const rate = byRef(report.deployments)[ref]?.ratePerHour;
      return rate?.source === "unknown" ? rate.reason : rate;
    });
    expect(reasons).toEqual([expect.stringMatching(/^no price: .*-1/), expect.stringMatching(/^no price: .*"lots"/)]);
    expect(byRef(report.deployments)["deepinfra:di-d"]?.ratePerHour).toEqual({ value: 0, source: "derived" });
    expect(report.total.ratePerHour).toEqual({ value: 0, counted: 1, unknown: 3 });
    // A bad price concerns its deployments, not the provider as a whole.
    expect(report.failures).toEqual([]);
  });

  it("a catalogue request that fails is one failure of the provider, each rate unknown, usage still read", async () => {
    fake = await startStatefulProviders(world());
    fake.intercept((r) => (r.path === "/deploy/llm/gpu_availability" ? { status: 503, body: { error: "busy" } } : undefined));
    const report = await fake.fleet().cost({ window: WINDOW, providers: ["deepinfra"] });
    expect(report.failures.map((f) => f.provider)).toEqual(["deepinfra"]);
    expect(byRef(report.deployments)["deepinfra:di-a"]).toMatchObject({
      ratePerHour: { source: "unknown" },
      spend: { value: 43_210_000, source: "api" },
    });
    expect(fake.requests.filter((r) => r.path === "/deploy/llm/gpu_availability")).toHaveLength(1);
  });

  it("a provider without a key fails alone; the other still answers", async () => {
    fake = await startStatefulProviders(world());
    const { SIEVE_API_KEY: _, ...env } = KEYS;
    const fleet = fake.fleet({ env, sieve: undefined });
    const report = await fleet.cost({ window: WINDOW, providers: ["deepinfra", "sieve"] });
    expect(report.providers.map((p) => p.provider)).toEqual(["deepinfra"]);
    expect(report.failures.map((f) => [f.provider, (f.error as Error).name])).toEqual([["sieve", "ConfigurationError"]]);
  });
});
