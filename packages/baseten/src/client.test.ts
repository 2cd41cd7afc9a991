import { json, recordingFetch, recordingSleep, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import {
  AuthenticationError,
  BadRequestError,
  type BasetenClient,
  type BasetenDeployment,
  type BasetenEnvironment,
  type BasetenModel,
  ConfigurationError,
  createBasetenClient,
  InvalidArgumentError,
  NotFoundError,
  RateLimitError,
} from "./index.js";

const BASE = "https://api.baseten.co";
const MODEL = "yqv4yjw";
const DEPLOYMENT = "qvv0xeq";

const model: BasetenModel = {
  id: MODEL,
  created_at: "2025-03-11T09:12:45.218Z",
  name: "llama-3-8b-support",
  deployments_count: 2,
  production_deployment_id: DEPLOYMENT,
  development_deployment_id: null,
  instance_type_name: "1x A100 (80 GiB VRAM), 12 vCPU, 144 GiB RAM",
  team_name: "Acme ML",
};

const autoscaling = {
  min_replica: 1,
  max_replica: 4,
  autoscaling_window: 60,
  scale_down_delay: 900,
  concurrency_target: 2,
  target_utilization_percentage: 70,
};

const deployment: BasetenDeployment = {
  id: DEPLOYMENT,
  created_at: "2025-03-12T14:03:27.511Z",
  name: "deployment-2",
  model_id: MODEL,
  is_production: true,
  is_development: false,
  status: "ACTIVE",
  active_replica_count: 2,
  autoscaling_settings: autoscaling,
  instance_type_name: "1x A100 (80 GiB VRAM), 12 vCPU, 144 GiB RAM",
  environment: "production",
  request_backpressure_settings: { policy: null },
};

const environment: BasetenEnvironment = {
  name: "staging",
  created_at: "2025-03-14T16:40:02.004Z",
  model_id: MODEL,
  current_deployment: deployment,
  autoscaling_settings: autoscaling,
  promotion_settings: { promotion_cleanup_strategy: "SCALE_TO_ZERO" },
  instance_type: {
    id: "A100",
    name: "1x A100 (80 GiB VRAM), 12 vCPU, 144 GiB RAM",
    memory_limit_mib: 147456,
    millicpu_limit: 12000,
    gpu_count: 1,
    gpu_type: "A100",
    gpu_memory_limit_mib: 81920,
  },
  request_backpressure_settings: { policy: "REJECT_ON_FULL" },
};

const accepted = { status: "ACCEPTED", message: "Autoscaling settings updated." };
const dep = `${BASE}/v1/models/${MODEL}/deployments`;

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { baseten: createBasetenClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

interface Call {
  name: string;
  call: (baseten: BasetenClient) => Promise<unknown>;
  method: string;
  url: string;
  body?: unknown;
  reply: unknown;
}

// One row per operation of the spec: what the method sends and what it hands back.
const CALLS: Call[] = [
  { name: "listModels", call: (b) => b.listModels(), method: "GET", url: `${BASE}/v1/models`, reply: { models: [model] } },
  {
    name: "listModels (by name)",
    call: (b) => b.listModels({ name: "llama 3/support" }),
    method: "GET",
    url: `${BASE}/v1/models?name=llama%203%2Fsupport`,
    reply: { models: [model] },
  },
  { name: "getModel", call: (b) => b.getModel({ model_id: MODEL }), method: "GET", url: `${BASE}/v1/models/${MODEL}`, reply: model },
  {
    name: "listDeployments",
    call: (b) => b.listDeployments({ model_id: MODEL, name: "deployment-2" }),
    method: "GET",
    url: `${dep}?name=deployment-2`,
    reply: { deployments: [deployment] },
  },
  {
    name: "getDeployment",
    call: (b) => b.getDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT }),
    method: "GET",
    url: `${dep}/${DEPLOYMENT}`,
    reply: deployment,
  },
  {
    name: "getDevelopmentDeployment",
    call: (b) => b.getDevelopmentDeployment({ model_id: MODEL }),
    method: "GET",
    url: `${dep}/development`,
    reply: { ...deployment, is_production: false, is_development: true, environment: "development" },
  },
  {
    name: "getProductionDeployment",
    call: (b) => b.getProductionDeployment({ model_id: MODEL }),
    method: "GET",
    url: `${dep}/production`,
    reply: deployment,
  },
  {
    name: "deleteDeployment",
    call: (b) => b.deleteDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT }),
    method: "DELETE",
    url: `${dep}/${DEPLOYMENT}`,
    reply: { id: DEPLOYMENT, deleted: true, model_id: MODEL },
  },
  {
    name: "updateAutoscalingSettings",
    call: (b) => b.updateAutoscalingSettings({ model_id: MODEL, deployment_id: DEPLOYMENT, body: { min_replica: 0, max_replica: 3 } }),
    method: "PATCH",
    url: `${dep}/${DEPLOYMENT}/autoscaling_settings`,
    body: { min_replica: 0, max_replica: 3 },
    reply: accepted,
  },
  {
    name: "updateDevelopmentAutoscalingSettings",
    call: (b) => b.updateDevelopmentAutoscalingSettings({ model_id: MODEL, body: { scale_down_delay: 120 } }),
    method: "PATCH",
    url: `${dep}/development/autoscaling_settings`,
    body: { scale_down_delay: 120 },
    reply: { status: "QUEUED", message: "Queued until the deployment is ready." },
  },
  {
    name: "updateProductionAutoscalingSettings",
    call: (b) => b.updateProductionAutoscalingSettings({ model_id: MODEL, body: { max_replica: 8, max_scale_down_rate: null } }),
    method: "PATCH",
    url: `${dep}/production/autoscaling_settings`,
    body: { max_replica: 8, max_scale_down_rate: null },
    reply: { status: "UNCHANGED", message: "Nothing to change." },
  },
  {
    name: "promoteDeployment",
    call: (b) => b.promoteDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT, body: { scale_down_previous_production: false } }),
    method: "POST",
    url: `${dep}/${DEPLOYMENT}/promote`,
    body: { scale_down_previous_production: false },
    reply: deployment,
  },
  {
    name: "promoteDevelopmentDeployment",
    call: (b) => b.promoteDevelopmentDeployment({ model_id: MODEL, body: { preserve_env_instance_type: false } }),
    method: "POST",
    url: `${dep}/development/promote`,
    body: { preserve_env_instance_type: false },
    reply: deployment,
  },
  {
    name: "activateDeployment",
    call: (b) => b.activateDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT }),
    method: "POST",
    url: `${dep}/${DEPLOYMENT}/activate`,
    reply: { success: true },
  },
  {
    name: "activateDevelopmentDeployment",
    call: (b) => b.activateDevelopmentDeployment({ model_id: MODEL }),
    method: "POST",
    url: `${dep}/development/activate`,
    reply: { success: true },
  },
  {
    name: "activateProductionDeployment",
    call: (b) => b.activateProductionDeployment({ model_id: MODEL }),
    method: "POST",
    url: `${dep}/production/activate`,
    reply: { success: false },
  },
  {
    name: "deactivateDeployment",
    call: (b) => b.deactivateDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT }),
    method: "POST",
    url: `${dep}/${DEPLOYMENT}/deactivate`,
    reply: { success: true },
  },
  {
    name: "deactivateDevelopmentDeployment",
    call: (b) => b.deactivateDevelopmentDeployment({ model_id: MODEL }),
    method: "POST",
    url: `${dep}/development/deactivate`,
    reply: { success: true },
  },
  {
    name: "deactivateProductionDeployment",
    call: (b) => b.deactivateProductionDeployment({ model_id: MODEL }),
    method: "POST",
    url: `${dep}/production/deactivate`,
    reply: { success: true },
  },
  {
    name: "listEnvironments",
    call: (b) => b.listEnvironments({ model_id: MODEL }),
    method: "GET",
    url: `${BASE}/v1/models/${MODEL}/environments`,
    reply: { environments: [environment] },
  },
  {
    name: "getEnvironment",
    call: (b) => b.getEnvironment({ model_id: MODEL, env_name: "staging" }),
    method: "GET",
    url: `${BASE}/v1/models/${MODEL}/environments/staging`,
    reply: environment,
  },
  {
    name: "listInstanceTypePrices",
    call: (b) => b.listInstanceTypePrices(),
    method: "GET",
    url: `${BASE}/v1/instance_type_prices`,
    reply: { instance_types: [{ instance_type: { id: "A10G", name: "1x A10G" }, price: 0.02012 }] },
  },
  {
    name: "getUsageSummary",
    call: (b) => b.getUsageSummary({ start_date: "2026-03-01T00:00:00Z", end_date: "2026-03-08T00:00:00Z" }),
    method: "GET",
    url: `${BASE}/v1/billing/usage_summary?start_date=2026-03-01T00%3A00%3A00Z&end_date=2026-03-08T00%3A00%3A00Z`,
    reply: { dedicated_usage: { subtotal: "112.48", credits_used: "0", total: "112.48", minutes: 5600, breakdown: [] } },
  },
];

