import { empty, json, recordingFetch, recordingSleep, SECRET_KEY, text } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  ConfigurationError,
  createTogetherClient,
  InternalServerError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  type TogetherClient,
  type TogetherEndpoint,
  type TogetherHardwareList,
  type TogetherListedEndpoint,
} from "./index.js";

const BASE = "https://api.together.ai/v1";
const ID = "endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7";

const endpoint: TogetherEndpoint = {
  object: "endpoint",
  id: ID,
  name: "devuser/meta-llama/Llama-3-8b-chat-hf-a32b82a1",
  display_name: "My Llama3 70b endpoint",
  model: "meta-llama/Llama-3-8b-chat-hf",
  hardware: "1x_nvidia_a100_80gb_sxm",
  type: "dedicated",
  owner: "devuser",
  state: "STARTED",
  autoscaling: { min_replicas: 2, max_replicas: 5 },
  created_at: "2025-02-04T10:43:55.405Z",
};

const listed: TogetherListedEndpoint = {
  object: "endpoint",
  id: ID,
  name: endpoint.name,
  model: endpoint.model,
  type: "dedicated",
  owner: "devuser",
  state: "STARTED",
  created_at: endpoint.created_at,
};

const hardware: TogetherHardwareList = {
  object: "list",
  data: [
    {
      object: "hardware",
      id: "2x_nvidia_h100_80gb_sxm",
      pricing: { cents_per_minute: 19.98 },
      specs: { gpu_type: "h100-80gb", gpu_link: "sxm", gpu_memory: 80, gpu_count: 2 },
      availability: { status: "available" },
      updated_at: "2025-02-04T10:00:00.000Z",
    },
  ],
};

function client(...replies: Parameters<typeof recordingFetch>) {
  const recorder = recordingFetch(...replies);
  return { together: createTogetherClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 0 }), requests: recorder.requests };
}

interface Call {
  name: string;
  call: (together: TogetherClient) => Promise<unknown>;
  method: string;
  url: string;
  body?: unknown;
  reply: unknown;
}

// One row per operation of the spec (several for updateEndpoint: each thing it changes).
const CALLS: Call[] = [
  {
    name: "listEndpoints",
    call: (t) => t.listEndpoints(),
    method: "GET",
    url: `${BASE}/endpoints`,
    reply: { object: "list", data: [listed] },
  },
  {
    name: "listEndpoints (filtered)",
    call: (t) => t.listEndpoints({ type: "dedicated", usage_type: "on-demand", mine: true }),
    method: "GET",
    url: `${BASE}/endpoints?type=dedicated&usage_type=on-demand&mine=true`,
    reply: { object: "list", data: [listed] },
  },
  {
    name: "createEndpoint",
    call: (t) =>
      t.createEndpoint({
        body: {
          model: "meta-llama/Llama-3-8b-chat-hf",
          hardware: "1x_nvidia_a100_80gb_sxm",
          autoscaling: { min_replicas: 2, max_replicas: 5 },
          display_name: "My Llama3 70b endpoint",
          state: "STOPPED",
          inactive_timeout: null,
        },
      }),
    method: "POST",
    url: `${BASE}/endpoints`,
    body: {
      model: "meta-llama/Llama-3-8b-chat-hf",
      hardware: "1x_nvidia_a100_80gb_sxm",
      autoscaling: { min_replicas: 2, max_replicas: 5 },
      display_name: "My Llama3 70b endpoint",
      state: "STOPPED",
      inactive_timeout: null,
    },
    reply: { ...endpoint, state: "PENDING" },
  },
  { name: "getEndpoint", call: (t) => t.getEndpoint({ endpointId: ID }), method: "GET", url: `${BASE}/endpoints/${ID}`, reply: endpoint },
  {
    name: "updateEndpoint (autoscaling)",
    call: (t) => t.updateEndpoint({ endpointId: ID, body: { autoscaling: { min_replicas: 1, max_replicas: 3 } } }),
    method: "PATCH",
    url: `${BASE}/endpoints/${ID}`,
    body: { autoscaling: { min_replicas: 1, max_replicas: 3 } },
    reply: { ...endpoint, autoscaling: { min_replicas: 1, max_replicas: 3 } },
  },
  {
    name: "updateEndpoint (stop)",
    call: (t) => t.updateEndpoint({ endpointId: ID, body: { state: "STOPPED" } }),
    method: "PATCH",
    url: `${BASE}/endpoints/${ID}`,
    body: { state: "STOPPED" },
    reply: { ...endpoint, state: "STOPPING" },
  },
  {
    name: "updateEndpoint (start, rename, idle timeout)",
    call: (t) => t.updateEndpoint({ endpointId: ID, body: { state: "STARTED", display_name: "support", inactive_timeout: 0 } }),
    method: "PATCH",
    url: `${BASE}/endpoints/${ID}`,
    body: { state: "STARTED", display_name: "support", inactive_timeout: 0 },
    reply: { ...endpoint, state: "STARTING", display_name: "support" },
  },
  {
    name: "listHardware",
    call: (t) => t.listHardware({ model: "meta-llama/Llama-3-8b-chat-hf" }),
    method: "GET",
    url: `${BASE}/hardware?model=meta-llama%2FLlama-3-8b-chat-hf`,
    reply: hardware,
  },
];

