import { describe, expectTypeOf, it } from "vitest";
import type { OpperClient, OpperFunctionList, OpperFunctionListItem, OpperRevision, Page } from "./index.js";

declare const opper: OpperClient;

describe("@modelfleet/opper iterators", () => {
  it("yield the items of `data`, and pages the whole body", () => {
    expectTypeOf(opper.listFunctionsAll).returns.toEqualTypeOf<AsyncGenerator<OpperFunctionListItem, void, undefined>>();
    expectTypeOf(opper.listRevisionsAll).returns.toEqualTypeOf<AsyncGenerator<OpperRevision, void, undefined>>();
    expectTypeOf(opper.listFunctionsPages).returns.toEqualTypeOf<
      AsyncGenerator<Page<OpperFunctionList, OpperFunctionListItem>, void, undefined>
    >();
    // @ts-expect-error: getRevision is not a listing
    opper.getRevisionPages;
  });
});
