import { describe, expectTypeOf, it } from "vitest";
import type { Page, PaginationError, SieveClient, SieveFunctionApp, SieveListVersionsResult, SieveVersion } from "./index.js";

declare const sieve: SieveClient;

describe("@modelfleet/sieve iterators", () => {
  it("yield the spec's item types, and pages carry the body type", () => {
    expectTypeOf(sieve.listVersionsAll).returns.toEqualTypeOf<AsyncGenerator<SieveVersion, void, undefined>>();
    expectTypeOf(sieve.listFunctionsAll).returns.toEqualTypeOf<AsyncGenerator<SieveFunctionApp, void, undefined>>();
    expectTypeOf(sieve.listVersionsPages).returns.toEqualTypeOf<
      AsyncGenerator<Page<SieveListVersionsResult, SieveVersion>, void, undefined>
    >();
    expectTypeOf<PaginationError["reason"]>().toEqualTypeOf<
      "max-pages" | "repeated-cursor" | "repeated-page" | "foreign-next-url" | "malformed-page"
    >();
  });

  it("take the list operation's parameters and the listing options", () => {
    sieve.listVersionsAll(
      { owner_name: "o", function_name: "f", limit: 50 },
      { maxPages: 10, prefetch: true, signal: AbortSignal.timeout(1) },
    );
    // @ts-expect-error: the path parameters are required
    sieve.listVersionsAll({ limit: 50 });
    // @ts-expect-error: maxPages is a number
    sieve.listFunctionsAll({}, { maxPages: "10" });
  });

  it("a non-paginated operation has no iterator", () => {
    // @ts-expect-error: getVersion returns one object
    sieve.getVersionPages;
    // @ts-expect-error: editVersion is not a listing
    sieve.editVersionAll;
  });
});
