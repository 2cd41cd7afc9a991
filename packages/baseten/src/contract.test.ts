import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, BadRequestError, type BasetenUpdateAutoscalingSettings, createBasetenClient } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/baseten.yaml", import.meta.url));
const DEPLOYMENT = { model_id: "yqv4yjw", deployment_id: "qvv0xeq" };

describeContract("baseten", { spec: SPEC, createClient: createBasetenClient }, ({ client }) => {
  it("a request without the bearer key is answered 401: AuthenticationError", async () => {
    const baseten = client({ fetch: withoutHeaders("authorization") });
    const error = await baseten.getDeployment(DEPLOYMENT).catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: "getDeployment" });
  });

  // Baseten documents no 422: the spec's 400 is what the mock answers a body that breaks the schema with.
  it("updateAutoscalingSettings with a scale-down rate over 50 % is answered 400: BadRequestError with Baseten's `error`", async () => {
    const error = await client()
      .updateAutoscalingSettings({ ...DEPLOYMENT, body: { max_scale_down_rate: 80 } })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      operationId: "updateAutoscalingSettings",
      providerMessage: "min_replica cannot be greater than max_replica",
    });
  });

  it("updateProductionAutoscalingSettings with a field Baseten does not know is answered 400", async () => {
    const body = { min_replicas: 1 } as unknown as BasetenUpdateAutoscalingSettings;
    const error = await client()
      .updateProductionAutoscalingSettings({ model_id: "yqv4yjw", body })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, operationId: "updateProductionAutoscalingSettings" });
  });

  it("client.raw: a string replica count is answered 400 and the mock names the offending field", async () => {
    const body = { min_replica: "one" } as unknown as BasetenUpdateAutoscalingSettings;
    const { response } = await client().raw.PATCH("/v1/models/{model_id}/deployments/{deployment_id}/autoscaling_settings", {
      params: { path: DEPLOYMENT },
      body,
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("min_replica");
  });
});
