import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, BadRequestError, createHuggingFaceClient, type HuggingFaceEndpointCreate } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/huggingface.yaml", import.meta.url));
const ENDPOINT = { namespace: "acme-ml", name: "my-endpoint-name" };

// Calls every operation of the spec through the client against a Prism mock built from the same spec, and
// expects the spec's examples back; the negative cases follow.
describeContract("huggingface", { spec: SPEC, createClient: createHuggingFaceClient }, ({ client }) => {
  it("a request without the bearer token is answered 401: AuthenticationError with Hugging Face's error", async () => {
    const hf = client({ fetch: withoutHeaders("authorization") });
    const error = await hf.getEndpoint(ENDPOINT).catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      operationId: "getEndpoint",
      providerMessage: "Invalid credentials in Authorization header",
    });
  });

  // Hugging Face documents 400 (not 422) for a body it cannot use, and so does the mock of its spec.
  it("updateEndpoint with a negative minReplica is answered 400: BadRequestError", async () => {
    const error = await client()
      .updateEndpoint({ ...ENDPOINT, body: { compute: { scaling: { minReplica: -1 } } } })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, operationId: "updateEndpoint", providerMessage: "Endpoint is already running" });
  });

  it("createEndpoint without a model is answered 400: BadRequestError", async () => {
    const body = {
      name: "my-endpoint-name",
      type: "protected",
      provider: { vendor: "aws", region: "us-east-1" },
      compute: { accelerator: "cpu", instanceType: "intel-icl", instanceSize: "x2", scaling: { minReplica: 0, maxReplica: 1 } },
    } as unknown as HuggingFaceEndpointCreate;
    const error = await client()
      .createEndpoint({ namespace: "acme-ml", body })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, operationId: "createEndpoint" });
  });

  it("client.raw: a string maxReplica is answered 400 and the mock names the offending field", async () => {
    const body = { compute: { scaling: { maxReplica: "many" } } } as unknown as { compute: { scaling: { maxReplica: number } } };
    const { response } = await client().raw.PUT("/v2/endpoint/{namespace}/{name}", { params: { path: ENDPOINT }, body });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("maxReplica");
  });
});
