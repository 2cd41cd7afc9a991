import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, BadRequestError, createModzyClient } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/modzy.yaml", import.meta.url));
const VERSION = { modelId: "ed542963de", version: "0.0.27" };

describeContract("modzy", { spec: SPEC, createClient: createModzyClient }, ({ client, mock }) => {
  it("a request without the Authorization header is answered 401: AuthenticationError", async () => {
    // Prism cannot check the custom `ApiKey` http scheme; the mock server stands in a required header for it.
    expect(mock().adjustments).toEqual([expect.stringContaining('http "ApiKey"')]);
    const modzy = client({ fetch: withoutHeaders("authorization") });
    const error = await modzy.getModel({ modelId: "ed542963de" }).catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: "getModel", providerMessage: "Invalid or missing API key" });
  });

  // Modzy documents no 422: it answers a request it cannot use with 400, and so does the mock of its spec.
  it("updateVersion with an empty body (the schema wants at least one field) is answered 400: BadRequestError", async () => {
    const error = await client()
      .updateVersion({ ...VERSION, body: {} })
      .catch((e: unknown) => e);
    expect(BadRequestError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 400, operationId: "updateVersion" });
  });

  it("client.raw: a negative processing capacity is answered 400 and the mock names the offending field", async () => {
    const body = { minimumParallelCapacity: -1, maximumParallelCapacity: 3 };
    const { response } = await client().raw.PATCH("/models/{modelId}/versions/{version}/processing", { params: { path: VERSION }, body });
    expect(response.status).toBe(400);
    expect(response.headers.get("sl-violations")).toContain("minimumParallelCapacity");
  });
});
