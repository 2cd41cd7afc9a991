import { describe, expectTypeOf, it } from "vitest";
import {
  createOpperV2Client,
  type OpperV2Client,
  type OpperV2Function,
  type OpperV2FunctionConfiguration,
  type OpperV2FunctionList,
  type OpperV2ModelSpec,
  type OpperV2RevisionList,
} from "./index.js";

declare const opper: OpperV2Client;

describe("@modelfleet/opper-v2 types", () => {
  it("methods take typed parameters and return the spec's types", () => {
    expectTypeOf(opper.listFunctions).returns.resolves.toEqualTypeOf<OpperV2FunctionList>();
    expectTypeOf(opper.getFunction).returns.resolves.toEqualTypeOf<OpperV2Function>();
    expectTypeOf(opper.getFunctionByName).returns.resolves.toEqualTypeOf<OpperV2Function>();
    expectTypeOf(opper.updateFunction).returns.resolves.toEqualTypeOf<OpperV2Function>();
    expectTypeOf(opper.getRevision).returns.resolves.toEqualTypeOf<OpperV2Function>();
    expectTypeOf(opper.listRevisions).returns.resolves.toEqualTypeOf<OpperV2RevisionList>();
    expectTypeOf(opper.deleteFunction).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(createOpperV2Client).returns.toEqualTypeOf<OpperV2Client>();
  });

  it("result fields have the spec's types", () => {
    expectTypeOf<OpperV2FunctionList["meta"]["total_count"]>().toEqualTypeOf<number>();
    expectTypeOf<OpperV2Function["model"]>().toEqualTypeOf<OpperV2ModelSpec | undefined>();
    expectTypeOf<OpperV2Function["configuration"]>().toEqualTypeOf<OpperV2FunctionConfiguration | null | undefined>();
    expectTypeOf<OpperV2FunctionConfiguration["invocation.cache.ttl"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OpperV2RevisionList["data"][number]["configuration"]>().toEqualTypeOf<OpperV2FunctionConfiguration>();
  });

  it("a wrong path parameter is a compile error", () => {
    // @ts-expect-error: `id` is not a path parameter of getFunction
    opper.getFunction({ id: "3c90c3cc-0d44-4b50-8888-8dd25736052a" });
    // @ts-expect-error: revision_id is required
    opper.getRevision({ function_id: "f" });
    // @ts-expect-error: path parameters are strings
    opper.deleteFunction({ function_id: 1 });
    // @ts-expect-error: getFunctionByName takes `name`, not `function_name`
    opper.getFunctionByName({ function_name: "my-function" });
  });

  it("an unknown query field is a compile error", () => {
    opper.listFunctions({ name: "my-function", sort: "-created", offset: 0, limit: 20 });
    // @ts-expect-error: `page` is not a query parameter of listFunctions (paging is offset/limit)
    opper.listFunctions({ page: 2 });
    // @ts-expect-error: limit is an integer
    opper.listFunctions({ limit: "10" });
    // @ts-expect-error: listRevisions has no `sort`
    opper.listRevisions({ function_id: "f", sort: "name" });
    // @ts-expect-error: listRevisions requires function_id
    opper.listRevisions({ offset: 0 });
  });

  it("a wrong body field is a compile error", () => {
    opper.updateFunction({ function_id: "f", body: {} });
    opper.updateFunction({
      function_id: "f",
      body: {
        model: [{ name: "openai/gpt-4o-mini", options: { temperature: 0 } }, "anthropic/claude-3.5-sonnet"],
        configuration: { "invocation.cache.ttl": 3600, "beta.evaluation.enabled": true },
        description: null,
      },
    });
    // @ts-expect-error: the field is `instructions`, and it is a string
    opper.updateFunction({ function_id: "f", body: { instructions: 42 } });
    // @ts-expect-error: a known dotted configuration key keeps its type
    opper.updateFunction({ function_id: "f", body: { configuration: { "invocation.cache.ttl": "1h" } } });
    // @ts-expect-error: a model object needs a name
    opper.updateFunction({ function_id: "f", body: { model: { options: { temperature: 0 } } } });
    // @ts-expect-error: updateFunction requires a body
    opper.updateFunction({ function_id: "f" });
  });

  it("per-call options are typed", () => {
    opper.listFunctions(undefined, { timeoutMs: 1000, maxRetries: 0, signal: AbortSignal.timeout(10) });
    // @ts-expect-error: retries is not an option
    opper.listFunctions(undefined, { retries: 1 });
  });
});
