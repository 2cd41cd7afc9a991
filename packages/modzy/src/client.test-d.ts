import { describe, expectTypeOf, it } from "vitest";
import {
  createModzyClient,
  type ModzyClient,
  type ModzyGetSampleInputResult,
  type ModzyModel,
  type ModzyModelSummary,
  type ModzyModelVersion,
  type ModzySampleDocument,
  type ModzyVersionSummary,
} from "./index.js";

declare const modzy: ModzyClient;

describe("@modelfleet/modzy types", () => {
  it("methods take typed parameters and return the spec's types", () => {
    expectTypeOf(modzy.listModels).returns.resolves.toEqualTypeOf<ModzyModelSummary[]>();
    expectTypeOf(modzy.getModel).returns.resolves.toEqualTypeOf<ModzyModel>();
    expectTypeOf(modzy.listVersions).returns.resolves.toEqualTypeOf<ModzyVersionSummary[]>();
    expectTypeOf(modzy.getVersion).returns.resolves.toEqualTypeOf<ModzyModelVersion>();
    expectTypeOf(modzy.updateVersion).returns.resolves.toEqualTypeOf<ModzyModelVersion>();
    expectTypeOf(modzy.updateVersionProcessing).returns.resolves.toEqualTypeOf<ModzyModelVersion>();
    expectTypeOf(modzy.getSampleInput).returns.resolves.toEqualTypeOf<ModzyGetSampleInputResult>();
    expectTypeOf(modzy.getSampleOutput).returns.resolves.toEqualTypeOf<ModzySampleDocument>();
    expectTypeOf(createModzyClient).returns.toEqualTypeOf<ModzyClient>();
  });

  it("`+0000` timestamps are plain strings, not Date; samples are free-form", () => {
    expectTypeOf<ModzyModelVersion["createdAt"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ModzyModel["lastActiveDateTime"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ModzyModelVersion["version"]>().toEqualTypeOf<string>();
    expectTypeOf<ModzySampleDocument>().toEqualTypeOf<{ [key: string]: unknown }>();
  });

  it("a wrong path parameter is a compile error", () => {
    // @ts-expect-error: `model_id` is not a path parameter of getVersion
    modzy.getVersion({ model_id: "ed542963de", version: "0.0.27" });
    // @ts-expect-error: version is required
    modzy.getVersion({ modelId: "ed542963de" });
    // @ts-expect-error: path parameters are strings
    modzy.getModel({ modelId: 42 });
    // @ts-expect-error: getModel takes parameters
    modzy.getModel();
  });

  it("an unknown query field is a compile error", () => {
    modzy.listModels({ "per-page": 10, "sort-by": "name", direction: "ASC", isActive: true });
    modzy.listVersions({ modelId: "ed542963de", page: 2, "per-page": 10, "sort-by": "createdAt", direction: "DESC" });
    // @ts-expect-error: the query name is `per-page`, not perPage
    modzy.listModels({ perPage: 10 });
    // @ts-expect-error: the query name is `sort-by`, not sortBy
    modzy.listVersions({ modelId: "ed542963de", sortBy: "createdAt" });
    // @ts-expect-error: direction is ASC or DESC, upper case
    modzy.listModels({ direction: "asc" });
    // @ts-expect-error: per-page is an integer
    modzy.listVersions({ modelId: "ed542963de", "per-page": "10" });
    // @ts-expect-error: isActive is a boolean
    modzy.listModels({ isActive: "true" });
  });

  it("a wrong body field is a compile error; each scaling route has its own body shape", () => {
    modzy.updateVersion({
      modelId: "m",
      version: "1.0.0",
      body: { processing: { minimumParallelCapacity: 0, maximumParallelCapacity: 2 } },
    });
    modzy.updateVersion({ modelId: "m", version: "1.0.0", body: { status: "active" } });
    modzy.updateVersionProcessing({ modelId: "m", version: "1.0.0", body: { minimumParallelCapacity: 0, maximumParallelCapacity: 2 } });
    // @ts-expect-error: updateVersion wants the `processing` wrapper, not the flat body
    modzy.updateVersion({ modelId: "m", version: "1.0.0", body: { minimumParallelCapacity: 1 } });
    // @ts-expect-error: updateVersionProcessing wants the flat body, not the `processing` wrapper
    modzy.updateVersionProcessing({ modelId: "m", version: "1.0.0", body: { processing: { minimumParallelCapacity: 1 } } });
    // @ts-expect-error: read-only fields such as imagePrefix cannot be sent
    modzy.updateVersion({ modelId: "m", version: "1.0.0", body: { imagePrefix: "x" } });
    // @ts-expect-error: a requirement selection needs its requirementId
    modzy.updateVersion({ modelId: "m", version: "1.0.0", body: { requirement: { name: "Small" } } });
    // @ts-expect-error: capacities are numbers
    modzy.updateVersionProcessing({ modelId: "m", version: "1.0.0", body: { maximumParallelCapacity: "3" } });
    // @ts-expect-error: updateVersion requires a body
    modzy.updateVersion({ modelId: "m", version: "1.0.0" });
  });

  it("raw is typed by the spec's paths, dashed query names included", () => {
    modzy.raw.GET("/models", { params: { query: { "per-page": 10, direction: "DESC" } } });
    // @ts-expect-error: /deployments is not a path of the Modzy spec
    modzy.raw.GET("/deployments");
    // @ts-expect-error: perPage is not a query parameter of /models
    modzy.raw.GET("/models", { params: { query: { perPage: 10 } } });
  });

  it("per-call options are typed", () => {
    modzy.listModels(undefined, { timeoutMs: 1000, maxRetries: 0, signal: AbortSignal.timeout(10) });
    // @ts-expect-error: retries is not an option
    modzy.listModels(undefined, { retries: 1 });
  });
});
