import { json, recordingFetch, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import legacyVersion from "../test/fixtures/legacy-version.seed.json";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  createSieveClient,
  InvalidArgumentError,
  NotFoundError,
  type SieveVersion,
  UnprocessableEntityError,
} from "./index.js";

const BASE = "https://mango.sievedata.com";

const version: SieveVersion = {
  id: "41b83e76-0a13-4d96-b0a0-7cd62c9977c3",
  build_status: "ready",
  queued_at: "2024-12-15T01:41:59.195000",
  built_at: "2024-12-15T01:43:10.002000",
  ready_at: "2024-12-15T01:43:30.118000",
  compute_type: "l4",
  python_packages: ["torch"],
  system_packages: [],
  gpu: true,
  split: 1,
  inputs: [{ name: "audio", type: "sieve.File" }],
  outputs: [{ type: "dict" }],
  environment_variables: [],
  function_dependencies: [],
  minimum_replicas: 1,
  maximum_replicas: 3,
};

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { sieve: createSieveClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

describe("@modelfleet/sieve client", () => {
  it("listFunctions: GET /v2/functions with limit and offset", async () => {
    const apps = [{ name: "retalker", owner_name: "sieve" }];
    const { sieve, requests } = client(json(200, apps));
    await expect(sieve.listFunctions({ limit: 10, offset: 20 })).resolves.toEqual(apps);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/v2/functions?limit=10&offset=20`);
    expect(req?.headers.get("x-api-key")).toBe(SECRET_KEY);
    expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/sieve@\d+\.\d+\.\d+/);
    expect(req?.body).toBeUndefined();
  });

  it("listFunctions: no parameters sends no query string", async () => {
    const { sieve, requests } = client(json(200, []));
    await expect(sieve.listFunctions()).resolves.toEqual([]);
    expect(requests[0]?.url.href).toBe(`${BASE}/v2/functions`);
  });

  it("getFunction: GET /v2/functions/{owner}/{function}", async () => {
    const app = { name: "retalker", owner_name: "sieve", latest_version: version };
    const { sieve, requests } = client(json(200, app));
    await expect(sieve.getFunction({ owner_name: "sieve", function_name: "retalker" })).resolves.toEqual(app);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.pathname).toBe("/v2/functions/sieve/retalker");
  });

  it("getFunction: a 404 becomes NotFoundError with Sieve's detail", async () => {
    const { sieve } = client(json(404, { detail: "Function not found." }, { "x-request-id": "req_1" }));
    const error = await sieve.getFunction({ owner_name: "sieve", function_name: "nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      provider: "sieve",
      operationId: "getFunction",
      method: "GET",
      url: `${BASE}/v2/functions/sieve/nope`,
      requestId: "req_1",
      providerMessage: "Function not found.",
      attempts: 1,
      body: { detail: "Function not found." },
    });
    expect((error as Error).message).toBe("sieve getFunction failed with 404: Function not found. (request id req_1)");
  });

  it("listVersions: GET …/versions with paging", async () => {
    const { sieve, requests } = client(json(200, [version]));
    await expect(sieve.listVersions({ owner_name: "sieve", function_name: "retalker", limit: 1, offset: 0 })).resolves.toEqual([version]);
    expect(requests[0]?.url.href).toBe(`${BASE}/v2/functions/sieve/retalker/versions?limit=1&offset=0`);
  });

  it("listVersions: a 401 becomes AuthenticationError", async () => {
    const { sieve } = client(json(401, { detail: "Unauthorized - valid API Key required." }));
    await expect(sieve.listVersions({ owner_name: "sieve", function_name: "retalker" })).rejects.toSatisfy(
      (e: unknown) => e instanceof AuthenticationError && e.providerMessage === "Unauthorized - valid API Key required.",
    );
  });

  it("getVersion: GET …/versions/{slug}, current shape", async () => {
    const { sieve, requests } = client(json(200, version));
    await expect(sieve.getVersion({ owner_name: "sieve", function_name: "retalker", version_slug: "latest" })).resolves.toEqual(version);
    expect(requests[0]?.url.pathname).toBe("/v2/functions/sieve/retalker/versions/latest");
  });

  it('getVersion: the seed\'s legacy object (status, gpu "true") parses unchanged', async () => {
    const { sieve } = client(json(200, legacyVersion));
    const result = await sieve.getVersion({ owner_name: "sieve", function_name: "whisper", version_slug: "54cd08e8" });
    expect(result).toEqual(legacyVersion);
    expect("status" in result && result.status).toBe("ready");
  });

  it("getVersion: path parameters are encoded, a slash never changes the path", async () => {
    const { sieve, requests } = client(json(200, version));
    await sieve.getVersion({ owner_name: "a/b", function_name: "x y", version_slug: "../../v2/jobs" });
    expect(requests[0]?.url.pathname).toBe("/v2/functions/a%2Fb/x%20y/versions/..%2F..%2Fv2%2Fjobs");
  });

  it("getVersion: a `..` or empty path parameter fails before any request, naming it", async () => {
    const { sieve, requests } = client(json(200, version));
    await expect(sieve.getVersion({ owner_name: "sieve", function_name: "..", version_slug: "latest" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "function_name",
    );
    await expect(sieve.getVersion({ owner_name: "", function_name: "x", version_slug: "latest" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "owner_name",
    );
    expect(requests).toHaveLength(0);
  });

  it("getVersion: a 422 becomes UnprocessableEntityError with FastAPI's detail list joined", async () => {
    const body = { detail: [{ loc: ["path", "version_slug"], msg: "field required", type: "value_error.missing" }] };
    const { sieve } = client(json(422, body));
    const error = await sieve.getVersion({ owner_name: "sieve", function_name: "w", version_slug: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).providerMessage).toBe("path.version_slug: field required");
  });

  it("editVersion: POST …/edit with the replicas body, returns the version", async () => {
    const edited = { ...version, minimum_replicas: 0, maximum_replicas: 2 };
    const { sieve, requests } = client(json(200, edited));
    const result = await sieve.editVersion({
      owner_name: "sieve",
      function_name: "retalker",
      version_slug: "41b83e76",
      body: { minimum_replicas: 0, maximum_replicas: 2 },
    });
    expect(result).toEqual(edited);
    const [req] = requests;
    expect(req?.method).toBe("POST");
    expect(req?.url.pathname).toBe("/v2/functions/sieve/retalker/versions/41b83e76/edit");
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.body).toEqual({ minimum_replicas: 0, maximum_replicas: 2 });
  });

  it("editVersion: a 400 becomes BadRequestError", async () => {
    const { sieve } = client(json(400, { detail: "Invalid values passed." }));
    const error = await sieve
      .editVersion({ owner_name: "sieve", function_name: "r", version_slug: "latest", body: { minimum_replicas: 5, maximum_replicas: 1 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect((error as BadRequestError).message).toContain("Invalid values passed.");
  });

  it("an HTML error page from a proxy still gives a clean ApiError with an excerpt", async () => {
    const { sieve } = client(text(502, "<html><head><title>502</title></head><body><h1>Bad Gateway</h1></body></html>"));
    const error = await sieve.listFunctions().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, body: "502 Bad Gateway", providerMessage: "502 Bad Gateway" });
  });

  it("reads the key from SIEVE_API_KEY, and names it when missing", () => {
    const saved = process.env.SIEVE_API_KEY;
    try {
      delete process.env.SIEVE_API_KEY;
      expect(() => createSieveClient()).toThrow(ConfigurationError);
      expect(() => createSieveClient()).toThrow(/SIEVE_API_KEY/);
      process.env.SIEVE_API_KEY = "from-env";
      expect(() => createSieveClient()).not.toThrow();
    } finally {
      if (saved === undefined) delete process.env.SIEVE_API_KEY;
      else process.env.SIEVE_API_KEY = saved;
    }
  });

  it("raw exposes the openapi-fetch client with the same auth", async () => {
    const { sieve, requests } = client(json(200, []));
    const { data, response } = await sieve.raw.GET("/v2/functions", { params: { query: { limit: 5 } } });
    expect(response.status).toBe(200);
    expect(data).toEqual([]);
    expect(requests[0]?.headers.get("x-api-key")).toBe(SECRET_KEY);
  });
});
