import { UsageWindowError } from "@modelfleet/runtime";
import { json } from "@modelfleet/test-utils";
import { adapterHarness, costContext, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { modzy } from "../fleet.js";

const MODZY = "https://app.modzy.com/api";
const KEY = "modzy-key-SECRET";

const version = (model: string, semver: string) => ({
  ref: `modzy:${model}@${semver}` as const,
  provider: "modzy" as const,
  model,
  version: semver,
  status: "ready" as const,
  providerStatus: "active",
  createdAt: null,
  updatedAt: null,
  scaling: { min: 0, max: 1 },
  replicas: null,
  hardware: null,
  raw: {} as never,
});

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(modzy(), { fetch: fake.fetch, maxRetries: 0 }, { MODZY_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

const ranking = [
  { ranking: 1, modelIdentifier: "ed542963de", name: "Sentiment Analysis", modelVersion: "1.0.1", elapsedTime: 183420, jobs: 1532 },
  { ranking: 2, modelIdentifier: "ed542963de", name: "Sentiment Analysis", modelVersion: "0.9.0", elapsedTime: 820, jobs: 0 },
  { ranking: 3, modelIdentifier: "ed542963de", name: "Sentiment Analysis", modelVersion: "0.8.0", jobs: "many" },
];

describe("modzy usage", () => {
  const window = { from: new Date("2026-03-01T06:00:00Z"), to: new Date("2026-03-08T06:00:00Z") };

  it("is the version's jobs in the model's active-models ranking of the window's days, one request per model", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${MODZY}/metrics/active-models`]: json(200, ranking) });
    const context = costContext();
    const usages = await Promise.all(
      ["1.0.1", "0.9.0", "0.8.0", "2.0.0"].map((semver) => fleet.usage(version("ed542963de", semver), window, context)),
    );
    expect(usages).toEqual([{ requests: 1532 }, { requests: 0 }, {}, {}]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers.get("authorization")).toBe(`ApiKey ${KEY}`);
    expect(Object.fromEntries(requests[0]?.url.searchParams ?? [])).toEqual({
      "begin-date": "2026-03-01",
      "end-date": "2026-03-08",
      "model-identifier": "ed542963de",
    });
  });

  it("refuses a window under 7 days before any request", async () => {
    const { fleet, requests } = fleetWith({ [`GET ${MODZY}/metrics/active-models`]: json(200, ranking) });
    const short = { from: new Date("2026-03-01T00:00:00Z"), to: new Date("2026-03-07T23:59:59Z") };
    await expect(fleet.usage(version("ed542963de", "1.0.1"), short)).rejects.toThrow(UsageWindowError);
    await expect(fleet.usage(version("ed542963de", "1.0.1"), short)).rejects.toThrow(/7 days at least/);
    expect(requests).toHaveLength(0);
  });

  it("has no price: the reason says to use a price table", () => {
    expect(modzy().unsupported?.price).toMatch(/price table/);
  });
});
