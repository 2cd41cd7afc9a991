import { json, recordingFetch, recordingSleep, SECRET_KEY } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import runningSeed from "../test/fixtures/endpoint-running.seed.json";
import {
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  createHuggingFaceClient,
  type HuggingFaceEndpoint,
  type HuggingFaceEndpointCreate,
  InvalidArgumentError,
  type Logger,
  NotFoundError,
} from "./index.js";

const BASE = "https://api.endpoints.huggingface.cloud";
const ENDPOINT = { namespace: "acme-ml", name: "my-endpoint-name" };
const running = runningSeed as HuggingFaceEndpoint;
const notFound = { error: "Endpoint not found" };

function withState(state: string, replicas: number): HuggingFaceEndpoint {
  return { ...running, status: { ...running.status, state, readyReplica: replicas, targetReplica: replicas } };
}

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { hf: createHuggingFaceClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error,
  );
}

describe("@modelfleet/huggingface client", () => {
  it("listEndpoints: GET /v2/endpoint/{namespace} with Bearer auth, no body", async () => {
    const { hf, requests } = client(json(200, { items: [running] }));
    await expect(hf.listEndpoints({ namespace: "acme-ml" })).resolves.toEqual({ items: [running] });
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/v2/endpoint/acme-ml`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/huggingface@\d+\.\d+\.\d+/);
    expect(req?.body).toBeUndefined();
  });

  it("listEndpoints: a 401 becomes AuthenticationError with Hugging Face's error, the key nowhere in it", async () => {
    const { hf } = client(json(401, { error: "Invalid credentials in Authorization header" }));
    const error = await failure(hf.listEndpoints({ namespace: "someone-else" }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      status: 401,
      provider: "huggingface",
      operationId: "listEndpoints",
      providerMessage: "Invalid credentials in Authorization header",
    });
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
  });

  it("createEndpoint: POST with the whole body; the 202 answer is returned", async () => {
    const body: HuggingFaceEndpointCreate = {
      name: "my-endpoint-name",
      type: "protected",
      provider: { vendor: "aws", region: "us-east-1" },
      compute: {
        accelerator: "gpu",
        instanceType: "nvidia-l4",
        instanceSize: "x1",
        scaling: { minReplica: 0, maxReplica: 1, scaleToZeroTimeout: 15 },
      },
      model: { repository: "gpt2", framework: "pytorch", task: "text-generation", image: { huggingface: {} } },
    };
    const pending = withState("pending", 0);
    const { hf, requests } = client(json(202, pending));
    await expect(hf.createEndpoint({ namespace: "acme-ml", body })).resolves.toEqual(pending);
    const [req] = requests;
    expect(req?.method).toBe("POST");
    expect(req?.url.href).toBe(`${BASE}/v2/endpoint/acme-ml`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.body).toEqual(body);
  });

  it("createEndpoint: a 409 becomes ConflictError, not retried (POST)", async () => {
    const recorder = recordingFetch(json(409, { error: "Endpoint name already exists" }));
    const hf = createHuggingFaceClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const body = {
      name: "taken",
      type: "protected",
      provider: { vendor: "aws", region: "us-east-1" },
      compute: { accelerator: "cpu", instanceType: "intel-icl", instanceSize: "x2", scaling: { minReplica: 1, maxReplica: 1 } },
      model: { repository: "gpt2", framework: "pytorch", image: { huggingface: {} } },
    };
    const error = await failure(hf.createEndpoint({ namespace: "acme-ml", body }));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      status: 409,
      operationId: "createEndpoint",
      providerMessage: "Endpoint name already exists",
      attempts: 1,
    });
    expect(recorder.requests).toHaveLength(1);
  });

  it("createEndpoint: secrets and registry credentials are sent, but redacted from debug logs", async () => {
    const lines: unknown[] = [];
    const record = (message: string, details?: Record<string, unknown>) => void lines.push({ message, details });
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const recorder = recordingFetch(json(202, running));
    const hf = createHuggingFaceClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0, logger, logLevel: "debug" });
    const image = { custom: { url: "ghcr.io/acme/server:1.2", credentials: { username: "bot", password: "registry-pass-123" } } };
    await hf.createEndpoint({
      namespace: "acme-ml",
      body: {
        name: "custom",
        type: "private",
        provider: { vendor: "aws", region: "us-east-1" },
        compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", scaling: { minReplica: 1, maxReplica: 1 } },
        model: { repository: "acme/model", framework: "custom", image, secrets: { DB_PASSWORD: "db-secret-456" } },
      },
    });
    expect(recorder.requests[0]?.body).toMatchObject({ model: { image, secrets: { DB_PASSWORD: "db-secret-456" } } });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain("registry-pass-123");
    expect(logged).not.toContain("db-secret-456");
    expect(logged).not.toContain(SECRET_KEY);
  });

  it("getEndpoint: GET /v2/endpoint/{namespace}/{name}; the published running endpoint parses unchanged", async () => {
    const { hf, requests } = client(json(200, runningSeed));
    const result = await hf.getEndpoint(ENDPOINT);
    expect(result).toEqual(runningSeed);
    expect(result.status.state).toBe("running");
    expect(result.compute.scaling.scaleToZeroTimeout).toBeUndefined();
    expect(requests[0]?.method).toBe("GET");
    expect(requests[0]?.url.href).toBe(`${BASE}/v2/endpoint/acme-ml/my-endpoint-name`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });

  it("getEndpoint: namespace and name are each one encoded path segment", async () => {
    const { hf, requests } = client(json(200, running));
    await hf.getEndpoint({ namespace: "a b", name: "x/../../other?y" });
    expect(requests[0]?.url.pathname).toBe("/v2/endpoint/a%20b/x%2F..%2F..%2Fother%3Fy");
    expect(requests[0]?.url.search).toBe("");
  });

  it("getEndpoint: a 404 becomes NotFoundError with Hugging Face's error", async () => {
    const { hf } = client(json(404, notFound));
    const error = await failure(hf.getEndpoint({ namespace: "acme-ml", name: "gone" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      operationId: "getEndpoint",
      method: "GET",
      url: `${BASE}/v2/endpoint/acme-ml/gone`,
      providerMessage: "Endpoint not found",
      body: notFound,
    });
    expect((error as Error).message).toBe("huggingface getEndpoint failed with 404: Endpoint not found");
  });

  it("getEndpoint: an empty name fails before any request, naming it", async () => {
    const { hf, requests } = client(json(200, running));
    const error = await failure(hf.getEndpoint({ namespace: "acme-ml", name: "" }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: "name" });
    expect(requests).toHaveLength(0);
  });

  it("updateEndpoint: PUT with the partial body as given", async () => {
    const updating = withState("updating", 1);
    const { hf, requests } = client(json(200, updating));
    const body = { compute: { scaling: { minReplica: 2, maxReplica: 6 } } };
    await expect(hf.updateEndpoint({ ...ENDPOINT, body })).resolves.toEqual(updating);
    expect(requests[0]?.method).toBe("PUT");
    expect(requests[0]?.url.href).toBe(`${BASE}/v2/endpoint/acme-ml/my-endpoint-name`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(requests[0]?.headers.get("content-type")).toBe("application/json");
    expect(requests[0]?.body).toEqual(body);
  });

  it("updateEndpoint: a 400 with a list of errors becomes BadRequestError with them joined", async () => {
    const { hf } = client(json(400, { error: ["maxReplica must be >= minReplica", "instanceSize x9 is not offered"] }));
    const error = await failure(
      hf.updateEndpoint({ ...ENDPOINT, body: { compute: { instanceSize: "x9", scaling: { minReplica: 3, maxReplica: 1 } } } }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      operationId: "updateEndpoint",
      providerMessage: "maxReplica must be >= minReplica; instanceSize x9 is not offered",
    });
  });

  it("updateEndpoint: PUT is idempotent, so a 503 is retried with the same body", async () => {
    const recorder = recordingFetch(json(503, { error: "Service unavailable" }), json(200, running));
    const hf = createHuggingFaceClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const body = { compute: { scaling: { minReplica: 1, maxReplica: 2 } } };
    await expect(hf.updateEndpoint({ ...ENDPOINT, body })).resolves.toEqual(running);
    expect(recorder.requests.map((r) => r.method)).toEqual(["PUT", "PUT"]);
    expect(recorder.requests[1]?.body).toEqual(body);
  });

  it("deleteEndpoint: DELETE, the empty object returned", async () => {
    const { hf, requests } = client(json(200, {}));
    await expect(hf.deleteEndpoint(ENDPOINT)).resolves.toEqual({});
    expect(requests[0]?.method).toBe("DELETE");
    expect(requests[0]?.url.href).toBe(`${BASE}/v2/endpoint/acme-ml/my-endpoint-name`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(requests[0]?.body).toBeUndefined();
  });

  it("deleteEndpoint: a 404 becomes NotFoundError", async () => {
    const { hf } = client(json(404, notFound));
    const error = await failure(hf.deleteEndpoint({ namespace: "acme-ml", name: "gone" }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ operationId: "deleteEndpoint", method: "DELETE", providerMessage: "Endpoint not found" });
  });

  for (const [method, path, state] of [
    ["pauseEndpoint", "pause", "paused"],
    ["resumeEndpoint", "resume", "initializing"],
    ["scaleEndpointToZero", "scale-to-zero", "scaledToZero"],
  ] as const) {
    it(`${method}: POST …/${path} without a body`, async () => {
      const answer = withState(state, 0);
      const { hf, requests } = client(json(200, answer));
      await expect(hf[method](ENDPOINT)).resolves.toEqual(answer);
      expect(requests[0]?.method).toBe("POST");
      expect(requests[0]?.url.href).toBe(`${BASE}/v2/endpoint/acme-ml/my-endpoint-name/${path}`);
      expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
      expect(requests[0]?.body).toBeUndefined();
    });

    it(`${method}: a 404 becomes NotFoundError, not retried (POST)`, async () => {
      const recorder = recordingFetch(json(404, notFound));
      const hf = createHuggingFaceClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
      const error = await failure(hf[method]({ namespace: "acme-ml", name: "gone" }));
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ operationId: method, method: "POST", providerMessage: "Endpoint not found", attempts: 1 });
    });
  }

  it("resumeEndpoint: resuming a running endpoint is a 400 BadRequestError", async () => {
    const { hf } = client(json(400, { error: "Endpoint is already running" }));
    const error = await failure(hf.resumeEndpoint(ENDPOINT));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, operationId: "resumeEndpoint", providerMessage: "Endpoint is already running" });
  });

  it("reads the key from HF_TOKEN, and names it when missing", async () => {
    const saved = process.env.HF_TOKEN;
    try {
      delete process.env.HF_TOKEN;
      expect(() => createHuggingFaceClient()).toThrow(ConfigurationError);
      expect(() => createHuggingFaceClient()).toThrow(/HF_TOKEN/);
      process.env.HF_TOKEN = "hf_from-env";
      const recorder = recordingFetch(json(200, { items: [] }));
      await createHuggingFaceClient({ fetch: recorder.fetch, maxRetries: 0 }).listEndpoints({ namespace: "acme-ml" });
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("Bearer hf_from-env");
    } finally {
      if (saved === undefined) delete process.env.HF_TOKEN;
      else process.env.HF_TOKEN = saved;
    }
  });
});
