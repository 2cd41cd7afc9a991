import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  allOutput,
  basetenDeployment,
  type FakeReply,
  KEYS,
  type Routes,
  runCli,
  startFakeProviders,
  togetherEndpoint,
} from "./fake-providers.test-helper.js";

let fake: Awaited<ReturnType<typeof startFakeProviders>> | undefined;
afterEach(() => fake?.stop());
afterAll(() => {
  for (const output of allOutput) for (const key of Object.values(KEYS)) expect(output).not.toContain(key);
});

async function envWith(routes: Routes) {
  fake = await startFakeProviders(routes);
  return { TOGETHER_API_KEY: KEYS.TOGETHER_API_KEY, BASETEN_API_KEY: KEYS.BASETEN_API_KEY, ...fake.baseUrlEnv };
}

const ENDPOINTS = ["endpoint-1", "endpoint-2", "endpoint-3"];
/** Together's account: three endpoints; the second one's own read answers `second`. */
function together(second: FakeReply): Routes {
  const endpoint = (id: string) => ({ ...togetherEndpoint(), id });
  return {
    "GET /together/endpoints": { body: { object: "list", data: ENDPOINTS.map((id) => ({ id, model: "acme/m", state: "STARTED" })) } },
    "GET /together/endpoints/endpoint-1": { body: endpoint("endpoint-1") },
    "GET /together/endpoints/endpoint-2": second,
    "GET /together/endpoints/endpoint-3": { body: endpoint("endpoint-3") },
  };
}

describe("ls and one item of a provider's listing", () => {
  it("an endpoint deleted between Together's list and its read is left out; the rest is listed, exit 0", async () => {
    const env = await envWith(together({ status: 404, body: { message: "endpoint not found" } }));
    const run = await runCli(["ls", "--provider", "together", "--json"], env);
    expect(run.code).toBe(0);
    const parsed = JSON.parse(run.stdout);
    expect(parsed.deployments.map((d: { ref: string }) => d.ref)).toEqual(["together:endpoint-1", "together:endpoint-3"]);
    expect(parsed.failures).toEqual([]);
  });

  it("another failed read is reported for that endpoint: the rest is listed, exit 3, --json names the item", async () => {
    const env = await envWith(together({ status: 403, body: { message: "not yours" }, headers: { "x-request-id": "req-t-7" } }));
    const json = await runCli(["ls", "--provider", "together", "--json"], env);
    expect(json.code).toBe(3);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.deployments.map((d: { ref: string }) => d.ref)).toEqual(["together:endpoint-1", "together:endpoint-3"]);
    expect(parsed.failures).toEqual([
      {
        provider: "together",
        item: "together:endpoint-2",
        error: expect.objectContaining({ name: "PermissionDeniedError", status: 403 }),
      },
    ]);

    const table = await runCli(["ls", "--provider", "together"], env);
    expect(table.code).toBe(3);
    expect(table.stdout).toContain("together:endpoint-1");
    expect(table.stdout).toContain("together:endpoint-3");
    expect(table.stderr.trimEnd().split("\n")).toEqual([
      expect.stringMatching(/^warning: together: together:endpoint-2 could not be read: .*403.*not yours/),
      "Every provider answered; the list above lacks what the warnings name.",
    ]);
  });

  it("export keeps the other endpoints and names the one it could not read (exit 3)", async () => {
    const env = await envWith(together({ status: 403, body: { message: "not yours" } }));
    const run = await runCli(["export", "--provider", "together"], env);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain("together:endpoint-1");
    expect(run.stdout).toContain("together:endpoint-3");
    expect(run.stdout).not.toContain("endpoint-2");
    expect(run.stderr).toMatch(/^warning: together: together:endpoint-2 could not be read: /m);
  });
});

describe("ls with many calls in flight on one signal", () => {
  it("prints no MaxListenersExceededWarning (the fleet's listing signal is shared by every request)", async () => {
    // Eight Together endpoints, Baseten models and Modzy models: each provider reads four at a time, and the fake
    // holds those reads until twelve are in flight together, more than the ten listeners Node tolerates on a signal.
    const ids = Array.from({ length: 8 }, (_, i) => `item-${i}`);
    const held: (() => void)[] = [];
    const hold =
      (body: unknown): Routes[string] =>
      () =>
        new Promise<FakeReply>((resolve) => {
          held.push(() => resolve({ body }));
          if (held.length >= 12) for (const release of held.splice(0)) release();
        });
    const routes: Routes = {
      "GET /together/endpoints": { body: { object: "list", data: ids.map((id) => ({ id, model: "acme/m", state: "STARTED" })) } },
      "GET /baseten/v1/models": { body: { models: ids.map((id) => ({ id })) } },
      "GET /modzy/models": { body: ids.map((id) => ({ modelId: id, latestVersion: "1.0.0" })) },
    };
    for (const id of ids) {
      routes[`GET /together/endpoints/${id}`] = hold({ ...togetherEndpoint(), id });
      routes[`GET /baseten/v1/models/${id}/deployments`] = hold({ deployments: [{ ...basetenDeployment(), model_id: id }] });
      routes[`GET /modzy/models/${id}/versions/1.0.0`] = hold({ version: "1.0.0", status: "active", model: { modelId: id } });
    }
    const env = { ...(await envWith(routes)), MODZY_API_KEY: KEYS.MODZY_API_KEY };
    const run = await runCli(["ls", "--provider", "together,baseten,modzy"], env);
    expect(run.stderr).not.toMatch(/MaxListenersExceededWarning|memory leak/);
    expect(run.code).toBe(0);
    expect(run.stdout.trimEnd().split("\n")).toHaveLength(1 + 3 * ids.length);
  });
});
