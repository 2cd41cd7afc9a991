// The built files, not the sources: each format must reach openapi-fetch's createClient and send a request.
// (The CommonJS build once got openapi-fetch's whole exports object as its default import and failed on first use.)
import { createRequire } from "node:module";
import { json, recordingFetch } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import type * as Runtime from "./index.js";
import type { OperationDescriptor, ProviderDescriptor } from "./provider.js";

const getThing: OperationDescriptor = {
  operationId: "getThing",
  method: "GET",
  path: "/things/{id}",
  pathParams: ["id"],
  queryParams: [],
  headerParams: [],
  body: false,
  idempotent: true,
};
const provider: ProviderDescriptor = {
  id: "acme",
  name: "Acme",
  packageName: "@modelfleet/acme",
  packageVersion: "1.0.0",
  envVar: "ACME_API_KEY",
  baseUrl: "https://api.acme.test",
  auth: { header: "Authorization", prefix: "Bearer " },
  requestIdHeader: undefined,
  errorMessageKeys: ["message"],
  sensitiveKeys: [],
  operations: { getThing },
};

const builds: Array<[string, () => Promise<typeof Runtime>]> = [
  ["dist/index.cjs (require)", async () => createRequire(import.meta.url)("../dist/index.cjs") as typeof Runtime],
  ["dist/index.js (import)", () => import("../dist/index.js" as string) as Promise<typeof Runtime>],
];

describe.each(builds)("%s", (_name, load) => {
  it("creates a client and sends a request through openapi-fetch", async () => {
    const runtime = await load();
    const { fetch, requests } = recordingFetch(json(200, { id: "t1" }));
    const core = runtime.createClientCore(provider, { apiKey: "k-123456", fetch });
    await expect(core.call(getThing, { id: "t1" })).resolves.toEqual({ id: "t1" });
    expect(requests[0]?.url.href).toBe("https://api.acme.test/things/t1");
  });
});
