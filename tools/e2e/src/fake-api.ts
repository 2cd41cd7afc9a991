import { createServer, type IncomingMessage, type ServerResponse } from "node:http";

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

/** A loopback stand-in for the providers' APIs, answering the few requests the consumers make. */
export interface FakeApi {
  url: string;
  /** `METHOD path` of every request, in order. */
  requests: string[];
  close(): Promise<void>;
}

type Handler = (request: IncomingMessage) => { status: number; body: unknown };

const routes: Record<string, Handler> = {
  "GET /v2/functions/acme/whisper/versions/latest": () => ({ status: 200, body: SIEVE_VERSION }),
};

/** Starts the fake API on 127.0.0.1 (a free port). Unknown paths get Sieve's 404 shape: `{ "detail": ... }`. */
export async function startFakeApi(): Promise<FakeApi> {
  const requests: string[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const key = `${request.method} ${path}`;
    requests.push(key);
    const reply =
      request.headers["x-api-key"] !== API_KEY
        ? { status: 401, body: { detail: "invalid API key" } }
        : (routes[key]?.(request) ?? { status: 404, body: { detail: "version not found" } });
    response.writeHead(reply.status, { "content-type": "application/json", "x-request-id": `req-${requests.length}` });
    response.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("fake API has no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
