import { fileURLToPath } from "node:url";
import { describeContract, withoutHeaders } from "@modelfleet/test-utils/contract";
import { expect, it } from "vitest";
import { AuthenticationError, createSieveClient, UnprocessableEntityError } from "./index.js";

const SPEC = fileURLToPath(new URL("../../../specs/sieve.yaml", import.meta.url));
const EDIT_PATH = "/v2/functions/{owner_name}/{function_name}/versions/{version_slug}/edit";
const VERSION = { owner_name: "sieve", function_name: "retalker", version_slug: "latest" };

describeContract("sieve", { spec: SPEC, createClient: createSieveClient }, ({ client }) => {
  it("a request without the X-API-Key header is answered 401: AuthenticationError", async () => {
    const sieve = client({ fetch: withoutHeaders("x-api-key") });
    const error = await sieve.listFunctions().catch((e: unknown) => e);
    expect(AuthenticationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 401, operationId: "listFunctions", providerMessage: "Unauthorized - valid API Key required." });
  });

  it("editVersion with a body that breaks the schema is answered 422: UnprocessableEntityError", async () => {
    const body = { minimum_replicas: "two" } as unknown as { minimum_replicas: number };
    const error = await client()
      .editVersion({ ...VERSION, body })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 422, operationId: "editVersion" });
  });

  it("client.raw: the same invalid body is answered 422 and the mock names the offending field", async () => {
    const body = { minimum_replicas: "two" } as unknown as { minimum_replicas: number };
    const { response, error } = await client().raw.POST(EDIT_PATH, { params: { path: VERSION }, body });
    expect(response.status).toBe(422);
    expect(response.headers.get("sl-violations")).toContain("minimum_replicas");
    expect(error).toMatchObject({ detail: [expect.objectContaining({ type: expect.any(String) })] });
  });

  it("a query parameter of the wrong type is answered 422", async () => {
    const error = await client()
      .listFunctions({ limit: "many" as unknown as number })
      .catch((e: unknown) => e);
    expect(UnprocessableEntityError.isInstance(error)).toBe(true);
  });
});