describe("@modelfleet/baseten client", () => {
  it("covers every method of the client", () => {
    const methods = Object.keys(createBasetenClient({ apiKey: SECRET_KEY })).filter((key) => key !== "raw");
    expect(new Set(CALLS.map((c) => c.name.split(" ")[0]))).toEqual(new Set(methods));
  });

  for (const row of CALLS) {
    it(`${row.name}: ${row.method} ${row.url.slice(BASE.length)} with Bearer auth`, async () => {
      const { baseten, requests } = client(json(200, row.reply));
      await expect(row.call(baseten)).resolves.toEqual(row.reply);
      expect(requests).toHaveLength(1);
      const [req] = requests;
      expect(req?.method).toBe(row.method);
      expect(req?.url.href).toBe(row.url);
      expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
      expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/baseten@\d+\.\d+\.\d+/);
      expect(req?.body).toEqual(row.body);
      if (row.body !== undefined) expect(req?.headers.get("content-type")).toBe("application/json");
    });
  }

  it("promoteDeployment without options sends no body (Baseten applies its defaults)", async () => {
    const { baseten, requests } = client(json(200, deployment));
    await expect(baseten.promoteDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT })).resolves.toEqual(deployment);
    expect(requests[0]?.body).toBeUndefined();
  });

  it("a deployment with unknown status and policy values and no autoscaling yet parses as sent (open enums, nullable)", async () => {
    const future: BasetenDeployment = {
      ...deployment,
      status: "HIBERNATING",
      autoscaling_settings: null,
      request_backpressure_settings: { policy: "SHED_ON_FULL" },
    };
    const { baseten } = client(json(200, future));
    const result = await baseten.getDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT });
    expect(result).toEqual(future);
    expect(result.status).toBe("HIBERNATING");
  });

  it("getDeployment: a 404 becomes NotFoundError with Baseten's `error`", async () => {
    const { baseten } = client(json(404, { error: "Deployment not found" }));
    const error = await baseten.getDeployment({ model_id: MODEL, deployment_id: "gone" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      provider: "baseten",
      operationId: "getDeployment",
      method: "GET",
      url: `${dep}/gone`,
      providerMessage: "Deployment not found",
      attempts: 1,
    });
    expect((error as Error).message).toBe("baseten getDeployment failed with 404: Deployment not found");
  });

  it("deleteDeployment: a 400 becomes BadRequestError, not retried", async () => {
    const recorder = recordingFetch(json(400, { error: "Cannot delete a deployment that an environment points at." }));
    const baseten = createBasetenClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const error = await baseten.deleteDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({
      status: 400,
      operationId: "deleteDeployment",
      method: "DELETE",
      providerMessage: "Cannot delete a deployment that an environment points at.",
    });
    expect(recorder.requests).toHaveLength(1);
  });

  it("listModels: a 401 becomes AuthenticationError, and the key appears nowhere in it", async () => {
    const { baseten } = client(json(401, { error: "Invalid API key" }));
    const error = await baseten.listModels().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, operationId: "listModels", providerMessage: "Invalid API key" });
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect(String((error as Error).stack)).not.toContain(SECRET_KEY);
  });

  it("deactivateDeployment: a 429 becomes RateLimitError with Baseten's body (retry_after kept) and is not retried (POST)", async () => {
    const body = { error: "Rate limit exceeded. Please try again later.", retry_after: 37 };
    const recorder = recordingFetch(json(429, body, { "retry-after": "37" }));
    const baseten = createBasetenClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const error = await baseten.deactivateDeployment({ model_id: MODEL, deployment_id: DEPLOYMENT }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      status: 429,
      operationId: "deactivateDeployment",
      providerMessage: "Rate limit exceeded. Please try again later.",
      retryAfterMs: 37_000,
      body,
      attempts: 1,
    });
    expect(recorder.requests).toHaveLength(1);
  });

  it("updateAutoscalingSettings: a plain set, so a 503 is retried with the same body", async () => {
    const recorder = recordingFetch(json(503, { error: "Service unavailable" }), json(200, accepted));
    const { sleep, delays } = recordingSleep();
    const baseten = createBasetenClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep });
    await expect(
      baseten.updateAutoscalingSettings({ model_id: MODEL, deployment_id: DEPLOYMENT, body: { min_replica: 1, max_replica: 2 } }),
    ).resolves.toEqual(accepted);
    expect(recorder.requests.map((r) => r.method)).toEqual(["PATCH", "PATCH"]);
    expect(recorder.requests[1]?.body).toEqual({ min_replica: 1, max_replica: 2 });
    expect(delays).toHaveLength(1);
  });

  it("path parameters are encoded into one segment; `..`, `.` or empty ids fail before any request, naming them", async () => {
    const { baseten, requests } = client(json(200, deployment));
    await baseten.getDeployment({ model_id: MODEL, deployment_id: "../production" });
    expect(requests[0]?.url.pathname).toBe(`/v1/models/${MODEL}/deployments/..%2Fproduction`);
    await expect(baseten.getDeployment({ model_id: "..", deployment_id: DEPLOYMENT })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "model_id",
    );
    await expect(baseten.activateDeployment({ model_id: MODEL, deployment_id: "" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "deployment_id",
    );
    await expect(baseten.getEnvironment({ model_id: MODEL, env_name: "." })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "env_name",
    );
    expect(requests).toHaveLength(1);
  });

  it("an unknown parameter or a missing body is rejected before any request", async () => {
    const { baseten, requests } = client(json(200, accepted));
    await expect((baseten.getModel as (p: unknown) => Promise<unknown>)({ model_id: MODEL, deployment_id: DEPLOYMENT })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "deployment_id",
    );
    await expect(
      (baseten.updateAutoscalingSettings as (p: unknown) => Promise<unknown>)({ model_id: MODEL, deployment_id: DEPLOYMENT }),
    ).rejects.toSatisfy((e: unknown) => e instanceof InvalidArgumentError && e.argument === "body");
    expect(requests).toHaveLength(0);
  });

  it("an HTML error page from a proxy still gives a clean error with an excerpt", async () => {
    const { baseten } = client(text(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));
    const error = await baseten.listModels().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, providerMessage: "502 Bad Gateway" });
  });

  it("reads the key from BASETEN_API_KEY, and names it when missing", async () => {
    const saved = process.env.BASETEN_API_KEY;
    try {
      delete process.env.BASETEN_API_KEY;
      expect(() => createBasetenClient()).toThrow(ConfigurationError);
      expect(() => createBasetenClient()).toThrow(/BASETEN_API_KEY/);
      process.env.BASETEN_API_KEY = "from-env";
      const recorder = recordingFetch(json(200, { models: [] }));
      await createBasetenClient({ fetch: recorder.fetch, maxRetries: 0 }).listModels();
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("Bearer from-env");
    } finally {
      if (saved === undefined) delete process.env.BASETEN_API_KEY;
      else process.env.BASETEN_API_KEY = saved;
    }
  });

  it("raw exposes the openapi-fetch client with the same auth", async () => {
    const { baseten, requests } = client(json(200, { environments: [] }));
    const { data } = await baseten.raw.GET("/v1/models/{model_id}/environments", { params: { path: { model_id: MODEL } } });
    expect(data).toEqual({ environments: [] });
    expect(requests[0]?.url.href).toBe(`${BASE}/v1/models/${MODEL}/environments`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
  });
});
