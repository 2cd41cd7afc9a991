import { json } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import { ENV_KEYS, fakeProviders } from "./all.fake-providers.test-helper.js";
import { baseUrlEnvVar, ConfigurationError, createFleet, PROVIDER_IDS } from "./all.js";

const deployment = { deploy_id: "d1", model_name: "acme/m", version: "v1", status: "running" };

describe("modelfleet/all's createFleet and the environment", () => {
  it("with no provider configured, throws the CLI's error naming every key variable once", () => {
    const error = (() => {
      try {
        createFleet({ env: {} });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigurationError.isInstance(error)).toBe(true);
    const vars = [
      ...new Set(
        createFleet({ env: {}, requireProvider: false })
          .providers()
          .map((p) => p.envVar),
      ),
    ];
    expect((error as Error).message).toBe(`no provider is configured: set at least one of ${vars.join(", ")}`);
    expect(vars).toContain("OPPER_API_KEY");
    expect((error as Error).message.match(/OPPER_API_KEY/g)).toHaveLength(1);
    // A provider left out with `false` does not count, whatever the environment holds.
    expect(() => createFleet({ env: { DEEPINFRA_API_KEY: "k" }, deepinfra: false })).toThrow(/no provider is configured/);
    expect(
      createFleet({ env: {}, requireProvider: false })
        .providers()
        .every((p) => !p.configured),
    ).toBe(true);
  });

  it("names each provider's base URL variable as the CLI does", () => {
    expect(PROVIDER_IDS.map(baseUrlEnvVar)).toContain("OPPER_V2_BASE_URL");
    expect(baseUrlEnvVar("sieve")).toBe("SIEVE_BASE_URL");
  });

  it("sends a configured provider's requests to <PROVIDER>_BASE_URL (loopback http allowed)", async () => {
    const fake = fakeProviders({ "GET http://127.0.0.1:4010/deploy/d1": json(200, deployment) });
    const fleet = createFleet({
      env: {
        DEEPINFRA_API_KEY: ENV_KEYS.DEEPINFRA_API_KEY,
        DEEPINFRA_BASE_URL: "http://127.0.0.1:4010",
        SIEVE_BASE_URL: "http://127.0.0.1:1",
      },
      fetch: fake.fetch,
      maxRetries: 0,
    });
    await expect(fleet.getVersion("deepinfra:d1")).resolves.toMatchObject({ ref: "deepinfra:d1", model: "acme/m" });
    expect(fake.requests.map((r) => `${r.method} ${r.url.href}`)).toEqual(["GET http://127.0.0.1:4010/deploy/d1"]);
    // A base URL alone configures nothing: Sieve has no key.
    expect(fleet.providers().find((p) => p.id === "sieve")?.configured).toBe(false);
  });

  it("a provider's own baseUrl option wins over the variable", async () => {
    const fake = fakeProviders({ "GET https://proxy.example/deploy/d1": json(200, deployment) });
    const fleet = createFleet({
      env: { DEEPINFRA_API_KEY: ENV_KEYS.DEEPINFRA_API_KEY, DEEPINFRA_BASE_URL: "http://127.0.0.1:4010" },
      deepinfra: { baseUrl: "https://proxy.example" },
      fetch: fake.fetch,
    });
    await fleet.getVersion("deepinfra:d1");
    expect(fake.requests.map((r) => r.url.href)).toEqual(["https://proxy.example/deploy/d1"]);
  });

  it("refuses a non-loopback http URL in the variable, naming the variable, before any request", async () => {
    const fake = fakeProviders({});
    const fleet = createFleet({ env: { DEEPINFRA_API_KEY: "k", DEEPINFRA_BASE_URL: "http://deepinfra.example" }, fetch: fake.fetch });
    const error = await fleet.getVersion("deepinfra:d1").catch((e: unknown) => e);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/^DEEPINFRA_BASE_URL \(or the baseUrl option\): .*https/);
    expect(fake.requests).toHaveLength(0);
  });
});
