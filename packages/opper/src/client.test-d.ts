import { describe, expectTypeOf, it } from "vitest";
import {
  createOpperClient,
  type OpperClient,
  type OpperFunctionDetails,
  type OpperFunctionList,
  type OpperFunctionRevision,
  type OpperRevisionList,
} from "./index.js";

declare const opper: OpperClient;

describe("@modelfleet/opper types (Opper v3)", () => {
  it("methods take typed parameters and return the spec's types", () => {
    expectTypeOf(opper.listFunctions).returns.resolves.toEqualTypeOf<OpperFunctionList>();
    expectTypeOf(opper.getFunction).returns.resolves.toEqualTypeOf<OpperFunctionDetails>();
    expectTypeOf(opper.updateFunction).returns.resolves.toEqualTypeOf<OpperFunctionDetails>();
    expectTypeOf(opper.deleteFunction).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(opper.listRevisions).returns.resolves.toEqualTypeOf<OpperRevisionList>();
    expectTypeOf(opper.getRevision).returns.resolves.toEqualTypeOf<OpperFunctionRevision>();
    expectTypeOf(opper.revertRevision).returns.resolves.toEqualTypeOf<OpperFunctionDetails>();
    expectTypeOf(createOpperClient).returns.toEqualTypeOf<OpperClient>();
  });

  it("result fields have the spec's types: integer revisions, a current flag, no paging envelope", () => {
    expectTypeOf<OpperRevisionList["revisions"][number]["revision_id"]>().toEqualTypeOf<number>();
    expectTypeOf<OpperRevisionList["revisions"][number]["is_current"]>().toEqualTypeOf<boolean>();
    expectTypeOf<OpperFunctionList["functions"][number]["has_script"]>().toEqualTypeOf<boolean>();
    expectTypeOf<OpperFunctionRevision["source"]>().toEqualTypeOf<string>();
    expectTypeOf<OpperFunctionList>().not.toHaveProperty("meta");
  });

  it("functions are addressed by name, revisions by number: anything else is a compile error", () => {
    opper.getRevision({ name: "summarize-ticket", revisionID: 3 });
    // @ts-expect-error: v3 has no function ids; the function is its name
    opper.getFunction({ function_id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" });
    // @ts-expect-error: the revision is an integer, not a UUID string
    opper.getRevision({ name: "summarize-ticket", revisionID: "3c90c3cc" });
    // @ts-expect-error: the path parameter is spelled revisionID (the body field is revision_id)
    opper.revertRevision({ name: "summarize-ticket", revision_id: 1 });
    // @ts-expect-error: revertRevision needs the revision
    opper.revertRevision({ name: "summarize-ticket" });
    // @ts-expect-error: listRevisions has no paging parameters
    opper.listRevisions({ name: "summarize-ticket", offset: 0 });
    // @ts-expect-error: listFunctions takes no parameters
    opper.listFunctions({ limit: 10 });
  });

  it("a wrong body is a compile error", () => {
    opper.updateFunction({ name: "summarize-ticket", body: { source: "def run(input): ..." } });
    // @ts-expect-error: source is a string
    opper.updateFunction({ name: "summarize-ticket", body: { source: 42 } });
    // @ts-expect-error: v3 replaces the source; v2's instructions field does not exist
    opper.updateFunction({ name: "summarize-ticket", body: { source: "x", instructions: "y" } });
    // @ts-expect-error: updateFunction requires a body
    opper.updateFunction({ name: "summarize-ticket" });
  });

  it("per-call options are typed", () => {
    opper.listFunctions(undefined, { timeoutMs: 1000, maxRetries: 0, signal: AbortSignal.timeout(10) });
    // @ts-expect-error: retries is not an option
    opper.listFunctions(undefined, { retries: 1 });
  });
});
