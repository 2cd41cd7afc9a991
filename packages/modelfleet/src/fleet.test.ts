import { ConfigurationError } from "@modelfleet/runtime";
import { describe, expect, it } from "vitest";
import { InvalidReferenceError, PartialFailureError, UnsupportedOperationError } from "./errors.js";
import { createFleet } from "./fleet.js";
import type { ProviderSettled } from "./listing.js";
import { alpha, beta, type TestClient } from "./test-providers.test-helper.js";

const ENV = { ALPHA_API_KEY: "alpha-key-SECRET", BETA_API_KEY: "beta-key-SECRET" };

function setup(env: Record<string, string | undefined> = ENV) {
  const clients: TestClient[] = [];
  const fleet = createFleet({ providers: [alpha(clients), beta(clients)], env });
  const seed = (client: TestClient) => {
    client.versions = { m: [{ version: "v1", status: "up", min: 1 }] };
    return client;
  };
  return { fleet, clients, seed };
}

describe("a fleet of any providers", () => {
  it("knows only the providers it was given, in their order, with identity and forms from each", () => {
    const { fleet } = setup({ ALPHA_API_KEY: "k" });
    expect(fleet.providers()).toEqual([
      {
        id: "alpha",
        name: "ALPHA",
        envVar: "ALPHA_API_KEY",
        configured: true,
        keySource: "env",
        capabilities: {
          getVersion: true,
          listVersions: true,
          listDeployments: true,
          scale: true,
          start: false,
          stop: false,
          promote: false,
          rollback: false,
          price: false,
          usage: false,
        },
        unsupported: {
          start: "not available",
          stop: "not available",
          promote: "not available",
          rollback: "not available",
          price: "not available",
          usage: "not available",
        },
        versionRefForm: "alpha:<model>@<version>",
        modelRefForm: "alpha:<model>",
      },
      expect.objectContaining({ id: "beta", configured: false, keySource: null }),
    ]);
    expect(() => fleet.parseRef("gamma:acme@latest")).toThrow(/unknown provider "gamma".*Known providers: alpha, beta/);
    expect(() => fleet.client("gamma" as never)).toThrow(/Known providers: alpha, beta/);
  });

  it("routes each call to the provider its reference names, parsed by that provider's grammar", async () => {
    const { fleet, clients, seed } = setup();
    const version = await (async () => {
      seed(fleet.client("alpha"));
      return fleet.getVersion("alpha:m@v1");
    })();
    expect(version).toMatchObject({ ref: "alpha:m@v1", provider: "alpha", status: "ready", providerStatus: "up" });
    expect(clients[0]?.calls).toEqual(["get m@v1"]);
    expect(fleet.parseRef("beta:x@y")).toEqual({ provider: "beta", model: "x", version: "y" });
    expect(fleet.formatModelRef({ provider: "beta", model: "x" })).toBe("beta:x");
    const error = (() => {
      try {
        fleet.parseRef("alpha:m");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidReferenceError);
    expect(error).toMatchObject({ expected: "alpha:<model>@<version>", argument: "ref" });
  });

  it("scales through the provider's scale, and refuses a provider whose flag is false with its reason", async () => {
    const { fleet, clients, seed } = setup();
    seed(fleet.client("alpha"));
    expect((await fleet.scale("alpha:m@v1", { min: 3, max: 4 })).scaling).toEqual({ min: 3, max: null });
    const error = await fleet.scale("beta:m@v1" as never, { min: 0, max: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedOperationError);
    expect((error as Error).message).toBe("beta does not support scale: beta cannot scale");
    expect(clients.flatMap((c) => c.calls)).toEqual(["scale m@v1 3-4"]);
  });

  it("tells each provider's outcome to onProviderSettled as it comes, failures included, once per provider", async () => {
    const { fleet, seed } = setup();
    seed(fleet.client("alpha")).delayMs = 20;
    fleet.client("beta").failure = new Error("beta is down");
    const events: ProviderSettled[] = [];
    const listing = fleet.listDeployments({ onProviderSettled: (event) => events.push(event) });
    expect(events).toEqual([]);
    const { versions, failures } = await listing.settled();
    expect(events.map((e) => [e.provider, e.versions?.length ?? null, (e.error as Error | undefined)?.message ?? null])).toEqual([
      ["beta", null, "beta is down"],
      ["alpha", 1, null],
    ]);
    expect(versions.map((v) => v.ref)).toEqual(["alpha:m@v1"]);
    expect(failures.map((f) => f.provider)).toEqual(["beta"]);
    const iterated = fleet.listDeployments();
    await expect(
      (async () => {
        for await (const _ of iterated);
      })(),
    ).rejects.toBeInstanceOf(PartialFailureError);
  });

  it("creates a provider given options at once; a bad option is a ConfigurationError naming the provider", () => {
    const clients: TestClient[] = [];
    expect(() => createFleet({ providers: [alpha(clients, { apiKey: "k", baseUrl: "http://x" })], env: {} })).toThrow(
      expect.objectContaining({ option: "baseUrl", provider: "alpha" }),
    );
    const fleet = createFleet({ providers: [alpha(clients, { apiKey: "k" }), beta(clients)], env: {} });
    expect(clients).toHaveLength(1);
    expect(fleet.providers().map((p) => [p.id, p.keySource])).toEqual([
      ["alpha", "option"],
      ["beta", null],
    ]);
    const unconfigured = (() => {
      try {
        fleet.client("beta");
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigurationError.isInstance(unconfigured)).toBe(true);
    expect(unconfigured).toMatchObject({ provider: "beta" });
    expect((unconfigured as Error).message).toContain("BETA_API_KEY");
  });

  it("refuses an unusable provider list", () => {
    const clients: TestClient[] = [];
    expect(() => createFleet({ providers: [] })).toThrow(/providers must be a non-empty array/);
    expect(() => createFleet({ providers: [alpha(clients), alpha(clients)] })).toThrow(/provider alpha is given twice/);
    expect(() => createFleet({ providers: [{ ...beta(clients), id: "Not An Id" } as never] })).toThrow(/not a fleet provider/);
    expect(() =>
      createFleet({ providers: [{ ...beta(clients), capabilities: { ...beta(clients).capabilities, scale: true } } as never] }),
    ).toThrow(/claims scale but has no scale method/);
  });

  it("holds no key: not in the fleet, its providers or their JSON", () => {
    const clients: TestClient[] = [];
    const providers = [alpha(clients, { apiKey: "alpha-key-SECRET" }), beta(clients)] as const;
    const fleet = createFleet({ providers, env: ENV });
    const shown = JSON.stringify([fleet.providers(), providers, Object.keys(fleet)]);
    expect(shown).not.toContain("SECRET");
  });
});
