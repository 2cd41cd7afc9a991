import { describe, expectTypeOf, it } from "vitest";
import {
  createHuggingFaceClient,
  type HuggingFaceClient,
  type HuggingFaceEndpoint,
  type HuggingFaceEndpointList,
  type HuggingFaceEndpointState,
  type HuggingFaceScaling,
} from "./index.js";

declare const hf: HuggingFaceClient;
const ENDPOINT = { namespace: "acme-ml", name: "my-endpoint-name" };

describe("@modelfleet/huggingface types", () => {
  it("methods return the spec's types", () => {
    expectTypeOf(hf.listEndpoints).returns.resolves.toEqualTypeOf<HuggingFaceEndpointList>();
    expectTypeOf(hf.getEndpoint).returns.resolves.toEqualTypeOf<HuggingFaceEndpoint>();
    expectTypeOf(hf.createEndpoint).returns.resolves.toEqualTypeOf<HuggingFaceEndpoint>();
    expectTypeOf(hf.updateEndpoint).returns.resolves.toEqualTypeOf<HuggingFaceEndpoint>();
    expectTypeOf(hf.pauseEndpoint).returns.resolves.toEqualTypeOf<HuggingFaceEndpoint>();
    expectTypeOf(hf.resumeEndpoint).returns.resolves.toEqualTypeOf<HuggingFaceEndpoint>();
    expectTypeOf(hf.scaleEndpointToZero).returns.resolves.toEqualTypeOf<HuggingFaceEndpoint>();
    expectTypeOf(createHuggingFaceClient).returns.toEqualTypeOf<HuggingFaceClient>();
  });

  it("the endpoint's scaling, status and revision are typed as the spec says", () => {
    expectTypeOf<HuggingFaceEndpoint["compute"]["scaling"]>().toEqualTypeOf<HuggingFaceScaling>();
    expectTypeOf<HuggingFaceScaling["minReplica"]>().toEqualTypeOf<number>();
    expectTypeOf<HuggingFaceScaling["scaleToZeroTimeout"]>().toEqualTypeOf<number | null | undefined>();
    expectTypeOf<HuggingFaceEndpoint["model"]["revision"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<HuggingFaceEndpoint["status"]["readyReplica"]>().toEqualTypeOf<number>();
    // The state is an open enum.
    expectTypeOf<"running" | "scaledToZero" | "hibernating">().toExtend<HuggingFaceEndpointState>();
    expectTypeOf<Extract<HuggingFaceEndpointState, "paused">>().toEqualTypeOf<"paused">();
  });

  it("wrong path parameters are compile errors", () => {
    // @ts-expect-error: listEndpoints needs the namespace
    hf.listEndpoints();
    // @ts-expect-error: the endpoint's name is `name`, not `endpoint`
    hf.getEndpoint({ namespace: "acme-ml", endpoint: "x" });
    // @ts-expect-error: namespace is required
    hf.pauseEndpoint({ name: "x" });
  });

  it("wrong bodies are compile errors", () => {
    hf.updateEndpoint({ ...ENDPOINT, body: { compute: { scaling: { minReplica: 0, maxReplica: 2, scaleToZeroTimeout: 15 } } } });
    // @ts-expect-error: the bounds are minReplica / maxReplica (camelCase)
    hf.updateEndpoint({ ...ENDPOINT, body: { compute: { scaling: { min_replica: 0 } } } });
    // @ts-expect-error: replicas are numbers
    hf.updateEndpoint({ ...ENDPOINT, body: { compute: { scaling: { maxReplica: "2" } } } });
    // @ts-expect-error: createEndpoint needs compute, model, provider and type
    hf.createEndpoint({ namespace: "acme-ml", body: { name: "x" } });
    // @ts-expect-error: pause takes no body
    hf.pauseEndpoint({ ...ENDPOINT, body: {} });
  });
});
