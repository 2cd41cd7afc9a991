import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, createOpperV2Client, UnprocessableEntityError } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/opper-v2.yaml", import.meta.url));
const FUNCTION_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a";

describeContract("opper", { spec: SPEC, createClient: createOpperV2Client }, ({ client }) => {
  it("a request without the bearer key is answered 401: AuthenticationError", async () => {
    const opper = client({ fetch: withoutHeaders("authorization") });
    const error = await opper.listFunctions().catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: "listFunctions", providerMessage: "Invalid API key." });
  });

  it("updateFunction with a body that breaks the schema is answered 422: UnprocessableEntityError", async () => {
    const body = { name: 42 } as unknown as { name: string };
    const error = await client()
      .updateFunction({ function_id: FUNCTION_ID, body })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, operationId: "updateFunction", body: { type: "RequestValidationError" } });
  });

  it("client.raw: the same body is answered 422 and the mock names the offending field", async () => {
    const body = { name: 42 } as unknown as { name: string };
    const { response } = await client().raw.PATCH("/functions/{function_id}", { params: { path: { function_id: FUNCTION_ID } }, body });
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain("name");
  });

  it("a function id that is not a UUID is answered 422", async () => {
    const error = await client()
      .getFunction({ function_id: "not-a-uuid" })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
  });
});
