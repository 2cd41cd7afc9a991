import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  createTogetherClient,
  type TogetherCreateEndpointRequest,
  type TogetherUpdateEndpointRequest,
} from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/together.yaml", import.meta.url));
const ENDPOINT_ID = "endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7";

describeContract("together", { spec: SPEC, createClient: createTogetherClient }, ({ client }) => {
  it("a request without the bearer key is answered 401: AuthenticationError", async () => {
    const together = client({ fetch: withoutHeaders("authorization") });
    const error = await together.getEndpoint({ endpointId: ENDPOINT_ID }).catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: "getEndpoint" });
  });

  // Together documents no 422: the spec's 400 (its OpenAI-style envelope) is what the mock answers with.
  it("updateEndpoint with a state that cannot be set is answered 400: BadRequestError with the nested message", async () => {
    const body = { state: "PAUSED" } as unknown as TogetherUpdateEndpointRequest;
    const error = await client()
      .updateEndpoint({ endpointId: ENDPOINT_ID, body })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      operationId: "updateEndpoint",
      providerMessage: "autoscaling.max_replicas must be greater than or equal to autoscaling.min_replicas",
    });
  });

  it("createEndpoint without autoscaling is answered 400", async () => {
    const body = { model: "Qwen/Qwen3.5-9B-FP8", hardware: "1x_nvidia_a100_80gb_sxm" } as unknown as TogetherCreateEndpointRequest;
    const error = await client()
      .createEndpoint({ body })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, operationId: "createEndpoint" });
  });

  it("client.raw: an autoscaling object with one bound is answered 400 and the mock names the missing one", async () => {
    const body = { autoscaling: { min_replicas: 1 } } as unknown as TogetherUpdateEndpointRequest;
    const { response } = await client().raw.PATCH("/endpoints/{endpointId}", { params: { path: { endpointId: ENDPOINT_ID } }, body });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("max_replicas");
  });
});
