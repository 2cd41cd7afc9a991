import { json, recordingFetch, SECRET_KEY } from "@modelfleet/test-utils";
import { afterEach, describe, expect, it, vi } from "vitest";
import { acmeProvider, getThing } from "./acme-provider.test-helper.js";
import { createClientCore } from "./client-core.js";
import { ConfigurationError } from "./errors.js";
import { baseUrlEnvVar } from "./options.js";

const provider = acmeProvider({ id: "acme-v2", packageName: "@modelfleet/acme-v2" });

afterEach(() => vi.unstubAllEnvs());

async function urlCalled(options: Parameters<typeof createClientCore>[1]): Promise<string> {
  const recorder = recordingFetch(json(200, { id: "1" }));
  const core = createClientCore(provider, { fetch: recorder.fetch, ...options });
  await core.call(getThing, { id: "1" });
  return recorder.requests[0]?.url.href ?? "";
}

describe("<PROVIDER>_BASE_URL", () => {
  it("is named from the provider id", () => {
    expect(baseUrlEnvVar("acme-v2")).toBe("ACME_V2_BASE_URL");
  });

  it("is the base URL when the key comes from the environment too and no baseUrl option is given", async () => {
    vi.stubEnv("ACME_API_KEY", SECRET_KEY);
    vi.stubEnv("ACME_V2_BASE_URL", "http://127.0.0.1:4010/");
    expect(await urlCalled({})).toBe("http://127.0.0.1:4010/things/1");
    expect(await urlCalled({ baseUrl: "https://proxy.example" })).toBe("https://proxy.example/things/1");
  });

  it("is not read for a key passed as an option (a fleet passes its own base URL with its own key)", async () => {
    vi.stubEnv("ACME_V2_BASE_URL", "http://127.0.0.1:4010");
    expect(await urlCalled({ apiKey: SECRET_KEY })).toBe("https://api.acme.test/things/1");
  });

  it("must be https or loopback http: the error names the variable, before any request", () => {
    vi.stubEnv("ACME_API_KEY", SECRET_KEY);
    vi.stubEnv("ACME_V2_BASE_URL", "http://acme.example");
    const recorder = recordingFetch();
    const create = () => createClientCore(provider, { fetch: recorder.fetch });
    expect(create).toThrow(ConfigurationError);
    expect(create).toThrow(/^ACME_V2_BASE_URL: baseUrl must use https/);
    expect(recorder.requests).toHaveLength(0);
  });
});
