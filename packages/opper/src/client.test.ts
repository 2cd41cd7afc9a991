import { empty, json, recordingFetch, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import notFoundSeed from "../test/fixtures/error-not-found.seed.json";
import validationSeed from "../test/fixtures/error-validation.seed.json";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  createOpperClient,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  type OpperFunctionDetails,
  type OpperFunctionList,
  type OpperFunctionRevision,
  type OpperRevisionList,
} from "./index.js";

const BASE = "https://api.opper.ai/v3";
const AUTH = `Bearer ${SECRET_KEY}`;

const source = 'def run(input):\n    return {"summary": llm(f"Summarize for a support engineer: {input[\'text\']}")}\n';
const inputSchema = { type: "object", properties: { text: { type: "string" } }, required: ["text"] };
const outputSchema = { type: "object", properties: { summary: { type: "string" } }, required: ["summary"] };

// The spec's examples.
const details: OpperFunctionDetails = {
  name: "summarize-ticket",
  schema_hash: "9f2c61d4a07b",
  generated_at: "2026-03-02T10:15:42Z",
  hit_count: 1284,
  source,
  input_schema: inputSchema,
  output_schema: outputSchema,
};
const functionList: OpperFunctionList = {
  functions: [
    { name: "summarize-ticket", schema_hash: "9f2c61d4a07b", generated_at: "2026-03-02T10:15:42Z", hit_count: 1284, has_script: true },
    { name: "support/classify-intent", schema_hash: "41be09c7d3aa", generated_at: "2026-03-05T16:02:11Z", hit_count: 0, has_script: false },
  ],
};
const revisionList: OpperRevisionList = {
  revisions: [
    { revision_id: 1, created_at: "2026-03-02T10:15:42Z", schema_hash: "9f2c61d4a07b", is_current: false },
    { revision_id: 2, created_at: "2026-03-09T08:30:05Z", schema_hash: "9f2c61d4a07b", is_current: true },
  ],
};
const revision: OpperFunctionRevision = {
  revision_id: 1,
  source,
  schema_hash: "9f2c61d4a07b",
  created_at: "2026-03-02T10:15:42Z",
  input_schema: inputSchema,
  output_schema: outputSchema,
};

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { opper: createOpperClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

describe("@modelfleet/opper client (Opper v3)", () => {
  it("listFunctions: GET /v3/functions with the bearer key, no query, returns {functions}", async () => {
    const { opper, requests } = client(json(200, functionList));
    const result = await opper.listFunctions();
    expect(result).toEqual(functionList);
    expect(result.functions.map((f) => [f.name, f.has_script])).toEqual([
      ["summarize-ticket", true],
      ["support/classify-intent", false],
    ]);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/functions`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/opper@\d+\.\d+\.\d+/);
    expect(req?.body).toBeUndefined();
  });

  it("listFunctions: a 400 becomes BadRequestError; the message is read from the nested error object", async () => {
    const { opper } = client(json(400, validationSeed, { "x-request-id": "req_400" }));
    const error = await opper.listFunctions().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      provider: "opper",
      operationId: "listFunctions",
      method: "GET",
      url: `${BASE}/functions`,
      requestId: "req_400",
      providerMessage: "bad input",
      attempts: 1,
      body: validationSeed,
    });
    expect((error as Error).message).toBe("opper listFunctions failed with 400: bad input (request id req_400)");
  });

  it("getFunction: GET /v3/functions/{name}; a name with `/` stays one percent-encoded segment", async () => {
    const { opper, requests } = client(json(200, details), json(200, { ...details, name: "support/classify-intent" }));
    await expect(opper.getFunction({ name: "summarize-ticket" })).resolves.toEqual(details);
    const result = await opper.getFunction({ name: "support/classify-intent" });
    expect(result.name).toBe("support/classify-intent");
    expect(requests.map((r) => [r.method, r.url.href])).toEqual([
      ["GET", `${BASE}/functions/summarize-ticket`],
      ["GET", `${BASE}/functions/support%2Fclassify-intent`],
    ]);
    expect(requests[0]?.headers.get("authorization")).toBe(AUTH);
  });

  it("getFunction: a 404 becomes NotFoundError with Opper's code and message in the body", async () => {
    const { opper } = client(json(404, notFoundSeed));
    const error = await opper.getFunction({ name: "missing" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      operationId: "getFunction",
      url: `${BASE}/functions/missing`,
      providerMessage: "not found",
      body: { error: { code: "not_found" } },
    });
  });

  it("a 401 without a body becomes AuthenticationError and is not retried", async () => {
    const recorder = recordingFetch(empty(401));
    const opper = createOpperClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: async () => {} });
    const error = await opper.getFunction({ name: "summarize-ticket" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, operationId: "getFunction", attempts: 1 });
    expect((error as Error).message).not.toContain(SECRET_KEY);
    expect(recorder.requests).toHaveLength(1);
  });

  it("updateFunction: PUT with {source}, returns the function with its new source", async () => {
    const body = { source: 'def run(input):\n    return {"summary": "x"}\n' };
    const updated = { ...details, source: body.source };
    const { opper, requests } = client(json(200, updated));
    await expect(opper.updateFunction({ name: "summarize-ticket", body })).resolves.toEqual(updated);
    const [req] = requests;
    expect(req?.method).toBe("PUT");
    expect(req?.url.href).toBe(`${BASE}/functions/summarize-ticket`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.body).toEqual(body);
  });

  it("updateFunction: replacing the source is a plain set, so a 500 is retried and the retry's answer returned", async () => {
    const recorder = recordingFetch(json(500, { error: { code: "internal_error", message: "internal server error" } }), json(200, details));
    const opper = createOpperClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: async () => {} });
    await expect(opper.updateFunction({ name: "summarize-ticket", body: { source } })).resolves.toEqual(details);
    expect(recorder.requests.map((r) => r.method)).toEqual(["PUT", "PUT"]);
    expect(recorder.requests[1]?.body).toEqual({ source });
  });

  it("updateFunction: a missing body fails before any request, naming it", async () => {
    const { opper, requests } = client(json(200, details));
    const error = await opper.updateFunction({ name: "summarize-ticket" } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "body" });
    expect(requests).toHaveLength(0);
  });

  it("deleteFunction: DELETE /v3/functions/{name}, a 204 without body resolves to undefined", async () => {
    const { opper, requests } = client(empty(204));
    await expect(opper.deleteFunction({ name: "support/classify-intent" })).resolves.toBeUndefined();
    const [req] = requests;
    expect(req?.method).toBe("DELETE");
    expect(req?.url.href).toBe(`${BASE}/functions/support%2Fclassify-intent`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.body).toBeUndefined();
  });

  it("listRevisions: GET …/revisions, every revision at once with integer ids and is_current", async () => {
    const { opper, requests } = client(json(200, revisionList));
    const result = await opper.listRevisions({ name: "summarize-ticket" });
    expect(result).toEqual(revisionList);
    expect(result.revisions.find((r) => r.is_current)?.revision_id).toBe(2);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/functions/summarize-ticket/revisions`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
  });

  it("getRevision: the integer revisionID goes into the path", async () => {
    const { opper, requests } = client(json(200, revision));
    const result = await opper.getRevision({ name: "summarize-ticket", revisionID: 1 });
    expect(result).toEqual(revision);
    expect(result.revision_id).toBe(1);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/functions/summarize-ticket/revisions/1`);
  });

  it("getRevision: a 500 on a read is retried, and the last error says how many attempts were made", async () => {
    const failure = { error: { code: "internal_error", message: "internal server error" } };
    const recorder = recordingFetch(json(500, failure), json(500, failure), json(500, failure));
    const opper = createOpperClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: async () => {} });
    const error = await opper.getRevision({ name: "summarize-ticket", revisionID: 7 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, providerMessage: "internal server error", attempts: 3 });
    expect(recorder.requests).toHaveLength(3);
  });

  it("revertRevision: POST …/revisions/{revisionID}/revert without a body, returns the function afterwards", async () => {
    const { opper, requests } = client(json(200, { ...details, hit_count: 1290 }));
    const result = await opper.revertRevision({ name: "support/classify-intent", revisionID: 1 });
    expect(result.hit_count).toBe(1290);
    const [req] = requests;
    expect(req?.method).toBe("POST");
    expect(req?.url.href).toBe(`${BASE}/functions/support%2Fclassify-intent/revisions/1/revert`);
    expect(req?.headers.get("authorization")).toBe(AUTH);
    expect(req?.body).toBeUndefined();
  });

  it("revertRevision: a 500 is not retried (whether a revert adds a revision is not documented)", async () => {
    const recorder = recordingFetch(json(500, { error: { code: "internal_error", message: "internal server error" } }), json(200, details));
    const opper = createOpperClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: async () => {} });
    const error = await opper.revertRevision({ name: "summarize-ticket", revisionID: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ operationId: "revertRevision", method: "POST", attempts: 1 });
    expect(recorder.requests).toHaveLength(1);
  });

  it("revertRevision: a 404 for a revision that does not exist becomes NotFoundError", async () => {
    const { opper } = client(json(404, notFoundSeed));
    const error = await opper.revertRevision({ name: "summarize-ticket", revisionID: 99 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ url: `${BASE}/functions/summarize-ticket/revisions/99/revert`, providerMessage: "not found" });
  });

  it("a name that would move the URL (`..`, empty) fails before any request, naming the parameter", async () => {
    const { opper, requests } = client(json(200, details));
    await opper.getFunction({ name: "../../v2/functions" });
    expect(requests[0]?.url.pathname).toBe("/v3/functions/..%2F..%2Fv2%2Ffunctions");
    for (const call of [
      () => opper.getFunction({ name: ".." }),
      () => opper.deleteFunction({ name: "" }),
      () => opper.revertRevision({ name: "%2e%2E", revisionID: 1 }),
      () => opper.getRevision({ name: "summarize-ticket", revisionID: undefined as never }),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
    }
    const missing = await opper.getRevision({ name: "summarize-ticket" } as never).catch((e: unknown) => e);
    expect(missing).toMatchObject({ argument: "revisionID" });
    expect(requests).toHaveLength(1);
  });

  it("a baseUrl override is an origin (or a prefix) the /v3 paths go under", async () => {
    for (const baseUrl of ["https://proxy.example.com/opper", "https://proxy.example.com/opper/"]) {
      const recorder = recordingFetch(json(200, revisionList));
      const opper = createOpperClient({ apiKey: SECRET_KEY, baseUrl, fetch: recorder.fetch, maxRetries: 0 });
      await opper.listRevisions({ name: "summarize-ticket" });
      expect(recorder.requests[0]?.url.href).toBe("https://proxy.example.com/opper/v3/functions/summarize-ticket/revisions");
    }
  });

  it("an error body echoing the key never carries it into the error", async () => {
    const body = { error: { code: "unauthorized", message: `key ${SECRET_KEY} is not valid` } };
    const { opper } = client(json(400, body));
    const error = await opper.listFunctions().catch((e: unknown) => e);
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect((error as Error).message).not.toContain(SECRET_KEY);
    expect((error as BadRequestError).providerMessage).toBe("key [redacted] is not valid");
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
      expect(() => createOpperClient()).toThrow(ConfigurationError);
      expect(() => createOpperClient()).toThrow(/OPPER_API_KEY/);
      process.env.OPPER_API_KEY = "from-env";
      const recorder = recordingFetch(json(200, functionList));
      await createOpperClient({ fetch: recorder.fetch, maxRetries: 0 }).listFunctions();
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("Bearer from-env");
    } finally {
      if (saved === undefined) delete process.env.OPPER_API_KEY;
      else process.env.OPPER_API_KEY = saved;
    }
  });

  it("raw exposes the openapi-fetch client with the same auth and base URL", async () => {
    const { opper, requests } = client(json(200, revision));
    const { data, response } = await opper.raw.GET("/v3/functions/{name}/revisions/{revisionID}", {
      params: { path: { name: "summarize-ticket", revisionID: 1 } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(revision);
    expect(requests[0]?.url.href).toBe(`${BASE}/functions/summarize-ticket/revisions/1`);
    expect(requests[0]?.headers.get("authorization")).toBe(AUTH);
  });
});
