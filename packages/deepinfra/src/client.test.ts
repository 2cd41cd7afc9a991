import { json, recordingFetch, recordingSleep, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import deployListSeed from "../test/fixtures/deploy-list.seed.json";
import {
  ApiError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  createDeepInfraClient,
  type DeepInfraDeployment,
  type DeepInfraGpuAvailability,
  InvalidArgumentError,
  type Logger,
  NotFoundError,
  UnprocessableEntityError,
} from "./index.js";

const BASE = "https://api.deepinfra.com";

// The spec's own examples (getDeployment / listDeployments / createLlmDeployment / getGpuAvailability).
const llmDeployment: DeepInfraDeployment = {
  deploy_id: "fkj843kjh8",
  model_name: "acme/llama-3-8b-support",
  version: "d8b79b422843bd59d628bf25b01aded94a9ec1a9b917e69fe460df9ff39ec42b",
  task: "text-generation",
  status: "running",
  fail_reason: "",
  created_at: "2021-08-27T17:19:21+00:00",
  updated_at: "2021-08-27T17:25:02+00:00",
  type: "llm",
  instances: { running: 1, pending: 0 },
  config: {
    gpu: "A100-80GB",
    num_gpus: 2,
    max_batch_size: 64,
    weights: { repo: "meta-llama/Llama-2-7b-chat-hf", revision: "main", token: null },
  },
  settings: { min_instances: 1, max_instances: 2 },
};

const legacyDeployment: DeepInfraDeployment = {
  deploy_id: "DpM4BkrjEspUwmTa",
  model_name: "openai/whisper-small",
  version: "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b",
  task: "automatic-speech-recognition",
  status: "running",
  fail_reason: "",
  created_at: "2023-01-26T19:33:23",
  updated_at: "2023-01-26T19:33:23",
  type: "legacy",
  instances: null,
  config: null,
  settings: null,
};

const gpuAvailability: DeepInfraGpuAvailability = {
  gpus: [
    { gpu_config: "A100-80GB", usd_per_hour: 1.5, available: true, recommended: true },
    { gpu_config: "H100-80GB", usd_per_hour: 2.4, available: true, recommended: false },
    { gpu_config: "B200-180GB", usd_per_hour: 4.49, available: false, recommended: false },
  ],
};

// The spec's ValidationFailed example (FastAPI's shape).
const validationFailed = {
  detail: [{ loc: ["body", "settings", "min_instances"], msg: "Input should be a valid integer", type: "int_parsing" }],
};

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { deepinfra: createDeepInfraClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

describe("@modelfleet/deepinfra client", () => {
  it("listDeployments: GET /deploy/list with Bearer auth, no body", async () => {
    const list = [llmDeployment, legacyDeployment];
    const { deepinfra, requests } = client(json(200, list));
    await expect(deepinfra.listDeployments()).resolves.toEqual(list);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/deploy/list`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/deepinfra@\d+\.\d+\.\d+/);
    expect(req?.body).toBeUndefined();
  });

  it("listDeployments: the comma-separated status filter is sent as one value, its comma percent-encoded", async () => {
    const { deepinfra, requests } = client(json(200, [llmDeployment]));
    await expect(deepinfra.listDeployments({ status: "running,deploying" })).resolves.toEqual([llmDeployment]);
    // openapi-fetch's form serializer encodes the comma; servers decode %2C back to ",".
    expect(requests[0]?.url.href).toBe(`${BASE}/deploy/list?status=running%2Cdeploying`);
    expect(requests[0]?.url.searchParams.getAll("status")).toEqual(["running,deploying"]);
  });

  it("listDeployments: the seed's deployment array (placeholder strings) is returned unchanged", async () => {
    const { deepinfra } = client(json(200, deployListSeed));
    const result = await deepinfra.listDeployments();
    expect(result).toEqual(deployListSeed);
    expect(result[0]?.type).toBe("legacy");
    expect(result[0]?.config?.gpu).toBe("L4-24GB");
    expect(result[0]?.settings).toEqual({ min_instances: 1, max_instances: 1 });
  });

  it("listDeployments: unknown future status, type and GPU values parse fine (open enums)", async () => {
    const future: DeepInfraDeployment = {
      ...llmDeployment,
      status: "hibernating",
      type: "quantum",
      config: { gpu: "X200-999GB", num_gpus: 1, max_batch_size: 96 },
    };
    const { deepinfra } = client(json(200, [future]));
    const [result] = await deepinfra.listDeployments();
    expect(result).toEqual(future);
    expect(result?.status).toBe("hibernating");
    expect(result?.config?.gpu).toBe("X200-999GB");
  });

  it("listDeployments: a 400 becomes BadRequestError with DeepInfra's `error`", async () => {
    const { deepinfra } = client(json(400, { error: "Deployment is not running" }, { "x-request-id": "req_1" }));
    const error = await deepinfra.listDeployments({ status: "bogus" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      provider: "deepinfra",
      operationId: "listDeployments",
      method: "GET",
      url: `${BASE}/deploy/list?status=bogus`,
      requestId: "req_1",
      providerMessage: "Deployment is not running",
      attempts: 1,
      body: { error: "Deployment is not running" },
    });
    expect((error as Error).message).toBe("deepinfra listDeployments failed with 400: Deployment is not running (request id req_1)");
  });

  it("createLlmDeployment: POST /deploy/llm with the full body, hf weights and token included", async () => {
    const created: DeepInfraDeployment = {
      ...llmDeployment,
      status: "initializing",
      updated_at: "2021-08-27T17:19:21+00:00",
      instances: { running: 0, pending: 0 },
      settings: { min_instances: 0, max_instances: 1 },
    };
    const body = {
      model_name: "acme/llama-3-8b-support",
      gpu: "A100-80GB",
      num_gpus: 2,
      max_batch_size: 64,
      hf: { repo: "meta-llama/Llama-2-7b-chat-hf", revision: "main", token: "hf_private_read_token" },
      settings: { min_instances: 0, max_instances: 1 },
    };
    const { deepinfra, requests } = client(json(200, created));
    await expect(deepinfra.createLlmDeployment({ body })).resolves.toEqual(created);
    const [req] = requests;
    expect(req?.method).toBe("POST");
    expect(req?.url.href).toBe(`${BASE}/deploy/llm`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("content-type")).toBe("application/json");
    // The HF token is sent as given: it is only redacted from logs.
    expect(req?.body).toEqual(body);
  });

  it("createLlmDeployment: the hf token is redacted in debug logs but not in the request", async () => {
    const lines: { message: string; details?: Record<string, unknown> }[] = [];
    const record = (message: string, details?: Record<string, unknown>) => void lines.push({ message, details });
    const logger: Logger = { debug: record, info: record, warn: record, error: record };
    const recorder = recordingFetch(json(200, llmDeployment));
    const deepinfra = createDeepInfraClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0, logger, logLevel: "debug" });
    await deepinfra.createLlmDeployment({
      body: { model_name: "acme/x", gpu: "A100-80GB", hf: { repo: "acme/private", token: "hf_private_read_token" } },
    });
    expect(recorder.requests[0]?.body).toMatchObject({ hf: { token: "hf_private_read_token" } });
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain("hf_private_read_token");
    expect(logged).not.toContain(SECRET_KEY);
    expect(lines.find((l) => l.details?.requestBody)?.details?.requestBody).toMatchObject({
      hf: { repo: "acme/private", token: "[redacted]" },
    });
  });

  it("createLlmDeployment: a 409 becomes ConflictError, and is not retried (POST is not idempotent)", async () => {
    const recorder = recordingFetch(json(409, { error: "Model name already in use" }));
    const deepinfra = createDeepInfraClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const error = await deepinfra
      .createLlmDeployment({ body: { model_name: "acme/llama-3-8b-support", gpu: "A100-80GB" } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({
      status: 409,
      operationId: "createLlmDeployment",
      method: "POST",
      url: `${BASE}/deploy/llm`,
      providerMessage: "Model name already in use",
      attempts: 1,
    });
    expect((error as Error).message).toBe("deepinfra createLlmDeployment failed with 409: Model name already in use");
    expect(recorder.requests).toHaveLength(1);
  });

  it("createLlmDeployment: a 402 becomes a plain ApiError with DeepInfra's message", async () => {
    const { deepinfra } = client(json(402, { error: "Payment required" }));
    const error = await deepinfra.createLlmDeployment({ body: { model_name: "acme/x", gpu: "H100-80GB" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).constructor).toBe(ApiError);
    expect(error).toMatchObject({ status: 402, operationId: "createLlmDeployment", providerMessage: "Payment required" });
    expect((error as Error).message).toBe("deepinfra createLlmDeployment failed with 402: Payment required");
  });

  it("createLlmDeployment: a 422 in the plain `{error}` shape still gives the provider's message", async () => {
    const { deepinfra } = client(json(422, { error: "Model not found" }));
    const error = await deepinfra.createLlmDeployment({ body: { model_name: "acme/x", gpu: "L4-24GB" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({ status: 422, operationId: "createLlmDeployment", providerMessage: "Model not found" });
    expect((error as Error).message).toBe("deepinfra createLlmDeployment failed with 422: Model not found");
  });

  it("createLlmDeployment: a missing body fails before any request", async () => {
    const { deepinfra, requests } = client(json(200, llmDeployment));
    await expect((deepinfra.createLlmDeployment as (p: unknown) => Promise<unknown>)({})).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "body",
    );
    expect(requests).toHaveLength(0);
  });

  it("getGpuAvailability: GET /deploy/llm/gpu_availability with source and base_model", async () => {
    const { deepinfra, requests } = client(json(200, gpuAvailability));
    await expect(deepinfra.getGpuAvailability({ source: "huggingface", base_model: "meta-llama/Llama-3.1-8B Instruct" })).resolves.toEqual(
      gpuAvailability,
    );
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/deploy/llm/gpu_availability?source=huggingface&base_model=meta-llama%2FLlama-3.1-8B%20Instruct`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.body).toBeUndefined();
  });

  it("getGpuAvailability: no parameters sends no query string; an empty string is sent as given", async () => {
    const { deepinfra, requests } = client(json(200, gpuAvailability));
    await deepinfra.getGpuAvailability();
    await deepinfra.getGpuAvailability({ source: "" });
    expect(requests[0]?.url.href).toBe(`${BASE}/deploy/llm/gpu_availability`);
    expect(requests[1]?.url.href).toBe(`${BASE}/deploy/llm/gpu_availability?source=`);
  });

  it("getGpuAvailability: a 422 becomes UnprocessableEntityError with FastAPI's detail list joined", async () => {
    const body = { detail: [{ loc: ["query", "base_model"], msg: "String should have at most 256 characters", type: "string_too_long" }] };
    const { deepinfra } = client(json(422, body));
    const error = await deepinfra.getGpuAvailability({ base_model: "x".repeat(300) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      status: 422,
      operationId: "getGpuAvailability",
      method: "GET",
      providerMessage: "query.base_model: String should have at most 256 characters",
      body,
    });
    expect((error as Error).message).toBe(
      "deepinfra getGpuAvailability failed with 422: query.base_model: String should have at most 256 characters",
    );
  });

  it("getDeployment: GET /deploy/{deploy_id}", async () => {
    const { deepinfra, requests } = client(json(200, llmDeployment));
    await expect(deepinfra.getDeployment({ deploy_id: "fkj843kjh8" })).resolves.toEqual(llmDeployment);
    const [req] = requests;
    expect(req?.method).toBe("GET");
    expect(req?.url.href).toBe(`${BASE}/deploy/fkj843kjh8`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.body).toBeUndefined();
  });

  it("getDeployment: a 404 becomes NotFoundError with DeepInfra's `error`", async () => {
    const { deepinfra } = client(json(404, { error: "Deployment not found" }));
    const error = await deepinfra.getDeployment({ deploy_id: "nope" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      provider: "deepinfra",
      operationId: "getDeployment",
      method: "GET",
      url: `${BASE}/deploy/nope`,
      requestId: undefined,
      providerMessage: "Deployment not found",
      attempts: 1,
      body: { error: "Deployment not found" },
    });
    expect((error as Error).message).toBe("deepinfra getDeployment failed with 404: Deployment not found");
  });

  it("getDeployment: path parameters are encoded, a slash and `..` stay in one segment", async () => {
    const { deepinfra, requests } = client(json(200, llmDeployment));
    await deepinfra.getDeployment({ deploy_id: "../../deploy/list" });
    await deepinfra.getDeployment({ deploy_id: "a b/..?x=1#y" });
    expect(requests[0]?.url.pathname).toBe("/deploy/..%2F..%2Fdeploy%2Flist");
    expect(requests[1]?.url.pathname).toBe("/deploy/a%20b%2F..%3Fx%3D1%23y");
    expect(requests[1]?.url.search).toBe("");
  });

  it("getDeployment / stopDeployment: a `..`, `.` or empty deploy_id fails before any request, naming it", async () => {
    const { deepinfra, requests } = client(json(200, llmDeployment));
    await expect(deepinfra.getDeployment({ deploy_id: ".." })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "deploy_id" && /deploy_id/.test(e.message),
    );
    await expect(deepinfra.stopDeployment({ deploy_id: "%2e%2E" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "deploy_id",
    );
    await expect(deepinfra.deleteDeployment({ deploy_id: "." })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "deploy_id",
    );
    await expect(deepinfra.deleteDeployment({ deploy_id: "" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "deploy_id",
    );
    expect(requests).toHaveLength(0);
  });

  it("updateDeployment: PUT /deploy/{deploy_id} with {settings}, returns only {deploy_id}", async () => {
    const { deepinfra, requests } = client(json(200, { deploy_id: "fkj843kjh8" }));
    const result = await deepinfra.updateDeployment({
      deploy_id: "fkj843kjh8",
      body: { settings: { min_instances: 1, max_instances: 2 } },
    });
    expect(result).toEqual({ deploy_id: "fkj843kjh8" });
    const [req] = requests;
    expect(req?.method).toBe("PUT");
    expect(req?.url.href).toBe(`${BASE}/deploy/fkj843kjh8`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.headers.get("content-type")).toBe("application/json");
    expect(req?.body).toEqual({ settings: { min_instances: 1, max_instances: 2 } });
  });

  it("updateDeployment: a 422 gives FastAPI's loc joined with dots and its msg", async () => {
    const { deepinfra } = client(json(422, validationFailed));
    const error = await deepinfra
      .updateDeployment({ deploy_id: "fkj843kjh8", body: { settings: { min_instances: 1.5, max_instances: 2 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error).toMatchObject({
      status: 422,
      operationId: "updateDeployment",
      method: "PUT",
      url: `${BASE}/deploy/fkj843kjh8`,
      providerMessage: "body.settings.min_instances: Input should be a valid integer",
      body: validationFailed,
    });
    expect((error as Error).message).toBe(
      "deepinfra updateDeployment failed with 422: body.settings.min_instances: Input should be a valid integer",
    );
  });

  it("updateDeployment: a 401 becomes AuthenticationError, and the key never appears in it", async () => {
    const { deepinfra } = client(json(401, { error: "Unauthorized" }));
    const error = await deepinfra
      .updateDeployment({ deploy_id: "fkj843kjh8", body: { settings: { max_instances: 3 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, operationId: "updateDeployment", providerMessage: "Unauthorized" });
    expect((error as Error).message).toBe("deepinfra updateDeployment failed with 401: Unauthorized");
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
  });

  it("updateDeployment: being idempotent (PUT), a 503 is retried", async () => {
    const recorder = recordingFetch(json(503, { error: "Service unavailable" }), json(200, { deploy_id: "fkj843kjh8" }));
    const { sleep, delays } = recordingSleep();
    const deepinfra = createDeepInfraClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep });
    await expect(deepinfra.updateDeployment({ deploy_id: "fkj843kjh8", body: { settings: { min_instances: 0 } } })).resolves.toEqual({
      deploy_id: "fkj843kjh8",
    });
    expect(recorder.requests.map((r) => r.method)).toEqual(["PUT", "PUT"]);
    expect(recorder.requests[1]?.body).toEqual({ settings: { min_instances: 0 } });
    expect(delays).toHaveLength(1);
  });

  it("deleteDeployment: DELETE /deploy/{deploy_id}, returns only {deploy_id}", async () => {
    const { deepinfra, requests } = client(json(200, { deploy_id: "fkj843kjh8" }));
    await expect(deepinfra.deleteDeployment({ deploy_id: "fkj843kjh8" })).resolves.toEqual({ deploy_id: "fkj843kjh8" });
    const [req] = requests;
    expect(req?.method).toBe("DELETE");
    expect(req?.url.href).toBe(`${BASE}/deploy/fkj843kjh8`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.body).toBeUndefined();
  });

  it("deleteDeployment: a 404 becomes NotFoundError", async () => {
    const { deepinfra } = client(json(404, { error: "Deployment not found" }));
    const error = await deepinfra.deleteDeployment({ deploy_id: "gone" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      operationId: "deleteDeployment",
      method: "DELETE",
      url: `${BASE}/deploy/gone`,
      providerMessage: "Deployment not found",
    });
    expect((error as Error).message).toBe("deepinfra deleteDeployment failed with 404: Deployment not found");
  });

  it("startDeployment: POST /deploy/{deploy_id}/start without a body, returns only {deploy_id}", async () => {
    const { deepinfra, requests } = client(json(200, { deploy_id: "fkj843kjh8" }));
    await expect(deepinfra.startDeployment({ deploy_id: "fkj843kjh8" })).resolves.toEqual({ deploy_id: "fkj843kjh8" });
    const [req] = requests;
    expect(req?.method).toBe("POST");
    expect(req?.url.href).toBe(`${BASE}/deploy/fkj843kjh8/start`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.body).toBeUndefined();
  });

  it("startDeployment: a 404 becomes NotFoundError", async () => {
    const { deepinfra } = client(json(404, { error: "Deployment not found" }));
    const error = await deepinfra.startDeployment({ deploy_id: "gone" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      operationId: "startDeployment",
      method: "POST",
      url: `${BASE}/deploy/gone/start`,
      providerMessage: "Deployment not found",
    });
    expect((error as Error).message).toBe("deepinfra startDeployment failed with 404: Deployment not found");
  });

  it("stopDeployment: POST /deploy/{deploy_id}/stop without a body, returns only {deploy_id}", async () => {
    const { deepinfra, requests } = client(json(200, { deploy_id: "fkj843kjh8" }));
    await expect(deepinfra.stopDeployment({ deploy_id: "fkj843kjh8" })).resolves.toEqual({ deploy_id: "fkj843kjh8" });
    const [req] = requests;
    expect(req?.method).toBe("POST");
    expect(req?.url.href).toBe(`${BASE}/deploy/fkj843kjh8/stop`);
    expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(req?.body).toBeUndefined();
  });

  it("stopDeployment: a 400 becomes BadRequestError, and is not retried", async () => {
    const { deepinfra, requests } = client(json(400, { error: "Deployment is not running" }));
    const error = await deepinfra.stopDeployment({ deploy_id: "fkj843kjh8" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      operationId: "stopDeployment",
      method: "POST",
      url: `${BASE}/deploy/fkj843kjh8/stop`,
      providerMessage: "Deployment is not running",
      attempts: 1,
    });
    expect((error as Error).message).toBe("deepinfra stopDeployment failed with 400: Deployment is not running");
    expect(requests).toHaveLength(1);
  });

  it("an unknown parameter is rejected before any request", async () => {
    const { deepinfra, requests } = client(json(200, []));
    await expect((deepinfra.listDeployments as (p: unknown) => Promise<unknown>)({ statuses: "running" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "statuses",
    );
    expect(requests).toHaveLength(0);
  });

  it("an HTML error page from a proxy still gives a clean ApiError with an excerpt", async () => {
    const { deepinfra } = client(text(502, "<html><head><title>502</title></head><body><h1>Bad Gateway</h1></body></html>"));
    const error = await deepinfra.getDeployment({ deploy_id: "fkj843kjh8" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, body: "502 Bad Gateway", providerMessage: "502 Bad Gateway" });
  });

  it("reads the key from DEEPINFRA_API_KEY, and names it when missing", async () => {
    const saved = process.env.DEEPINFRA_API_KEY;
    try {
      delete process.env.DEEPINFRA_API_KEY;
      expect(() => createDeepInfraClient()).toThrow(ConfigurationError);
      expect(() => createDeepInfraClient()).toThrow(/DEEPINFRA_API_KEY/);
      process.env.DEEPINFRA_API_KEY = "from-env";
      const recorder = recordingFetch(json(200, []));
      const deepinfra = createDeepInfraClient({ fetch: recorder.fetch, maxRetries: 0 });
      await deepinfra.listDeployments();
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("Bearer from-env");
    } finally {
      if (saved === undefined) delete process.env.DEEPINFRA_API_KEY;
      else process.env.DEEPINFRA_API_KEY = saved;
    }
  });

  it("raw exposes the openapi-fetch client with the same auth", async () => {
    const { deepinfra, requests } = client(json(200, []));
    const { data, response } = await deepinfra.raw.GET("/deploy/list", { params: { query: { status: "stopped" } } });
    expect(response.status).toBe(200);
    expect(data).toEqual([]);
    expect(requests[0]?.url.href).toBe(`${BASE}/deploy/list?status=stopped`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });
});
