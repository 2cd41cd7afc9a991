import { type Handler, reply, router, startFakeServer } from "@modelfleet/test-utils/fake-http";

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

/** Sieve's error shape (`{ "detail": ... }`), with a request id like the real API sends. */
const sieveError = (status: number, detail: string): Handler => withRequestId(reply(status, { detail }));

const withRequestId =
  (handler: Handler): Handler =>
  (seen, res, req) => {
    res.setHeader("x-request-id", `req-${seen.index}`);
    handler(seen, res, req);
  };

const routes = router(
  { "GET /v2/functions/acme/whisper/versions/latest": withRequestId(reply(200, SIEVE_VERSION)) },
  sieveError(404, "version not found"),
);

/** Starts the fake API on 127.0.0.1 (a free port). Unknown paths get Sieve's 404 shape. */
export async function startFakeApi(): Promise<FakeApi> {
  const unauthorized = sieveError(401, "invalid API key");
  const server = await startFakeServer((seen, res, req) => (seen.headers["x-api-key"] !== API_KEY ? unauthorized : routes)(seen, res, req));
  return {
    url: server.baseUrl,
    get requests() {
      return server.requests.map((r) => `${r.method} ${r.path}`);
    },
    close: () => server.close(),
  };
}
