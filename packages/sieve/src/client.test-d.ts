import { describe, expectTypeOf, it } from "vitest";
import { createSieveClient, type SieveClient, type SieveGetVersionResult, type SieveVersion } from "./index.js";

declare const sieve: SieveClient;

describe("@modelfleet/sieve types", () => {
  it("methods take typed parameters and return the spec's types", () => {
    expectTypeOf(sieve.editVersion).returns.resolves.toEqualTypeOf<SieveVersion>();
    expectTypeOf(sieve.getVersion).returns.resolves.toEqualTypeOf<SieveGetVersionResult>();
    expectTypeOf(createSieveClient).returns.toEqualTypeOf<SieveClient>();
  });

  it("a wrong path parameter is a compile error", () => {
    // @ts-expect-error: `organization` is not a path parameter of getVersion
    sieve.getVersion({ organization: "sieve", function_name: "f", version_slug: "latest" });
    // @ts-expect-error: version_slug is required
    sieve.getVersion({ owner_name: "sieve", function_name: "f" });
    // @ts-expect-error: path parameters are strings
    sieve.getFunction({ owner_name: 1, function_name: "f" });
  });

  it("an unknown query field is a compile error", () => {
    // @ts-expect-error: `page` is not a query parameter of listFunctions
    sieve.listFunctions({ page: 2 });
    // @ts-expect-error: limit is an integer
    sieve.listFunctions({ limit: "10" });
  });

  it("a wrong body field is a compile error", () => {
    sieve.editVersion({
      owner_name: "o",
      function_name: "f",
      version_slug: "latest",
      body: { minimum_replicas: 1, maximum_replicas: null },
    });
    // @ts-expect-error: the body field is minimum_replicas, not min_replicas
    sieve.editVersion({ owner_name: "o", function_name: "f", version_slug: "latest", body: { min_replicas: 1 } });
    // @ts-expect-error: editVersion requires a body
    sieve.editVersion({ owner_name: "o", function_name: "f", version_slug: "latest" });
  });

  it("per-call options are typed", () => {
    sieve.listFunctions(undefined, { timeoutMs: 1000, maxRetries: 0, signal: AbortSignal.timeout(10) });
    // @ts-expect-error: retries is not an option
    sieve.listFunctions(undefined, { retries: 1 });
  });
});
