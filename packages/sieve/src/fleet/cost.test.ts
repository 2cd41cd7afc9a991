import { InvalidPriceError } from "@modelfleet/runtime";
import { json } from "@modelfleet/test-utils";
import { adapterHarness, routedFetch } from "@modelfleet/test-utils/fleet";
import { describe, expect, it } from "vitest";
import { sieve } from "../fleet.js";
import { normalizeSieveVersion } from "./normalize.js";

const SIEVE = "https://mango.sievedata.com";
const KEY = "sieve-key-SECRET";
const VERSION_ID = "41b83e76-0a13-4d96-b0a0-7cd62c9977c3";
const USAGE = `GET ${SIEVE}/v2/usage/function/acme/whisper/versions/${VERSION_ID}`;

const version = normalizeSieveVersion({ id: VERSION_ID, build_status: "ready", compute_type: "l4" } as never, {
  owner: "acme",
  function: "whisper",
});

function fleetWith(routes: Parameters<typeof routedFetch>[0]) {
  const fake = routedFetch(routes);
  const fleet = adapterHarness(sieve(), { fetch: fake.fetch, maxRetries: 0 }, { SIEVE_API_KEY: KEY });
  return { fleet, requests: fake.requests };
}

describe("sieve usage", () => {
  it("is total_cost_dollars of the version over the window, in exact micro-dollars, with no request count", async () => {
    const { fleet, requests } = fleetWith({
      [USAGE]: json(200, {
        total_compute_seconds: 86400.5,
        total_cost_dollars: 19.4401,
        l4: { compute_seconds: 86400.5, cost_dollars: 19.4401 },
      }),
    });
    const window = { from: new Date("2026-01-01T00:00:00.250Z"), to: new Date("2026-01-08T00:00:00.750Z") };
    await expect(fleet.usage(version, window)).resolves.toEqual({ spend: 19_440_100 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.headers.get("x-api-key")).toBe(KEY);
    expect(Object.fromEntries(requests[0]?.url.searchParams ?? [])).toEqual({
      start_timestamp: "1767225600.25",
      end_timestamp: "1767830400.75",
    });
  });

  it("whole seconds are sent with a fraction, never as an integer Sieve would read as nanoseconds", async () => {
    const { fleet, requests } = fleetWith({ [USAGE]: json(200, { total_compute_seconds: 0, total_cost_dollars: 0 }) });
    await fleet.usage(version, { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-02T00:00:00Z") });
    expect(requests[0]?.url.searchParams.get("start_timestamp")).toBe("1767225600.001");
    expect(requests[0]?.url.searchParams.get("end_timestamp")).toBe("1767312000.001");
  });

  it("a cost that is missing, negative or not a number is InvalidPriceError, not zero", async () => {
    for (const total_cost_dollars of [undefined, -1, "NaN", { dollars: 1 }]) {
      const { fleet } = fleetWith({ [USAGE]: json(200, { total_compute_seconds: 1, total_cost_dollars }) });
      await expect(fleet.usage(version, { from: new Date(0), to: new Date(1000) })).rejects.toThrow(InvalidPriceError);
    }
  });

  it("has no price: the reason says to use a price table", () => {
    expect(sieve().capabilities).toMatchObject({ usage: true });
    expect(sieve().unsupported?.price).toMatch(/price table/);
  });
});
