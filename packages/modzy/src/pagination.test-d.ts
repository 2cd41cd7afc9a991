import { describe, expectTypeOf, it } from "vitest";
import type { ModzyClient, ModzyModelSummary, ModzyVersionSummary } from "./index.js";

declare const modzy: ModzyClient;

describe("@modelfleet/modzy iterators", () => {
  it("yield the spec's item types", () => {
    expectTypeOf(modzy.listModelsAll).returns.toEqualTypeOf<AsyncGenerator<ModzyModelSummary, void, undefined>>();
    expectTypeOf(modzy.listVersionsAll).returns.toEqualTypeOf<AsyncGenerator<ModzyVersionSummary, void, undefined>>();
    // @ts-expect-error: per-page is an integer
    modzy.listModelsPages({ "per-page": "10" });
    // @ts-expect-error: getVersion is not a listing
    modzy.getVersionAll;
  });
});
