import { json } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import { DEEPINFRA, ENV_KEYS, fakeProviders, SIEVE, TOGETHER } from "./all.fake-providers.test-helper.js";
import { createFleet, NotFoundError, PermissionDeniedError } from "./all.js";
import { PartialFailureError } from "./errors.js";
import type { ProviderSettled } from "./listing.js";

// Together lists endpoints and then reads each one: the shape where one item can vanish or fail on its own.
const ENDPOINTS = ["endpoint-1", "endpoint-2", "endpoint-3"];
const together = (second: Response) => ({
  [`GET ${TOGETHER}/endpoints`]: json(200, { object: "list", data: ENDPOINTS.map((id) => ({ id, model: "acme/m", state: "STARTED" })) }),
  [`GET ${TOGETHER}/endpoints/endpoint-1`]: json(200, { id: "endpoint-1", model: "acme/m", state: "STARTED" }),
  [`GET ${TOGETHER}/endpoints/endpoint-2`]: second,
  [`GET ${TOGETHER}/endpoints/endpoint-3`]: json(200, { id: "endpoint-3", model: "acme/m", state: "STOPPED" }),
});
const fleetOf = (
  routes: Parameters<typeof fakeProviders>[0],
  env: Record<string, string> = { TOGETHER_API_KEY: ENV_KEYS.TOGETHER_API_KEY },
) => {
  const fake = fakeProviders(routes);
  return { fleet: createFleet({ env, fetch: fake.fetch, maxRetries: 0 }), requests: fake.requests };
};

describe("listDeployments and one item's failure", () => {
  it("an endpoint deleted between the list and its read (404) is left out; the rest of Together's listing stands, no failure", async () => {
    const { fleet } = fleetOf(together(json(404, { message: "endpoint not found" })));
    const seen: string[] = [];
    for await (const v of fleet.listDeployments()) seen.push(v.ref); // would throw on any failure
    expect(seen).toEqual(["together:endpoint-1", "together:endpoint-3"]);
  });

  it("another failed read is a failure of that item only: the others are listed, the failure names the item", async () => {
    const { fleet } = fleetOf(together(json(403, { message: "not yours" })));
    const heard: ProviderSettled[] = [];
    const { versions, failures } = await fleet.listDeployments({ onProviderSettled: (o) => heard.push(o) }).settled();
    expect(versions.map((v) => v.ref)).toEqual(["together:endpoint-1", "together:endpoint-3"]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ provider: "together", item: "together:endpoint-2" });
    expect(PermissionDeniedError.isInstance(failures[0]?.error)).toBe(true);
    // The per-provider event carries the versions and the item's failure beside them.
    expect(heard.map((o) => [o.provider, o.versions?.length, o.failures?.map((f) => f.item)])).toEqual([
      ["together", 2, ["together:endpoint-2"]],
    ]);
  });

  it("the loop yields the other items, then throws a PartialFailureError naming the item, in its message and JSON", async () => {
    const { fleet } = fleetOf(together(json(403, { message: "not yours" })));
    const seen: string[] = [];
    const error = await (async () => {
      for await (const v of fleet.listDeployments()) seen.push(v.ref);
    })().catch((e: unknown) => e);
    expect(seen).toEqual(["together:endpoint-1", "together:endpoint-3"]);
    expect(PartialFailureError.isInstance(error)).toBe(true);
    const partial = error as PartialFailureError;
    expect(partial.message).toMatch(/^1 provider failure: together \(together:endpoint-2: .*403/);
    expect(partial.toJSON()).toMatchObject({ failures: [{ provider: "together", item: "together:endpoint-2", error: { status: 403 } }] });
  });

  it("a listing that fails after some pages keeps and yields those pages, the failure beside them", async () => {
    const page = (n: number) =>
      Array.from({ length: 100 }, (_, i) => ({ owner_name: "acme", name: `fn-${n}-${i}`, latest_version: { id: `v${n}-${i}` } }));
    let calls = 0;
    const { fleet } = fleetOf(
      {
        // Two full pages (Sieve's adapter asks for 100 at a time), then a page that fails.
        [`GET ${SIEVE}/functions`]: () => {
          calls++;
          return calls <= 2 ? json(200, page(calls)) : json(403, { detail: "forbidden" });
        },
        [`GET ${DEEPINFRA}/deploy/list`]: json(200, []),
      },
      { SIEVE_API_KEY: ENV_KEYS.SIEVE_API_KEY, DEEPINFRA_API_KEY: ENV_KEYS.DEEPINFRA_API_KEY },
    );
    const seen: string[] = [];
    const error = await (async () => {
      for await (const v of fleet.listDeployments()) seen.push(v.ref);
    })().catch((e: unknown) => e);
    expect(seen).toHaveLength(200);
    expect(seen.slice(0, 2)).toEqual(["sieve:acme/fn-1-0@v1-0", "sieve:acme/fn-1-1@v1-1"]);
    expect(PartialFailureError.isInstance(error)).toBe(true);
    expect((error as PartialFailureError).failures.map((f) => [f.provider, f.item])).toEqual([["sieve", undefined]]);
  });

  it("a failure before anything arrived is still the provider's failure as a whole", async () => {
    const { fleet } = fleetOf({ [`GET ${TOGETHER}/endpoints`]: json(404, { message: "no such account" }) });
    const heard: ProviderSettled[] = [];
    const { versions, failures } = await fleet.listDeployments({ onProviderSettled: (o) => heard.push(o) }).settled();
    expect(versions).toEqual([]);
    expect(failures.map((f) => [f.provider, f.item, NotFoundError.isInstance(f.error)])).toEqual([["together", undefined, true]]);
    expect(heard.map((o) => [o.provider, o.versions])).toEqual([["together", undefined]]);
  });
});
