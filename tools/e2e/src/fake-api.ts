import { type Handler, reply, router, type ServedRequest, startFakeServer } from "@modelfleet/test-utils/fake-http";

/** The API key every consumer sends; the fake API refuses anything else, as the real ones would. */
export const API_KEY = "e2e-test-key";

/** A version as the Sieve API returns it; consumers print fields of it, and the test compares. */
export const SIEVE_VERSION = {
  id: "5f0c8d2e-6b1a-4c3e-9a7d-2b8e4f1c0a93",
  build_status: "ready",
  queued_at: "2024-12-15T01:41:59.195000",
  built_at: "2024-12-15T01:45:02.000000",
  ready_at: "2024-12-15T01:46:10.500000",
  compute_type: "A100",
  python_packages: ["torch"],
  system_packages: [],
  gpu: true,
  split: 1,
  minimum_replicas: 0,
  maximum_replicas: 2,
  inputs: [],
  outputs: [],
  environment_variables: [],
  function_dependencies: [],
};

/** A deployment as the Replicate API returns it. */
export const REPLICATE_DEPLOYMENT = {
  owner: "acme",
  name: "image-gen",
  current_release: {
    number: 3,
    model: "stability-ai/sdxl",
    version: "da77bc59ee60423279fd632efb4795ab731d9e3ca9705ef3341091fb989b7eaf",
    created_at: "2024-02-15T16:32:57.018467Z",
    configuration: { hardware: "gpu-t4", min_instances: 0, max_instances: 3 },
  },
};

/** An endpoint as the Hugging Face Inference Endpoints API returns it. */
export const HF_ENDPOINT = {
  name: "my-endpoint-name",
  type: "protected",
  provider: { vendor: "aws", region: "us-east-1" },
  compute: { accelerator: "gpu", instanceType: "nvidia-l4", instanceSize: "x1", scaling: { minReplica: 0, maxReplica: 2 } },
  model: { repository: "gpt2", revision: "11c5a3d5811f50298f278a704980280950aedb10", framework: "pytorch", image: { huggingface: {} } },
  status: {
    state: "scaledToZero",
    message: "Endpoint is scaled to zero",
    createdAt: "2023-10-26T12:41:53.263Z",
    updatedAt: "2023-10-26T12:41:53.263Z",
    createdBy: { id: "6273f303f6d63a28483fde12", name: "acme-ml" },
    readyReplica: 0,
    targetReplica: 0,
  },
};

/** A deployment as Baseten's API returns it. */
export const BASETEN_DEPLOYMENT = {
  id: "qvv0xeq",
  created_at: "2025-03-12T14:03:27.511Z",
  name: "deployment-2",
  model_id: "yqv4yjw",
  is_production: true,
  is_development: false,
  status: "ACTIVE",
  active_replica_count: 1,
  autoscaling_settings: null,
  instance_type_name: "1x A10G",
  environment: "production",
  request_backpressure_settings: { policy: null },
};

/** An endpoint as Together's API returns it. */
export const TOGETHER_ENDPOINT = {
  object: "endpoint",
  id: "endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7",
  name: "devuser/meta-llama/Llama-3-8b-chat-hf-a32b82a1",
  display_name: "llama",
  model: "meta-llama/Llama-3-8b-chat-hf",
  hardware: "1x_nvidia_a100_80gb_sxm",
  type: "dedicated",
  owner: "devuser",
  state: "STARTED",
  autoscaling: { min_replicas: 1, max_replicas: 2 },
  created_at: "2025-02-04T10:43:55.405Z",
};

/** A loopback stand-in for the providers' APIs, answering the few requests the consumers make. */
export interface FakeApi {
  url: string;
  /** `METHOD path` of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Answers with a request id like the real APIs send. */
const withRequestId =
  (handler: Handler): Handler =>
  (seen, res, req) => {
    res.setHeader("x-request-id", `req-${seen.index}`);
    handler(seen, res, req);
  };

const routes: Record<string, Handler> = {
  "GET /v2/functions/acme/whisper/versions/latest": reply(200, SIEVE_VERSION),
  "GET /v1/deployments/acme/image-gen": reply(200, REPLICATE_DEPLOYMENT),
  "GET /v2/endpoint/acme-ml/my-endpoint-name": reply(200, HF_ENDPOINT),
  "GET /v1/models/yqv4yjw/deployments/production": reply(200, BASETEN_DEPLOYMENT),
  "GET /endpoints/endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7": reply(200, TOGETHER_ENDPOINT),
};

/** Each provider's auth check and 404 answer, by path prefix; Sieve's (`{ "detail": ... }`) is the fallback. */
const providers: { prefix: string; authorized: (seen: ServedRequest) => boolean; notFound: Handler }[] = [
  // Replicate and Baseten (both under /v1/, both bearer tokens).
  { prefix: "/v1/", authorized: (r) => r.headers.authorization === `Bearer ${API_KEY}`, notFound: reply(404, { detail: "Not found." }) },
  {
    prefix: "/v2/endpoint/",
    authorized: (r) => r.headers.authorization === `Bearer ${API_KEY}`,
    notFound: reply(404, { error: "Endpoint not found" }),
  },
  {
    prefix: "/endpoints/",
    authorized: (r) => r.headers.authorization === `Bearer ${API_KEY}`,
    notFound: reply(404, { detail: "version not found" }),
  },
  { prefix: "/", authorized: (r) => r.headers["x-api-key"] === API_KEY, notFound: reply(404, { detail: "version not found" }) },
];
const unauthorized = reply(401, { detail: "invalid API key" });

/** Starts the fake API on 127.0.0.1 (a free port). Unknown paths get the provider's 404 shape. */
export async function startFakeApi(): Promise<FakeApi> {
  const server = await startFakeServer(
    withRequestId((seen, res, req) => {
      const provider =
        providers.find((p) => seen.path.startsWith(p.prefix)) ?? (providers[providers.length - 1] as (typeof providers)[number]);
      const handler = provider.authorized(seen) ? router(routes, provider.notFound) : unauthorized;
      handler(seen, res, req);
    }),
  );
  return {
    url: server.baseUrl,
    get requests() {
      return server.requests.map((r) => `${r.method} ${r.path}`);
    },
    close: () => server.close(),
  };
}
