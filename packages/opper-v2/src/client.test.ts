import { empty, json, recordingFetch, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import functionRevision from "../test/fixtures/function-revision.seed.json";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  createOpperV2Client,
  InvalidArgumentError,
  NotFoundError,
  type OpperV2Function,
  type OpperV2FunctionList,
  type OpperV2RevisionList,
  UnprocessableEntityError,
} from "./index.js";

const BASE = "https://api.opper.ai/v2";
const FUNCTION_ID = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
const AUTH = `Bearer ${SECRET_KEY}`;

// The spec's response examples (components/responses) for Opper's error body.
const badRequestBody = { type: "BadRequestError", message: "The request is invalid", detail: "The sort field 'size' is not supported." };
const unauthorizedBody = { type: "UnauthorizedError", message: "The request is unauthorized", detail: "Invalid API key." };
const notFoundBody = { type: "NotFoundError", message: "The resource was not found", detail: "Function not found" };
const conflictBody = { type: "ConflictError", message: "The resource already exists", detail: "Function name exists during update" };
const validationBody = {
  type: "RequestValidationError",
  message: "The request is invalid",
  detail: [{ loc: ["query", "limit"], msg: "Input should be less than or equal to 100", type: "less_than_equal" }],
};

// The spec's getFunction example.
const fn: OpperV2Function = {
  name: "my-function",
  description: "This function is used to add two numbers and return the result.",
  instructions: "You are a calculator that adds two numbers and returns the result.",
  input_schema: {
    properties: { x: { title: "X", type: "integer" }, y: { title: "Y", type: "integer" } },
    required: ["x", "y"],
    title: "OpperV2InputExample",
    type: "object",
  },
  output_schema: {
    properties: { sum: { title: "Sum", type: "integer" } },
    required: ["sum"],
    title: "OpperV2OutputExample",
    type: "object",
  },
  model: { extra_headers: {}, name: "openai/gpt-4o-mini", options: { temperature: 0.5 } },
  configuration: {
    "beta.evaluation.enabled": true,
    "invocation.cache.ttl": 0,
    "invocation.few_shot.count": 0,
    "invocation.structured_generation.max_attempts": 5,
  },
  id: FUNCTION_ID,
  dataset_id: FUNCTION_ID,
  revision_id: FUNCTION_ID,
  observer_enabled: true,
};

// The spec's listFunctions example: one model given as a fallback array, one as a bare name.
const functionList: OpperV2FunctionList = {
  meta: { total_count: 2 },
  data: [
    {
      id: FUNCTION_ID,
      name: "my-function",
      description: "This function is used to add two numbers and return the result.",
      instructions: "You are a calculator that adds two numbers and returns the result.",
      model: ["openai/gpt-4o-mini", "anthropic/claude-3.5-sonnet"],
      revision_id: FUNCTION_ID,
      is_v3: false,
    },
    {
      id: "9b2e4f71-6a8d-4c35-b1e0-52f7d9a3c648",
      name: "summarize-ticket",
      description: "Summarizes a support ticket into one paragraph.",
      instructions: "Summarize the ticket text for a support engineer.",
      model: "azure/gpt-4o-eu",
      revision_id: "e4a7c1d9-2f6b-4a83-9c50-71d8b3f2e6a4",
      is_v3: false,
    },
  ],
};

