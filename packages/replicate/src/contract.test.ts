import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, createReplicateClient, type ReplicateDeploymentCreateRequest, UnprocessableEntityError } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/replicate.yaml", import.meta.url));
const DEPLOYMENT = { deployment_owner: "acme", deployment_name: "my-app-image-generator" };

// Calls every operation of the spec through the client against a Prism mock built from the same spec, and
// expects the spec's examples back; the negative cases follow.
describeContract("replicate", { spec: SPEC, createClient: createReplicateClient }, ({ client }) => {
  it("a request without the bearer token is answered 401: AuthenticationError with Replicate's detail", async () => {
    const replicate = client({ fetch: withoutHeaders("authorization") });
    const error = await replicate.getDeployment(DEPLOYMENT).catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      operationId: "getDeployment",
      providerMessage: "You did not pass a valid authentication token",
    });
  });

  it("updateDeployment with max_instances above 20 is answered 422: UnprocessableEntityError", async () => {
    const error = await client()
      .updateDeployment({ ...DEPLOYMENT, body: { max_instances: 21 } })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, operationId: "updateDeployment", providerMessage: "max_instances must be at most 20" });
  });

  it("createDeployment without the required hardware is answered 422: UnprocessableEntityError", async () => {
    const body = {
      name: "my-app-image-generator",
      model: "stability-ai/sdxl",
      version: "da77bc59ee60423279fd632efb4795ab731d9e3ca9705ef3341091fb989b7eaf",
      min_instances: 0,
      max_instances: 3,
    } as unknown as ReplicateDeploymentCreateRequest;
    const error = await client()
      .createDeployment({ body })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, operationId: "createDeployment" });
  });

  it("client.raw: a string min_instances is answered 422 and the mock names the offending field", async () => {
    const body = { min_instances: "one" } as unknown as { min_instances: number };
    const { response } = await client().raw.PATCH("/deployments/{deployment_owner}/{deployment_name}", {
      params: { path: DEPLOYMENT },
      body,
    });
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain("min_instances");
  });
});
