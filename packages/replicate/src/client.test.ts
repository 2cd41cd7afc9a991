import { empty, json, recordingFetch, recordingSleep, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import deploymentsListSeed from "../test/fixtures/deployments-list.seed.json";
import {
  AuthenticationError,
  ConfigurationError,
  createReplicateClient,
  InvalidArgumentError,
  NotFoundError,
  RateLimitError,
  type ReplicateDeployment,
  type ReplicateHardware,
  type ReplicateModel,
  type ReplicateVersion,
  UnprocessableEntityError,
} from "./index.js";

const BASE = "https://api.replicate.com/v1";
const VERSION_ID = "da77bc59ee60423279fd632efb4795ab731d9e3ca9705ef3341091fb989b7eaf";

// Shaped like the spec's examples (Replicate's own published samples).
const deployment: ReplicateDeployment = {
  owner: "acme",
  name: "my-app-image-generator",
  current_release: {
    number: 1,
    model: "stability-ai/sdxl",
    version: VERSION_ID,
    created_at: "2024-02-15T16:32:57.018467Z",
    created_by: { type: "organization", username: "acme", name: "Acme Corp, Inc." },
    configuration: { hardware: "gpu-t4", min_instances: 1, max_instances: 5 },
  },
};

const version: ReplicateVersion = {
  id: "5c7d5dc6dd8bf75c1acaa8565735e7986bc5b66206b55cca93cb72c9bf15ccaa",
  created_at: "2022-04-26T19:29:04.418669Z",
  cog_version: "0.3.0",
  openapi_schema: null,
};

const model: ReplicateModel = {
  url: "https://replicate.com/replicate/hello-world",
  owner: "replicate",
  name: "hello-world",
  description: "A tiny model that says hello",
  visibility: "public",
  github_url: "https://github.com/replicate/cog-examples",
  paper_url: null,
  license_url: null,
  run_count: 5681081,
  cover_image_url: null,
  default_example: null,
  latest_version: version,
  is_official: false,
};

const hardware: ReplicateHardware[] = [
  { name: "CPU", sku: "cpu" },
  { name: "Nvidia T4 GPU", sku: "gpu-t4" },
];

const notFound = { title: "Not found", detail: "Not found.", status: 404 };

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { replicate: createReplicateClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("@modelfleet/replicate client", () => {
  it("listDeployments: GET /deployments with Bearer auth, no body; the page is returned as sent", async () => {
    const { replicate, requests } = client(json(200, deploymentsListSeed));
    await expect(replicate.listDeployments()).resolves.toEqual(deploymentsListSeed);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/deployments`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/replicate@\d+\.\d+\.\d+/);
    expect(req?.body).toBeUndefined();
  });

  it("listDeployments: the cursor of a `next` URL is sent back as given, its reserved characters encoded", async () => {
    const page = { next: null, previous: `${BASE}/deployments?cursor=abc`, results: [deployment] };
    const { replicate, requests } = client(json(200, page));
    await expect(replicate.listDeployments({ cursor: "cD0yMDI0+LTAy/MTU=" })).resolves.toEqual(page);
    expect(requests[0]?.url.href).toBe(`${BASE}/deployments?cursor=cD0yMDI0%2BLTAy%2FMTU%3D`);
    expect(requests[0]?.url.searchParams.get("cursor")).toBe("cD0yMDI0+LTAy/MTU=");
  });

  it("listDeployments: a 429 becomes RateLimitError with Replicate's detail", async () => {
    const { replicate } = client(json(429, { detail: "Request was throttled. Your rate limit resets in ~30s." }, { "retry-after": "30" }));
    const error = await failure(replicate.listDeployments());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      provider: "replicate",
      operationId: "listDeployments",
      providerMessage: "Request was throttled. Your rate limit resets in ~30s.",
      retryAfterMs: 30_000,
    });
    expect((error as Error).message).toBe(
      "replicate listDeployments failed with 429: Request was throttled. Your rate limit resets in ~30s.",
    );
  });

  it("createDeployment: POST /deployments with every field of the body", async () => {
    const body = {
      name: "my-app-image-generator",
      model: "stability-ai/sdxl",
      version: VERSION_ID,
      hardware: "gpu-t4",
      min_instances: 0,
      max_instances: 3,
    };
    const { replicate, requests } = client(json(200, deployment));
    await expect(replicate.createDeployment({ body })).resolves.toEqual(deployment);
    const [req] = requests;
    expect(req?.method).toBe("POST");
    expect(req?.url.href).toBe(`${BASE}/deployments`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.body).toEqual(body);
  });

  it("createDeployment: a 422 problem-details body becomes UnprocessableEntityError with its detail, not retried", async () => {
    const recorder = recordingFetch(json(422, { title: "Invalid request", detail: "hardware: unknown SKU gpu-x", status: 422 }));
    const replicate = createReplicateClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const error = await failure(
      replicate.createDeployment({
        body: { name: "x", model: "acme/x", version: VERSION_ID, hardware: "gpu-x", min_instances: 0, max_instances: 1 },
      }),
    );
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      status: 422,
      operationId: "createDeployment",
      method: "POST",
      providerMessage: "hardware: unknown SKU gpu-x",
      attempts: 1,
    });
    expect(recorder.requests).toHaveLength(1);
  });

  it("getDeployment: GET /deployments/{owner}/{name}, each part encoded as one path segment", async () => {
    const { replicate, requests } = client(json(200, deployment));
    await expect(replicate.getDeployment({ deployment_owner: "acme", deployment_name: "my-app-image-generator" })).resolves.toEqual(
      deployment,
    );
    await replicate.getDeployment({ deployment_owner: "a b", deployment_name: "x/../../models?y#z" });
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/deployments/acme/my-app-image-generator`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(requests[1]?.url.pathname).toBe("/v1/deployments/a%20b/x%2F..%2F..%2Fmodels%3Fy%23z");
    expect(requests[1]?.url.search).toBe("");
  });

  it("getDeployment: a 404 becomes NotFoundError with Replicate's detail", async () => {
    const { replicate } = client(json(404, notFound, { "x-request-id": "req_9" }));
    const error = await failure(replicate.getDeployment({ deployment_owner: "acme", deployment_name: "gone" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      operationId: "getDeployment",
      method: "GET",
      url: `${BASE}/deployments/acme/gone`,
      requestId: "req_9",
      providerMessage: "Not found.",
      body: notFound,
    });
  });

  it("getDeployment: a `..` owner fails before any request, naming it", async () => {
    const { replicate, requests } = client(json(200, deployment));
    const error = await failure(replicate.getDeployment({ deployment_owner: "..", deployment_name: "x" }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "deployment_owner" });
    expect(requests).toHaveLength(0);
  });

  it("updateDeployment: PATCH with only the fields given; the answer carries the next release", async () => {
    const updated: ReplicateDeployment = {
      ...deployment,
      current_release: {
        ...deployment.current_release,
        number: 2,
        configuration: { hardware: "gpu-t4", min_instances: 3, max_instances: 10 },
      },
    };
    const { replicate, requests } = client(json(200, updated));
    const result = await replicate.updateDeployment({
      deployment_owner: "acme",
      deployment_name: "my-app-image-generator",
      body: { min_instances: 3, max_instances: 10 },
    });
    expect(result).toEqual(updated);
    expect(result.current_release?.number).toBe(2);
    const [req] = requests;
    expect(req?.method).toBe("PATCH");
    expect(req?.url.href).toBe(`${BASE}/deployments/acme/my-app-image-generator`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.body).toEqual({ min_instances: 3, max_instances: 10 });
  });

  it("updateDeployment: every update makes a release, so a 503 is not retried", async () => {
    const recorder = recordingFetch(json(503, { detail: "Service unavailable" }), json(200, deployment));
    const replicate = createReplicateClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const error = await failure(
      replicate.updateDeployment({ deployment_owner: "acme", deployment_name: "my-app-image-generator", body: { max_instances: 2 } }),
    );
    expect(error).toMatchObject({ status: 503, attempts: 1, providerMessage: "Service unavailable" });
    expect(recorder.requests).toHaveLength(1);
  });

  it("deleteDeployment: DELETE, a 204 resolves to undefined", async () => {
    const { replicate, requests } = client(empty(204));
    await expect(
      replicate.deleteDeployment({ deployment_owner: "acme", deployment_name: "my-app-image-generator" }),
    ).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe("DELETE");
    expect(requests[0]?.url.href).toBe(`${BASE}/deployments/acme/my-app-image-generator`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(requests[0]?.body).toBeUndefined();
  });

  it("deleteDeployment: a 404 becomes NotFoundError", async () => {
    const { replicate } = client(json(404, notFound));
    const error = await failure(replicate.deleteDeployment({ deployment_owner: "acme", deployment_name: "gone" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: "deleteDeployment", method: "DELETE", providerMessage: "Not found." });
  });

  it("listModels: GET /models with the sort and the cursor in the query", async () => {
    const page = { next: `${BASE}/models?cursor=bmV4dA`, previous: null, results: [model] };
    const { replicate, requests } = client(json(200, page));
    await expect(replicate.listModels({ sort_by: "model_created_at", sort_direction: "asc", cursor: "bmV4dA" })).resolves.toEqual(page);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/models?sort_by=model_created_at&sort_direction=asc&cursor=bmV4dA`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("listModels: a 401 becomes AuthenticationError, and the key appears nowhere in it", async () => {
    const { replicate } = client(
      json(401, { title: "Unauthenticated", detail: "You did not pass a valid authentication token", status: 401 }),
    );
    const error = await failure(replicate.listModels());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      operationId: "listModels",
      providerMessage: "You did not pass a valid authentication token",
    });
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect((error as Error).message).not.toContain(SECRET_KEY);
  });

  it("getModel: GET /models/{owner}/{name}", async () => {
    const { replicate, requests } = client(json(200, model));
    await expect(replicate.getModel({ model_owner: "replicate", model_name: "hello-world" })).resolves.toEqual(model);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/models/replicate/hello-world`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("getModel: a 404 becomes NotFoundError", async () => {
    const { replicate } = client(json(404, notFound));
    const error = await failure(replicate.getModel({ model_owner: "replicate", model_name: "nope" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: "getModel", url: `${BASE}/models/replicate/nope`, providerMessage: "Not found." });
  });

  it("listModelVersions: GET /models/{owner}/{name}/versions with the cursor", async () => {
    const page = { next: null, previous: null, results: [version] };
    const { replicate, requests } = client(json(200, page));
    await expect(replicate.listModelVersions({ model_owner: "replicate", model_name: "hello-world", cursor: "cD0x" })).resolves.toEqual(
      page,
    );
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/models/replicate/hello-world/versions?cursor=cD0x`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("listModelVersions: a 404 becomes NotFoundError", async () => {
    const { replicate } = client(json(404, notFound));
    const error = await failure(replicate.listModelVersions({ model_owner: "replicate", model_name: "nope" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: "listModelVersions", providerMessage: "Not found." });
  });

  it("getModelVersion: GET …/versions/{version_id}", async () => {
    const { replicate, requests } = client(json(200, version));
    await expect(
      replicate.getModelVersion({ model_owner: "replicate", model_name: "hello-world", version_id: version.id as string }),
    ).resolves.toEqual(version);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/models/replicate/hello-world/versions/${version.id}`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("getModelVersion: a 404 becomes NotFoundError", async () => {
    const { replicate } = client(json(404, notFound));
    const error = await failure(replicate.getModelVersion({ model_owner: "replicate", model_name: "hello-world", version_id: "nope" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: "getModelVersion", providerMessage: "Not found." });
  });

  it("deleteModelVersion: DELETE, the 202 without a body resolves to undefined", async () => {
    const { replicate, requests } = client(empty(202));
    await expect(
      replicate.deleteModelVersion({ model_owner: "acme", model_name: "private-model", version_id: version.id as string }),
    ).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe("DELETE");
    expect(requests[0]?.url.href).toBe(`${BASE}/models/acme/private-model/versions/${version.id}`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("deleteModelVersion: a 404 becomes NotFoundError", async () => {
    const { replicate } = client(json(404, notFound));
    const error = await failure(replicate.deleteModelVersion({ model_owner: "acme", model_name: "private-model", version_id: "gone" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: "deleteModelVersion", method: "DELETE", providerMessage: "Not found." });
  });

  it("listHardware: GET /hardware, the bare array returned", async () => {
    const { replicate, requests } = client(json(200, hardware));
    await expect(replicate.listHardware()).resolves.toEqual(hardware);
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/hardware`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("listHardware: a 401 becomes AuthenticationError", async () => {
    const { replicate } = client(
      json(401, { title: "Unauthenticated", detail: "You did not pass a valid authentication token", status: 401 }),
    );
    const error = await failure(replicate.listHardware());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ operationId: "listHardware", providerMessage: "You did not pass a valid authentication token" });
  });

  it("a problem body with only a title still gives a message; an HTML page gives an excerpt", async () => {
    const { replicate } = client(json(404, { title: "Not found" }), text(502, "<html><body><h1>Bad Gateway</h1></body></html>"));
    await expect(failure(replicate.getModel({ model_owner: "a", model_name: "b" }))).resolves.toMatchObject({
      providerMessage: "Not found",
    });
    await expect(failure(replicate.getModel({ model_owner: "a", model_name: "b" }))).resolves.toMatchObject({
      status: 502,
      providerMessage: "Bad Gateway",
    });
  });

  it("reads the key from REPLICATE_API_TOKEN, and names it when missing", async () => {
    const saved = process.env.REPLICATE_API_TOKEN;
    try {
      delete process.env.REPLICATE_API_TOKEN;
      expect(() => createReplicateClient()).toThrow(ConfigurationError);
      expect(() => createReplicateClient()).toThrow(/REPLICATE_API_TOKEN/);
      process.env.REPLICATE_API_TOKEN = "r8_from-env";
      const recorder = recordingFetch(json(200, hardware));
      await createReplicateClient({ fetch: recorder.fetch, maxRetries: 0 }).listHardware();
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("Bearer r8_from-env");
    } finally {
      if (saved === undefined) delete process.env.REPLICATE_API_TOKEN;
      else process.env.REPLICATE_API_TOKEN = saved;
    }
  });
});