// The spec's listRevisions example.
const revisionList: OpperV2RevisionList = {
  meta: { total_count: 2 },
  data: [
    {
      id: FUNCTION_ID,
      configuration: {
        "beta.evaluation.enabled": true,
        "invocation.cache.ttl": 0,
        "invocation.few_shot.count": 0,
        "invocation.structured_generation.max_attempts": 5,
      },
      created_at: "2025-03-11T14:22:08.413Z",
      updated_at: null,
    },
    {
      id: "a81e3b5c-94d2-4f70-8e16-2b7c0d9f5e31",
      configuration: { "invocation.cache.ttl": 0, "invocation.structured_generation.max_attempts": 5 },
      created_at: "2025-02-27T09:05:51.120Z",
      updated_at: "2025-02-27T09:06:02.004Z",
    },
  ],
};

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { opper: createOpperV2Client({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

describe("@modelfleet/opper-v2 client", () => {
  it("listFunctions: GET /v2/functions with name, sort and paging, returns {meta, data}", async () => {
    const { opper, requests } = client(json(200, functionList));
    const result = await opper.listFunctions({ name: "my-function", sort: "-created", offset: 40, limit: 20 });
    expect(result).toEqual(functionList);
    expect(result.meta.total_count).toBe(2);
    expect(result.data.map((f) => f.name)).toEqual(["my-function", "summarize-ticket"]);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/functions?name=my-function&sort=-created&offset=40&limit=20`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/opper-v2@\d+\.\d+\.\d+/);
    expect(req?.body).toBeUndefined();
  });

  it("listFunctions: no parameters sends no query string; offset 0 is still sent", async () => {
    const page = { meta: { total_count: 0 }, data: [] };
    const { opper, requests } = client(json(200, page));
    await expect(opper.listFunctions()).resolves.toEqual(page);
    await expect(opper.listFunctions({ offset: 0 })).resolves.toEqual(page);
    expect(requests[0]?.url.href).toBe(`${BASE}/functions`);
    expect(requests[1]?.url.href).toBe(`${BASE}/functions?offset=0`);
  });

  it("listFunctions: a name filter with `/` is percent-encoded in the query", async () => {
    const { opper, requests } = client(json(200, { meta: { total_count: 0 }, data: [] }));
    await opper.listFunctions({ name: "my-namespace/my-sub-function" });
    expect(requests[0]?.url.href).toBe(`${BASE}/functions?name=my-namespace%2Fmy-sub-function`);
  });

  it("listFunctions: a 400 becomes BadRequestError with Opper's message", async () => {
    const { opper } = client(json(400, badRequestBody, { "x-request-id": "req_400" }));
    const error = await opper.listFunctions({ sort: "size" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      provider: "opper-v2",
      operationId: "listFunctions",
      method: "GET",
      url: `${BASE}/functions?sort=size`,
      requestId: "req_400",
      providerMessage: "The sort field 'size' is not supported.",
      attempts: 1,
      body: badRequestBody,
    });
    expect((error as Error).message).toBe(
      "opper-v2 listFunctions failed with 400: The sort field 'size' is not supported. (request id req_400)",
    );
  });

  it("getFunction: GET /v2/functions/{function_id}", async () => {
    const { opper, requests } = client(json(200, fn));
    await expect(opper.getFunction({ function_id: FUNCTION_ID })).resolves.toEqual(fn);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/functions/${FUNCTION_ID}`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.body).toBeUndefined();
  });

  it("getFunction: a 404 becomes NotFoundError; providerMessage is Opper's specific `detail`, not the generic `message`", async () => {
    const { opper } = client(json(404, notFoundBody, { "x-request-id": "req_404" }));
    const error = await opper.getFunction({ function_id: FUNCTION_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      provider: "opper-v2",
      operationId: "getFunction",
      method: "GET",
      url: `${BASE}/functions/${FUNCTION_ID}`,
      requestId: "req_404",
      providerMessage: "Function not found",
      attempts: 1,
      body: notFoundBody,
    });
    expect((error as Error).message).toBe("opper-v2 getFunction failed with 404: Function not found (request id req_404)");
  });

  it("deleteFunction: DELETE /v2/functions/{function_id}, a 204 without body resolves to undefined", async () => {
    const { opper, requests } = client(empty(204));
    await expect(opper.deleteFunction({ function_id: FUNCTION_ID })).resolves.toBeUndefined();
    const [req] = requests;
    expect(req?.method).toBe("DELETE");
    expect(req?.url.href).toBe(`${BASE}/functions/${FUNCTION_ID}`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.body).toBeUndefined();
  });

  it("deleteFunction: a 404 whose body has only `detail` falls back to detail", async () => {
    const { opper } = client(json(404, { detail: "Function not found" }));
    const error = await opper.deleteFunction({ function_id: FUNCTION_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      operationId: "deleteFunction",
      method: "DELETE",
      url: `${BASE}/functions/${FUNCTION_ID}`,
      providerMessage: "Function not found",
      requestId: undefined,
      body: { detail: "Function not found" },
    });
    expect((error as Error).message).toBe("opper-v2 deleteFunction failed with 404: Function not found");
  });

  it("updateFunction: PATCH with a partial body; dotted configuration keys round-trip flat", async () => {
    const patch = {
      instructions: "You are a calculator. Add the two integers and return only their sum.",
      model: { name: "openai/gpt-4o-mini", options: { temperature: 0 } },
      configuration: { "invocation.cache.ttl": 3600, "invocation.structured_generation.max_attempts": 3 },
    };
    const updated: OpperV2Function = {
      ...fn,
      instructions: patch.instructions,
      model: { extra_headers: {}, name: "openai/gpt-4o-mini", options: { temperature: 0 } },
      configuration: {
        "beta.evaluation.enabled": true,
        "invocation.cache.ttl": 3600,
        "invocation.few_shot.count": 0,
        "invocation.structured_generation.max_attempts": 3,
      },
      revision_id: "5d1f8a2b-7c64-4e09-a3b5-c8e2f6d41a97",
    };
    const { opper, requests } = client(json(200, updated));
    const result = await opper.updateFunction({ function_id: FUNCTION_ID, body: patch });
    expect(result).toEqual(updated);
    expect(result.configuration?.["invocation.cache.ttl"]).toBe(3600);
    expect(result.configuration?.["beta.evaluation.enabled"]).toBe(true);
    const [req] = requests;
    expect(req?.method).toBe("PATCH");
    expect(req?.url.href).toBe(`${BASE}/functions/${FUNCTION_ID}`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.headers.get("content-type")).toBe("application/json");
    // Exactly the fields given: nothing filled in, dotted keys not nested into objects.
    expect(req?.body).toEqual(patch);
    expect(Object.keys((req?.body as { configuration: object } | undefined)?.configuration ?? {})).toEqual([
      "invocation.cache.ttl",
      "invocation.structured_generation.max_attempts",
    ]);
  });

  it("updateFunction: a one-field patch sends only that field; explicit null is kept", async () => {
    const { opper, requests } = client(json(200, fn));
    await opper.updateFunction({ function_id: FUNCTION_ID, body: { name: "renamed" } });
    await opper.updateFunction({ function_id: FUNCTION_ID, body: { description: null } });
    expect(requests[0]?.body).toEqual({ name: "renamed" });
    expect(requests[1]?.body).toEqual({ description: null });
  });

  it("updateFunction: a missing body fails before any request", async () => {
    const { opper, requests } = client(json(200, fn));
    // @ts-expect-error: body is required
    await expect(opper.updateFunction({ function_id: FUNCTION_ID })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "body",
    );
    expect(requests).toHaveLength(0);
  });

  it("updateFunction: a 409 (name taken) becomes ConflictError and the PATCH is not retried", async () => {
    const recorder = recordingFetch(json(409, conflictBody));
    const opper = createOpperV2Client({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: async () => {} });
    const error = await opper.updateFunction({ function_id: FUNCTION_ID, body: { name: "summarize-ticket" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      status: 409,
      provider: "opper-v2",
      operationId: "updateFunction",
      method: "PATCH",
      url: `${BASE}/functions/${FUNCTION_ID}`,
      providerMessage: "Function name exists during update",
      attempts: 1,
      body: conflictBody,
    });
    expect((error as Error).message).toBe("opper-v2 updateFunction failed with 409: Function name exists during update");
    expect(recorder.requests).toHaveLength(1);
  });

  it("updateFunction: extra_headers is redacted from debug logs", async () => {
    const lines: unknown[] = [];
    const log = (message: string, details?: Record<string, unknown>) => void lines.push({ message, details });
    const recorder = recordingFetch(json(200, fn));
    const opper = createOpperV2Client({
      apiKey: SECRET_KEY,
      fetch: recorder.fetch,
      maxRetries: 0,
      logLevel: "debug",
      logger: { debug: log, info: log, warn: log, error: log },
    });
    const body = { model: { name: "openai/gpt-4o-mini", extra_headers: { "x-provider-auth": "provider-secret-42" } } };
    await opper.updateFunction({ function_id: FUNCTION_ID, body });
    expect(recorder.requests[0]?.body).toEqual(body);
    const logged = JSON.stringify(lines);
    expect(lines.length).toBeGreaterThan(0);
    expect(logged).not.toContain("provider-secret-42");
    expect(logged).not.toContain(SECRET_KEY);
    expect(logged).toContain('"extra_headers":"[redacted]"');
  });

  it("getFunctionByName: a name with `/` and `.` is encoded into one path segment", async () => {
    const named = { ...fn, name: "my-namespace/my-sub-function" };
    const { opper, requests } = client(json(200, named));
    await expect(opper.getFunctionByName({ name: "my-namespace/my-sub-function" })).resolves.toEqual(named);
    await opper.getFunctionByName({ name: "team.v2/summarize.ticket" });
    const [first, second] = requests;
    expect(first?.method).toBe("GET");
    expect(first?.url.href).toBe(`${BASE}/functions/by-name/my-namespace%2Fmy-sub-function`);
    expect(first?.headers.get("authorization")).toBe(AUTH);
    expect(second?.url.href).toBe(`${BASE}/functions/by-name/team.v2%2Fsummarize.ticket`);
  });

  it("getFunctionByName: `..` inside a value is encoded and stays in one segment; a bare `..` fails before any request", async () => {
    const { opper, requests } = client(json(200, fn));
    await opper.getFunctionByName({ name: "../../functions/x y" });
    expect(requests[0]?.url.pathname).toBe("/v2/functions/by-name/..%2F..%2Ffunctions%2Fx%20y");
    await expect(opper.getFunctionByName({ name: ".." })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "name" && /getFunctionByName/.test(e.message),
    );
    await expect(opper.getRevision({ function_id: FUNCTION_ID, revision_id: "%2e%2E" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "revision_id",
    );
    await expect(opper.deleteFunction({ function_id: "" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "function_id",
    );
    expect(requests).toHaveLength(1);
  });

  it("getFunctionByName: a 401 becomes AuthenticationError with Opper's message", async () => {
    const { opper } = client(json(401, unauthorizedBody));
    const error = await opper.getFunctionByName({ name: "my-function" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      operationId: "getFunctionByName",
      method: "GET",
      url: `${BASE}/functions/by-name/my-function`,
      providerMessage: "Invalid API key.",
      body: unauthorizedBody,
    });
    expect((error as Error).message).toBe("opper-v2 getFunctionByName failed with 401: Invalid API key.");
  });

  it("listRevisions: GET …/revisions with offset and limit, returns {meta, data}", async () => {
    const { opper, requests } = client(json(200, revisionList));
    const result = await opper.listRevisions({ function_id: FUNCTION_ID, offset: 20, limit: 10 });
    expect(result).toEqual(revisionList);
    expect(result.meta.total_count).toBe(2);
    expect(result.data[0]?.configuration["beta.evaluation.enabled"]).toBe(true);
    expect(result.data[0]?.updated_at).toBeNull();
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/functions/${FUNCTION_ID}/revisions?offset=20&limit=10`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
  });

  it("listRevisions: only the path parameter sends no query string", async () => {
    const { opper, requests } = client(json(200, revisionList));
    await opper.listRevisions({ function_id: FUNCTION_ID });
    expect(requests[0]?.url.href).toBe(`${BASE}/functions/${FUNCTION_ID}/revisions`);
  });

  it("listRevisions: a 422 becomes UnprocessableEntityError; the detail list becomes the message", async () => {
    const { opper } = client(json(422, validationBody));
    const error = await opper.listRevisions({ function_id: FUNCTION_ID, limit: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      status: 422,
      operationId: "listRevisions",
      method: "GET",
      url: `${BASE}/functions/${FUNCTION_ID}/revisions?limit=1000`,
      providerMessage: "query.limit: Input should be less than or equal to 100",
      body: validationBody,
    });
    expect((error as Error).message).toBe("opper-v2 listRevisions failed with 422: query.limit: Input should be less than or equal to 100");
  });

  it("listRevisions: a 422 with only a `detail` list joins the field errors", async () => {
    const { opper } = client(json(422, { detail: validationBody.detail }));
    const error = await opper.listRevisions({ function_id: FUNCTION_ID, limit: 1000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).providerMessage).toBe("query.limit: Input should be less than or equal to 100");
  });

  it("getRevision: GET …/revisions/{revision_id}, the seed revision object parses unchanged", async () => {
    const revisionId = "5d1f8a2b-7c64-4e09-a3b5-c8e2f6d41a97";
    const { opper, requests } = client(json(200, functionRevision));
    const result = await opper.getRevision({ function_id: FUNCTION_ID, revision_id: revisionId });
    expect(result).toEqual(functionRevision);
    expect(result.configuration).toEqual({
      "beta.evaluation.enabled": true,
      "invocation.cache.ttl": 0,
      "invocation.few_shot.count": 0,
      "invocation.structured_generation.max_attempts": 5,
    });
    expect("observer_enabled" in result).toBe(false);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/functions/${FUNCTION_ID}/revisions/${revisionId}`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
  });

  it("getRevision: a 404 becomes NotFoundError", async () => {
    const { opper } = client(json(404, notFoundBody));
    const error = await opper.getRevision({ function_id: FUNCTION_ID, revision_id: "missing" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      operationId: "getRevision",
      method: "GET",
      url: `${BASE}/functions/${FUNCTION_ID}/revisions/missing`,
      providerMessage: "Function not found",
      body: notFoundBody,
    });
    expect((error as Error).message).toBe("opper-v2 getRevision failed with 404: Function not found");
  });

  it("a baseUrl override keeps its own path prefix, with or without a trailing slash", async () => {
    for (const baseUrl of ["https://proxy.example.com/opper/v2", "https://proxy.example.com/opper/v2/"]) {
      const recorder = recordingFetch(json(200, fn));
      const opper = createOpperV2Client({ apiKey: SECRET_KEY, baseUrl, fetch: recorder.fetch, maxRetries: 0 });
      await opper.getFunction({ function_id: FUNCTION_ID });
      expect(recorder.requests[0]?.url.href).toBe(`https://proxy.example.com/opper/v2/functions/${FUNCTION_ID}`);
    }
  });

  it("an error body echoing the key never carries it into the error", async () => {
    const body = { type: "UnauthorizedError", message: "The request is unauthorized", detail: `Key ${SECRET_KEY} is not valid` };
    const { opper } = client(json(401, body));
    const error = await opper.getFunction({ function_id: FUNCTION_ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect((error as Error).message).not.toContain(SECRET_KEY);
    expect((error as AuthenticationError).providerMessage).toBe("Key [redacted] is not valid");
  });

  it("an HTML error page from a proxy still gives a clean ApiError with an excerpt", async () => {
    const { opper } = client(text(502, "<html><head><title>502</title></head><body><h1>Bad Gateway</h1></body></html>"));
    const error = await opper.listFunctions().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, body: "502 Bad Gateway", providerMessage: "502 Bad Gateway" });
  });

  it("reads the key from OPPER_API_KEY, and names it when missing", async () => {
    const saved = process.env.OPPER_API_KEY;
    try {
      delete process.env.OPPER_API_KEY;
      expect(() => createOpperV2Client()).toThrow(ConfigurationError);
      expect(() => createOpperV2Client()).toThrow(/OPPER_API_KEY/);
      process.env.OPPER_API_KEY = "from-env";
      const recorder = recordingFetch(json(200, fn));
      const opper = createOpperV2Client({ fetch: recorder.fetch, maxRetries: 0 });
      await opper.getFunction({ function_id: FUNCTION_ID });
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("Bearer from-env");
    } finally {
      if (saved === undefined) delete process.env.OPPER_API_KEY;
      else process.env.OPPER_API_KEY = saved;
    }
  });

  it("raw exposes the openapi-fetch client with the same auth and base path", async () => {
    const { opper, requests } = client(json(200, functionList));
    const { data, response } = await opper.raw.GET("/functions", { params: { query: { limit: 5 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual(functionList);
    expect(requests[0]?.url.href).toBe(`${BASE}/functions?limit=5`);
    expect(requests[0]?.headers.get("authorization")).toBe(AUTH);
  });
});
