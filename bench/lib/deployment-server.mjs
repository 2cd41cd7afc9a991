// A node:http server on 127.0.0.1 answering DeepInfra's `GET /deploy/{deploy_id}` with a fixed 200 JSON body
// (the getDeployment example from specs/deepinfra.yaml). Runs in the benchmark's own process.
import http from "node:http";

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
  const server = http.createServer((req, res) => {
    if (req.method === "GET" && req.url === `/deploy/${DEPLOYMENT.deploy_id}`) {
      res.writeHead(200, { "content-type": "application/json", "content-length": BODY.length });
      res.end(BODY);
    } else {
      res.writeHead(404, { "content-type": "application/json" });
      res.end('{"error":"not found"}');
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${server.address().port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
