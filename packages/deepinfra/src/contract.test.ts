import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, createDeepInfraClient, UnprocessableEntityError } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/deepinfra.yaml", import.meta.url));

describeContract("deepinfra", { spec: SPEC, createClient: createDeepInfraClient }, ({ client }) => {
  it("a request without the bearer token is answered 401: AuthenticationError", async () => {
    const deepinfra = client({ fetch: withoutHeaders("authorization") });
    const error = await deepinfra.listDeployments().catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: "listDeployments" });
  });

  it("updateDeployment with settings that break the schema is answered 422: UnprocessableEntityError (FastAPI shape)", async () => {
    const body = { settings: { min_instances: "two" } } as unknown as { settings: { min_instances: number } };
    const error = await client()
      .updateDeployment({ deploy_id: "fkj843kjh8", body })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, operationId: "updateDeployment", body: { detail: [expect.anything()] } });
  });

  it("createLlmDeployment without the required gpu is answered 422 in DeepInfra's own error shape", async () => {
    const body = { model_name: "acme/llama-3-8b-support" } as unknown as { model_name: string; gpu: string };
    const error = await client()
      .createLlmDeployment({ body })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, providerMessage: "Model not found" });
  });

  it("client.raw: an invalid body is answered 422 and the mock names the offending field", async () => {
    const body = { settings: { max_instances: "many" } } as unknown as { settings: { max_instances: number } };
    const { response } = await client().raw.PUT("/deploy/{deploy_id}", { params: { path: { deploy_id: "fkj843kjh8" } }, body });
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain("max_instances");
  });
});
