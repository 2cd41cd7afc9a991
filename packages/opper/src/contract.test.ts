import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, BadRequestError, createOpperClient } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/opper.yaml", import.meta.url));

// Opper v3 declares no 422: the mock answers an invalid request with the spec's 400, as Opper does.
describeContract("opper", { spec: SPEC, createClient: createOpperClient }, ({ client }) => {
  it("a request without the bearer key is answered 401 (no body): AuthenticationError", async () => {
    const opper = client({ fetch: withoutHeaders("authorization") });
    const error = await opper.listFunctions().catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: "listFunctions" });
  });

  it("updateFunction with a body that breaks the schema is answered 400: BadRequestError with Opper's error object", async () => {
    const body = { source: 42 } as unknown as { source: string };
    const error = await client()
      .updateFunction({ name: "summarize-ticket", body })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, operationId: "updateFunction", body: { error: { code: "validation_error" } } });
  });

  it("client.raw: the same body is answered 400 and the mock names the offending field", async () => {
    const body = { source: 42 } as unknown as { source: string };
    const { response } = await client().raw.PUT("/v3/functions/{name}", { params: { path: { name: "summarize-ticket" } }, body });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("source");
  });

  it("a revision that is not an integer is answered 400", async () => {
    const error = await client()
      .getRevision({ name: "summarize-ticket", revisionID: "latest" as unknown as number })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
  });
});
