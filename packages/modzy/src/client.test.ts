import { json, recordingFetch, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import modelExample from "../test/fixtures/model.example.json";
import versionExample from "../test/fixtures/model-version.example.json";
import seedVersion from "../test/fixtures/model-version.seed.json";
import {
  type ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  createModzyClient,
  InternalServerError,
  InvalidArgumentError,
  type ModzyModelSummary,
  type ModzyModelVersion,
  type ModzyVersionSummary,
  NotFoundError,
  PermissionDeniedError,
} from "./index.js";

const BASE = "https://app.modzy.com/api";
const AUTH = `ApiKey ${SECRET_KEY}`;
const REPORT_URL = "https://app.modzy.com/support/contact-us";

// The spec's own examples (specs/modzy.yaml), shared by getVersion, updateVersion and updateVersionProcessing.
const version = versionExample as ModzyModelVersion;

const models: ModzyModelSummary[] = [
  { modelId: "ed542963de", latestVersion: "0.0.27", versions: ["0.0.27", "0.0.26", "0.0.25"] },
  { modelId: "c60c8dbd79", latestVersion: "1.0.1", versions: ["1.0.1"] },
];
const versions: ModzyVersionSummary[] = [{ version: "0.0.27" }, { version: "0.0.26" }, { version: "0.0.25" }];

const sampleInput = {
  model: { identifier: "ed542963de", version: "0.0.27" },
  input: { type: "text", sources: { "my-input": { "input.txt": "Modzy is great!" } } },
};
const sampleOutput = {
  "results.json": {
    data: {
      result: {
        classPredictions: [
          { class: "positive", score: 0.93 },
          { class: "neutral", score: 0.05 },
          { class: "negative", score: 0.02 },
        ],
      },
    },
  },
};

/** Modzy's error body, as every 4xx/5xx of the spec documents it. */
function modzyError(statusCode: number, status: string, message: string) {
  return { statusCode, status, message, reportErrorUrl: REPORT_URL };
}

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { modzy: createModzyClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

describe("@modelfleet/modzy client", () => {
  describe("listModels", () => {
    it("GET /models with filters, dashed query names and direction as sent", async () => {
      const { modzy, requests } = client(json(200, models));
      const result = await modzy.listModels({
        author: "Open Source",
        createdByEmail: "jane.doe@example.com",
        isActive: true,
        isCommercial: false,
        page: 2,
        "per-page": 10,
        "sort-by": "name",
        direction: "DESC",
      });
      expect(result).toEqual(models);
      const [req] = requests;
      expect(req?.method).toBe("GET");
      expect(req?.url.href).toBe(
        `${BASE}/models?author=Open%20Source&createdByEmail=jane.doe%40example.com&isActive=true&isCommercial=false&page=2&per-page=10&sort-by=name&direction=DESC`,
      );
      expect(req?.url.searchParams.get("per-page")).toBe("10");
      expect(req?.url.searchParams.get("sort-by")).toBe("name");
      expect(req?.url.searchParams.has("perPage")).toBe(false);
      expect(req?.url.searchParams.has("sortBy")).toBe(false);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/modzy@\d+\.\d+\.\d+/);
      expect(req?.body).toBeUndefined();
    });

    it("the remaining filters, and a comma-separated modelId / sort-by, are encoded as one value each", async () => {
      const { modzy, requests } = client(json(200, models));
      await modzy.listModels({
        modelId: "ed542963de,c60c8dbd79",
        name: "Sentiment Analysis",
        description: "sentiment",
        isExpired: false,
        isRecommended: true,
        "sort-by": "name,author",
        direction: "ASC",
      });
      expect(requests[0]?.url.href).toBe(
        `${BASE}/models?modelId=ed542963de%2Cc60c8dbd79&name=Sentiment%20Analysis&description=sentiment&isExpired=false&isRecommended=true&sort-by=name%2Cauthor&direction=ASC`,
      );
      expect(requests[0]?.url.searchParams.get("modelId")).toBe("ed542963de,c60c8dbd79");
      expect(requests[0]?.url.searchParams.get("sort-by")).toBe("name,author");
    });

    it("no parameters sends no query string", async () => {
      const { modzy, requests } = client(json(200, []));
      await expect(modzy.listModels()).resolves.toEqual([]);
      expect(requests[0]?.url.href).toBe(`${BASE}/models`);
    });

    it("an unknown query field fails before any request, naming it", async () => {
      const { modzy, requests } = client(json(200, []));
      // camelCase is not what Modzy reads: only the dashed names are known.
      await expect(modzy.listModels({ perPage: 10 } as never)).rejects.toSatisfy(
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "perPage",
      );
      expect(requests).toHaveLength(0);
    });

    it("a 401 becomes AuthenticationError with Modzy's message", async () => {
      const body = modzyError(401, "UNAUTHORIZED", "Invalid or missing API key");
      const { modzy } = client(json(401, body));
      const error = await modzy.listModels({ page: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthenticationError);
      expect(error).toMatchObject({
        status: 401,
        provider: "modzy",
        operationId: "listModels",
        method: "GET",
        url: `${BASE}/models?page=1`,
        providerMessage: "Invalid or missing API key",
        attempts: 1,
        body,
      });
      expect((error as Error).message).toBe("modzy listModels failed with 401: Invalid or missing API key");
      expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    });
  });

  describe("getModel", () => {
    it("GET /models/{modelId}, the spec's example parses unchanged", async () => {
      const { modzy, requests } = client(json(200, modelExample));
      const result = await modzy.getModel({ modelId: "ed542963de" });
      expect(result).toEqual(modelExample);
      expect(result.lastActiveDateTime).toBe("2021-07-20T01:40:11.187+0000");
      const [req] = requests;
      expect(req?.method).toBe("GET");
      expect(req?.url.href).toBe(`${BASE}/models/ed542963de`);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.body).toBeUndefined();
    });

    it("a 404 becomes NotFoundError with Modzy's message", async () => {
      const body = modzyError(404, "NOT_FOUND", "Model nope not found");
      const { modzy } = client(json(404, body, { "x-request-id": "req_42" }));
      const error = await modzy.getModel({ modelId: "nope" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({
        status: 404,
        provider: "modzy",
        operationId: "getModel",
        method: "GET",
        url: `${BASE}/models/nope`,
        requestId: "req_42",
        providerMessage: "Model nope not found",
        body,
      });
      expect((error as Error).message).toBe("modzy getModel failed with 404: Model nope not found (request id req_42)");
    });
  });

  describe("listVersions", () => {
    it("GET /models/{modelId}/versions with per-page, sort-by and direction as sent", async () => {
      const { modzy, requests } = client(json(200, versions));
      const result = await modzy.listVersions({ modelId: "ed542963de", page: 1, "per-page": 3, "sort-by": "createdAt", direction: "DESC" });
      expect(result).toEqual(versions);
      const [req] = requests;
      expect(req?.method).toBe("GET");
      expect(req?.url.href).toBe(`${BASE}/models/ed542963de/versions?page=1&per-page=3&sort-by=createdAt&direction=DESC`);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.body).toBeUndefined();
    });

    it("only the path parameter sends no query string", async () => {
      const { modzy, requests } = client(json(200, versions));
      await modzy.listVersions({ modelId: "ed542963de" });
      expect(requests[0]?.url.href).toBe(`${BASE}/models/ed542963de/versions`);
    });

    it("a 403 becomes PermissionDeniedError with Modzy's message", async () => {
      const body = modzyError(403, "FORBIDDEN", "The API key does not have the roles required for this request");
      const { modzy } = client(json(403, body));
      const error = await modzy.listVersions({ modelId: "ed542963de" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect(error).toMatchObject({
        status: 403,
        operationId: "listVersions",
        method: "GET",
        url: `${BASE}/models/ed542963de/versions`,
        providerMessage: "The API key does not have the roles required for this request",
        body,
      });
      expect((error as Error).message).toBe(
        "modzy listVersions failed with 403: The API key does not have the roles required for this request",
      );
    });
  });

  describe("getVersion", () => {
    it("GET /models/{modelId}/versions/{version}, the spec's example parses unchanged", async () => {
      const { modzy, requests } = client(json(200, version));
      const result = await modzy.getVersion({ modelId: "ed542963de", version: "0.0.27" });
      expect(result).toEqual(version);
      const [req] = requests;
      expect(req?.method).toBe("GET");
      expect(req?.url.href).toBe(`${BASE}/models/ed542963de/versions/0.0.27`);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.body).toBeUndefined();
    });

    it("`+0000` timestamps come back unchanged, as strings", async () => {
      const { modzy } = client(json(200, version));
      const result = await modzy.getVersion({ modelId: "ed542963de", version: "0.0.27" });
      expect(result.createdAt).toBe("2020-05-13T18:32:59.510+0000");
      expect(result.updatedAt).toBe("2020-05-19T22:01:52.015+0000");
      expect(result.runStatus?.result?.startTime).toBe("2020-05-13T18:40:02.114+0000");
      expect(result.model?.lastActiveDateTime).toBe("2021-07-20T01:40:11.187+0000");
      expect(typeof result.createdAt).toBe("string");
      expect(result.runStatus?.result?.error).toBeNull();
      expect(result.runStatus?.result?.["results.json"]).toEqual({
        data: { result: { classPredictions: [{ class: "positive", score: 0.93 }] } },
      });
    });

    it("the seed's version object (Modzy docs, placeholder values) parses unchanged", async () => {
      const { modzy, requests } = client(json(200, seedVersion));
      const result = await modzy.getVersion({ modelId: "ed542963de", version: "0.0.27" });
      expect(result).toEqual(seedVersion);
      expect(result.containerImage?.imagePrefix).toBe("...");
      expect(result.processing).toEqual({ minimumParallelCapacity: 1, maximumParallelCapacity: 3 });
      expect(result.model?.versions).toEqual([]);
      expect(requests[0]?.url.pathname).toBe("/api/models/ed542963de/versions/0.0.27");
    });

    it("path parameters are encoded, a slash or `..` never changes the path", async () => {
      const { modzy, requests } = client(json(200, version));
      await modzy.getVersion({ modelId: "a/b", version: "../../models" });
      await modzy.getVersion({ modelId: "x y", version: "1.0.0+build.5" });
      expect(requests[0]?.url.pathname).toBe("/api/models/a%2Fb/versions/..%2F..%2Fmodels");
      expect(requests[0]?.url.href).toBe(`${BASE}/models/a%2Fb/versions/..%2F..%2Fmodels`);
      expect(requests[1]?.url.pathname).toBe("/api/models/x%20y/versions/1.0.0%2Bbuild.5");
    });

    it("a bare `..`, `.` or empty path parameter fails before any request, naming it", async () => {
      const { modzy, requests } = client(json(200, version));
      await expect(modzy.getVersion({ modelId: "ed542963de", version: ".." })).rejects.toSatisfy(
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "version" && /version/.test(e.message),
      );
      await expect(modzy.getVersion({ modelId: "..", version: "0.0.27" })).rejects.toSatisfy(
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "modelId",
      );
      await expect(modzy.getVersion({ modelId: "ed542963de", version: "%2E%2E" })).rejects.toSatisfy(
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "version",
      );
      await expect(modzy.getSampleInput({ modelId: "ed542963de", version: "." })).rejects.toSatisfy(
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "version",
      );
      await expect(modzy.getModel({ modelId: "" })).rejects.toSatisfy(
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "modelId",
      );
      expect(requests).toHaveLength(0);
    });

    it("a 404 becomes NotFoundError with Modzy's message (the spec's example)", async () => {
      const body = modzyError(404, "NOT_FOUND", "Model version ed542963de 0.0.99 not found");
      const { modzy } = client(json(404, body));
      const error = await modzy.getVersion({ modelId: "ed542963de", version: "0.0.99" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({
        status: 404,
        provider: "modzy",
        operationId: "getVersion",
        method: "GET",
        url: `${BASE}/models/ed542963de/versions/0.0.99`,
        providerMessage: "Model version ed542963de 0.0.99 not found",
        attempts: 1,
        body,
      });
      expect((error as Error).message).toBe("modzy getVersion failed with 404: Model version ed542963de 0.0.99 not found");
    });
  });

  describe("updateVersion", () => {
    it("PATCH …/versions/{version} with the `{processing}` wrapper, returns the version", async () => {
      const { modzy, requests } = client(json(200, version));
      const result = await modzy.updateVersion({
        modelId: "ed542963de",
        version: "0.0.27",
        body: { processing: { minimumParallelCapacity: 1, maximumParallelCapacity: 3 } },
      });
      expect(result).toEqual(version);
      const [req] = requests;
      expect(req?.method).toBe("PATCH");
      expect(req?.url.href).toBe(`${BASE}/models/ed542963de/versions/0.0.27`);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.headers.get("content-type")).toBe("application/json");
      expect(req?.body).toEqual({ processing: { minimumParallelCapacity: 1, maximumParallelCapacity: 3 } });
    });

    it("sends other fields as given (deploy with status, pick a requirement, scale to zero)", async () => {
      const { modzy, requests } = client(json(200, { ...version, processing: { minimumParallelCapacity: 0, maximumParallelCapacity: 1 } }));
      await modzy.updateVersion({
        modelId: "ed542963de",
        version: "0.0.27",
        body: {
          status: "active",
          requirement: { requirementId: -6 },
          timeout: { status: 60000, run: 120000 },
          processing: { minimumParallelCapacity: 0 },
        },
      });
      expect(requests[0]?.body).toEqual({
        status: "active",
        requirement: { requirementId: -6 },
        timeout: { status: 60000, run: 120000 },
        processing: { minimumParallelCapacity: 0 },
      });
    });

    it("the body is required, checked before any request", async () => {
      const { modzy, requests } = client(json(200, version));
      await expect(modzy.updateVersion({ modelId: "ed542963de", version: "0.0.27" } as never)).rejects.toSatisfy(
        (e: unknown) => e instanceof InvalidArgumentError && e.argument === "body",
      );
      expect(requests).toHaveLength(0);
    });

    it("a 400 becomes BadRequestError with Modzy's message (the spec's example)", async () => {
      const body = modzyError(400, "BAD_REQUEST", "The value of minimumParallelCapacity must not exceed maximumParallelCapacity");
      const { modzy, requests } = client(json(400, body));
      const error = await modzy
        .updateVersion({
          modelId: "ed542963de",
          version: "0.0.27",
          body: { processing: { minimumParallelCapacity: 5, maximumParallelCapacity: 1 } },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({
        status: 400,
        provider: "modzy",
        operationId: "updateVersion",
        method: "PATCH",
        url: `${BASE}/models/ed542963de/versions/0.0.27`,
        providerMessage: "The value of minimumParallelCapacity must not exceed maximumParallelCapacity",
        body,
      });
      expect((error as Error).message).toBe(
        "modzy updateVersion failed with 400: The value of minimumParallelCapacity must not exceed maximumParallelCapacity",
      );
      expect(requests).toHaveLength(1);
    });
  });

  describe("updateVersionProcessing", () => {
    it("PATCH …/versions/{version}/processing with the flat body, returns the version", async () => {
      const { modzy, requests } = client(json(200, version));
      const result = await modzy.updateVersionProcessing({
        modelId: "ed542963de",
        version: "0.0.27",
        body: { minimumParallelCapacity: 1, maximumParallelCapacity: 3 },
      });
      expect(result).toEqual(version);
      const [req] = requests;
      expect(req?.method).toBe("PATCH");
      expect(req?.url.href).toBe(`${BASE}/models/ed542963de/versions/0.0.27/processing`);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.headers.get("content-type")).toBe("application/json");
      expect(req?.body).toEqual({ minimumParallelCapacity: 1, maximumParallelCapacity: 3 });
      expect(req?.body).not.toHaveProperty("processing");
    });

    it("a 403 (no CAN_PATCH_PROCESSING_MODEL_VERSION entitlement) becomes PermissionDeniedError", async () => {
      const body = modzyError(403, "FORBIDDEN", "The API key does not have the roles required for this request");
      const { modzy } = client(json(403, body));
      const error = await modzy
        .updateVersionProcessing({
          modelId: "ed542963de",
          version: "0.0.27",
          body: { minimumParallelCapacity: 0, maximumParallelCapacity: 2 },
        })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermissionDeniedError);
      expect(error).toMatchObject({
        status: 403,
        provider: "modzy",
        operationId: "updateVersionProcessing",
        method: "PATCH",
        url: `${BASE}/models/ed542963de/versions/0.0.27/processing`,
        providerMessage: "The API key does not have the roles required for this request",
        body,
      });
      expect((error as Error).message).toBe(
        "modzy updateVersionProcessing failed with 403: The API key does not have the roles required for this request",
      );
    });
  });

  describe("getSampleInput", () => {
    it("GET …/sample-input returns the publisher's free-form JSON unchanged", async () => {
      const { modzy, requests } = client(json(200, sampleInput));
      await expect(modzy.getSampleInput({ modelId: "ed542963de", version: "0.0.27" })).resolves.toEqual(sampleInput);
      const [req] = requests;
      expect(req?.method).toBe("GET");
      expect(req?.url.href).toBe(`${BASE}/models/ed542963de/versions/0.0.27/sample-input`);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.body).toBeUndefined();
    });

    it("any JSON object shape comes back as is", async () => {
      const odd = {
        input: { type: "embedded", sources: { "0001": { "image.jpg": "data:image/jpeg;base64,/9j/4AAQ" } } },
        n: [1, 2.5, null],
        ok: false,
      };
      const { modzy } = client(json(200, odd));
      await expect(modzy.getSampleInput({ modelId: "c60c8dbd79", version: "1.0.1" })).resolves.toEqual(odd);
    });

    it("a 404 becomes NotFoundError with Modzy's message", async () => {
      const body = modzyError(404, "NOT_FOUND", "Model version ed542963de 0.0.99 not found");
      const { modzy } = client(json(404, body));
      const error = await modzy.getSampleInput({ modelId: "ed542963de", version: "0.0.99" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({
        status: 404,
        operationId: "getSampleInput",
        method: "GET",
        url: `${BASE}/models/ed542963de/versions/0.0.99/sample-input`,
        providerMessage: "Model version ed542963de 0.0.99 not found",
        body,
      });
      expect((error as Error).message).toBe("modzy getSampleInput failed with 404: Model version ed542963de 0.0.99 not found");
    });
  });

  describe("getSampleOutput", () => {
    it("GET …/sample-output returns the publisher's free-form JSON unchanged", async () => {
      const { modzy, requests } = client(json(200, sampleOutput));
      await expect(modzy.getSampleOutput({ modelId: "ed542963de", version: "0.0.27" })).resolves.toEqual(sampleOutput);
      const [req] = requests;
      expect(req?.method).toBe("GET");
      expect(req?.url.href).toBe(`${BASE}/models/ed542963de/versions/0.0.27/sample-output`);
      expect(req?.headers.get("authorization")).toBe(AUTH);
      expect(req?.body).toBeUndefined();
    });

    it("an empty object is a valid sample", async () => {
      const { modzy } = client(json(200, {}));
      await expect(modzy.getSampleOutput({ modelId: "ed542963de", version: "0.0.27" })).resolves.toEqual({});
    });

    it("a 500 becomes InternalServerError with Modzy's message (not retried with maxRetries 0)", async () => {
      const body = modzyError(500, "INTERNAL_SERVER_ERROR", "Unexpected error while processing the request");
      const { modzy, requests } = client(json(500, body));
      const error = await modzy.getSampleOutput({ modelId: "ed542963de", version: "0.0.27" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InternalServerError);
      expect(error).toMatchObject({
        status: 500,
        provider: "modzy",
        operationId: "getSampleOutput",
        method: "GET",
        url: `${BASE}/models/ed542963de/versions/0.0.27/sample-output`,
        providerMessage: "Unexpected error while processing the request",
        attempts: 1,
        body,
      });
      expect((error as ApiError).isRetryable).toBe(true);
      expect((error as Error).message).toBe("modzy getSampleOutput failed with 500: Unexpected error while processing the request");
      expect(requests).toHaveLength(1);
    });
  });

  it("an HTML error page from a proxy still gives a clean ApiError with an excerpt", async () => {
    const { modzy } = client(text(502, "<html><head><title>502</title></head><body><h1>Bad Gateway</h1></body></html>"));
    const error = await modzy.listModels().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 502, body: "502 Bad Gateway", providerMessage: "502 Bad Gateway" });
  });

  it("reads the key from MODZY_API_KEY (sent as `ApiKey <key>`), and names it when missing", async () => {
    const saved = process.env.MODZY_API_KEY;
    try {
      delete process.env.MODZY_API_KEY;
      expect(() => createModzyClient()).toThrow(ConfigurationError);
      expect(() => createModzyClient()).toThrow(/MODZY_API_KEY/);
      process.env.MODZY_API_KEY = "a1b2c3d4e5.f6g7h8i9j0k1l2m3";
      const recorder = recordingFetch(json(200, []));
      const modzy = createModzyClient({ fetch: recorder.fetch, maxRetries: 0 });
      await modzy.listModels();
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("ApiKey a1b2c3d4e5.f6g7h8i9j0k1l2m3");
    } finally {
      if (saved === undefined) delete process.env.MODZY_API_KEY;
      else process.env.MODZY_API_KEY = saved;
    }
  });

  it("a custom baseUrl (on-premises install) keeps its /api prefix", async () => {
    const recorder = recordingFetch(json(200, versions));
    const modzy = createModzyClient({
      apiKey: SECRET_KEY,
      baseUrl: "https://modzy.example.internal/api",
      fetch: recorder.fetch,
      maxRetries: 0,
    });
    await modzy.listVersions({ modelId: "ed542963de", "per-page": 2 });
    expect(recorder.requests[0]?.url.href).toBe("https://modzy.example.internal/api/models/ed542963de/versions?per-page=2");
  });

  it("raw exposes the openapi-fetch client with the same auth, and the Link header is readable", async () => {
    const link = '<https://app.modzy.com/api/models?page=2&per-page=2>; rel="next"';
    const { modzy, requests } = client(json(200, models, { link }));
    const { data, response } = await modzy.raw.GET("/models", {
      params: { query: { page: 1, "per-page": 2, "sort-by": "name", direction: "ASC" } },
    });
    expect(response.status).toBe(200);
    expect(data).toEqual(models);
    expect(response.headers.get("link")).toBe(link);
    expect(response.headers.get("Link")).toBe(link);
    expect(requests[0]?.url.href).toBe(`${BASE}/models?page=1&per-page=2&sort-by=name&direction=ASC`);
    expect(requests[0]?.headers.get("authorization")).toBe(AUTH);
  });

  it("raw: the versions list's Link header is readable too, and absent on the last page", async () => {
    const link = '<https://app.modzy.com/api/models/ed542963de/versions?page=2&per-page=3>; rel="next"';
    const { modzy } = client(json(200, versions, { link }), json(200, [{ version: "0.0.24" }]));
    const first = await modzy.raw.GET("/models/{modelId}/versions", {
      params: { path: { modelId: "ed542963de" }, query: { "per-page": 3 } },
    });
    expect(first.data).toEqual(versions);
    expect(first.response.headers.get("link")).toBe(link);
    const last = await modzy.raw.GET("/models/{modelId}/versions", {
      params: { path: { modelId: "ed542963de" }, query: { page: 2, "per-page": 3 } },
    });
    expect(last.data).toEqual([{ version: "0.0.24" }]);
    expect(last.response.headers.get("link")).toBeNull();
  });
});
