import { describe, expectTypeOf, it } from "vitest";
import type { OpperV2Client, OpperV2FunctionList, OpperV2FunctionListItem, OpperV2Revision, Page } from "./index.js";

declare const opper: OpperV2Client;

describe("@modelfleet/opper-v2 iterators", () => {
  it("yield the items of `data`, and pages the whole body", () => {
    expectTypeOf(opper.listFunctionsAll).returns.toEqualTypeOf<AsyncGenerator<OpperV2FunctionListItem, void, undefined>>();
    expectTypeOf(opper.listRevisionsAll).returns.toEqualTypeOf<AsyncGenerator<OpperV2Revision, void, undefined>>();
    expectTypeOf(opper.listFunctionsPages).returns.toEqualTypeOf<
      AsyncGenerator<Page<OpperV2FunctionList, OpperV2FunctionListItem>, void, undefined>
    >();
    // @ts-expect-error: getRevision is not a listing
    opper.getRevisionPages;
  });
});
