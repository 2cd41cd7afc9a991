// A loopback server (the repository's fake-HTTP kit, built to tools/test-utils/dist by `npm run build`) answering
// DeepInfra's `GET /deploy/{deploy_id}` with a fixed 200 JSON body (the getDeployment example from
// specs/deepinfra.yaml). Runs in the benchmark's own process.
import { reply, router, startFakeServer } from "@modelfleet/test-utils/dist/fake-http";

export const DEPLOYMENT = {
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

export const BODY = Buffer.from(JSON.stringify(DEPLOYMENT));

/** Starts the server on an ephemeral loopback port; `close()` stops it. */
export async function startDeploymentServer() {
  const server = await startFakeServer(
    router({
      [`GET /deploy/${DEPLOYMENT.deploy_id}`]: reply(200, BODY, { "content-type": "application/json", "content-length": BODY.length }),
    }),
    { record: false },
  );
  return { baseUrl: server.baseUrl, close: () => server.close() };
}