describe("@modelfleet/together client", () => {
  it("covers every method of the client", () => {
    const methods = Object.keys(createTogetherClient({ apiKey: SECRET_KEY })).filter((key) => key !== "raw");
    expect(new Set([...CALLS.map((c) => c.name.split(" ")[0]), "deleteEndpoint"])).toEqual(new Set(methods));
  });

  for (const row of CALLS) {
    it(`${row.name}: ${row.method} ${row.url.slice(BASE.length)} with Bearer auth`, async () => {
      const { together, requests } = client(json(200, row.reply));
      await expect(row.call(together)).resolves.toEqual(row.reply);
      expect(requests).toHaveLength(1);
      const [req] = requests;
      expect(req?.method).toBe(row.method);
      expect(req?.url.href).toBe(row.url);
      expect(req?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
      expect(req?.headers.get("user-agent")).toMatch(/^modelfleet\/@modelfleet\/together@\d+\.\d+\.\d+/);
      expect(req?.body).toEqual(row.body);
    });
  }

  it("deleteEndpoint: DELETE /endpoints/{endpointId}, a 204 resolves to undefined", async () => {
    const { together, requests } = client(empty(204));
    await expect(together.deleteEndpoint({ endpointId: ID })).resolves.toBeUndefined();
    expect(requests[0]?.method).toBe("DELETE");
    expect(requests[0]?.url.href).toBe(`${BASE}/endpoints/${ID}`);
    expect(requests[0]?.headers.get("authorization")).toBe(`Bearer ${SECRET_KEY}`);
    expect(requests[0]?.body).toBeUndefined();
  });

  it("an endpoint with an unknown state and type parses as sent (open enums)", async () => {
    const future = { ...endpoint, state: "DRAINING", type: "reserved" };
    const { together } = client(json(200, future));
    const result = await together.getEndpoint({ endpointId: ID });
    expect(result).toEqual(future);
    expect(result.state).toBe("DRAINING");
  });

  it("getEndpoint: a 404 becomes NotFoundError with the message from Together's nested envelope", async () => {
    const body = { error: { message: "Endpoint not found", type: "not_found", param: null, code: null } };
    const { together } = client(json(404, body));
    const error = await together.getEndpoint({ endpointId: "endpoint-gone" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      provider: "together",
      operationId: "getEndpoint",
      method: "GET",
      url: `${BASE}/endpoints/endpoint-gone`,
      providerMessage: "Endpoint not found",
      body,
      attempts: 1,
    });
    expect((error as Error).message).toBe("together getEndpoint failed with 404: Endpoint not found");
  });

  it("listEndpoints: Together's 403 for a bad key becomes PermissionDeniedError, and the key appears nowhere in it", async () => {
    const { together } = client(json(403, { error: { message: "Unauthorized", type: "unauthorized", param: null, code: null } }));
    const error = await together.listEndpoints().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, operationId: "listEndpoints", providerMessage: "Unauthorized" });
    expect(JSON.stringify(error)).not.toContain(SECRET_KEY);
    expect(String((error as Error).stack)).not.toContain(SECRET_KEY);
  });

  it("createEndpoint: a 400 becomes BadRequestError, and is not retried (POST)", async () => {
    const body = {
      error: { message: "hardware not available for this model", type: "invalid_request_error", param: "hardware", code: null },
    };
    const recorder = recordingFetch(json(400, body));
    const together = createTogetherClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep: recordingSleep().sleep });
    const error = await together
      .createEndpoint({ body: { model: "x/y", hardware: "1x_nvidia_h100_80gb_sxm", autoscaling: { min_replicas: 1, max_replicas: 1 } } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ status: 400, operationId: "createEndpoint", providerMessage: "hardware not available for this model" });
    expect(recorder.requests).toHaveLength(1);
  });

  it("updateEndpoint: a plain set, so a 500 is retried with the same body", async () => {
    const recorder = recordingFetch(json(500, { error: { message: "Internal error", type: "server_error" } }), json(200, endpoint));
    const { sleep, delays } = recordingSleep();
    const together = createTogetherClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 2, sleep });
    await expect(together.updateEndpoint({ endpointId: ID, body: { state: "STARTED" } })).resolves.toEqual(endpoint);
    expect(recorder.requests.map((r) => r.method)).toEqual(["PATCH", "PATCH"]);
    expect(recorder.requests[1]?.body).toEqual({ state: "STARTED" });
    expect(delays).toHaveLength(1);
  });

  it("deleteEndpoint: a 500 is retried (DELETE is idempotent); one that persists becomes InternalServerError", async () => {
    const recorder = recordingFetch(json(500, { error: { message: "Internal error", type: "server_error" } }));
    const together = createTogetherClient({ apiKey: SECRET_KEY, fetch: recorder.fetch, maxRetries: 1, sleep: recordingSleep().sleep });
    const error = await together.deleteEndpoint({ endpointId: ID }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 500, operationId: "deleteEndpoint", providerMessage: "Internal error", attempts: 2 });
    expect(recorder.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);
  });

  it("the endpoint id is encoded into one segment; `..` or an empty id fails before any request, naming it", async () => {
    const { together, requests } = client(json(200, endpoint));
    await together.getEndpoint({ endpointId: "../hardware" });
    expect(requests[0]?.url.pathname).toBe("/v1/endpoints/..%2Fhardware");
    await expect(together.deleteEndpoint({ endpointId: ".." })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "endpointId",
    );
    await expect(together.updateEndpoint({ endpointId: "", body: { state: "STOPPED" } })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "endpointId",
    );
    expect(requests).toHaveLength(1);
  });

  it("an unknown query parameter is rejected before any request", async () => {
    const { together, requests } = client(json(200, hardware));
    await expect((together.listHardware as (p: unknown) => Promise<unknown>)({ gpu: "h100" })).rejects.toSatisfy(
      (e: unknown) => e instanceof InvalidArgumentError && e.argument === "gpu",
    );
    expect(requests).toHaveLength(0);
  });

  it("an HTML error page from a proxy still gives a clean error with an excerpt", async () => {
    const { together } = client(text(502, "<html><body><h1>502 Bad Gateway</h1></body></html>"));
    const error = await together.listHardware().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, providerMessage: "502 Bad Gateway" });
  });

  it("reads the key from TOGETHER_API_KEY, and names it when missing", async () => {
    const saved = process.env.TOGETHER_API_KEY;
    try {
      delete process.env.TOGETHER_API_KEY;
      expect(() => createTogetherClient()).toThrow(ConfigurationError);
      expect(() => createTogetherClient()).toThrow(/TOGETHER_API_KEY/);
      process.env.TOGETHER_API_KEY = "from-env";
      const recorder = recordingFetch(json(200, { object: "list", data: [] }));
      await createTogetherClient({ fetch: recorder.fetch, maxRetries: 0 }).listEndpoints();
      expect(recorder.requests[0]?.headers.get("authorization")).toBe("Bearer from-env");
    } finally {
      if (saved === undefined) delete process.env.TOGETHER_API_KEY;
      else process.env.TOGETHER_API_KEY = saved;
    }
  });
});
