import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEYS, sampleWorld, startStatefulProviders } from "./all.stateful-providers.test-helper.js";
import { desiredStateOf } from "./desired-state/export.js";
import { InvalidArgumentError, UnsupportedOperationError } from "./index.js";
import { WaitForStatusError } from "./wait-for.js";

let fake: Awaited<ReturnType<typeof startStatefulProviders>>;
beforeEach(async () => {
  fake = await startStatefulProviders(sampleWorld());
});
afterEach(() => fake.stop());

/** A clock that only moves when the fleet sleeps: waits take no real time and are exact. */
function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number, signal: AbortSignal) => {
      signal.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
  };
}

describe("start and stop", () => {
  it("DeepInfra: POST start/stop, then the deployment is read again", async () => {
    const fleet = fake.fleet();
    const stopped = await fleet.stop("deepinfra:di-a");
    expect(stopped).toMatchObject({ ref: "deepinfra:di-a", status: "stopped", providerStatus: "stopped" });
    const started = await fleet.start("deepinfra:di-a");
    expect(started.status).toBe("ready");
    expect(fake.requests.map((r) => `${r.method} ${r.path} ${r.headers.authorization}`)).toEqual([
      `POST /deploy/di-a/stop Bearer ${KEYS.DEEPINFRA_API_KEY}`,
      `GET /deploy/di-a Bearer ${KEYS.DEEPINFRA_API_KEY}`,
      `POST /deploy/di-a/start Bearer ${KEYS.DEEPINFRA_API_KEY}`,
      `GET /deploy/di-a Bearer ${KEYS.DEEPINFRA_API_KEY}`,
    ]);
  });

  it("Modzy: start sets the version active; it has no stop", async () => {
    fake.world.modzy["m1@1.0.0"] = { status: "inactive", min: 1, max: 3 };
    const fleet = fake.fleet();
    await expect(fleet.start("modzy:m1@1.0.0")).resolves.toMatchObject({ status: "ready", providerStatus: "active" });
    expect(fake.requests.map((r) => [r.method, r.path, r.body])).toEqual([["PATCH", "/models/m1/versions/1.0.0", { status: "active" }]]);
    // @ts-expect-error Modzy cannot stop: a compile error, and at run time an UnsupportedOperationError before any request.
    const error = await fleet.stop("modzy:m1@1.0.0").catch((e: unknown) => e);
    expect(UnsupportedOperationError.isInstance(error)).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });

  it("Sieve and Opper: UnsupportedOperationError with the reason, before any request; capabilities say so", async () => {
    const fleet = fake.fleet();
    // @ts-expect-error Sieve cannot start: its references do not type-check for start.
    await expect(fleet.start("sieve:acme/whisper@v-7")).rejects.toThrow(/sieve does not support start: .*scale to min 0/);
    // @ts-expect-error Opper cannot stop.
    await expect(fleet.stop("opper-v2:f-1@r-9")).rejects.toThrow(
      /opper-v2 does not support stop: Opper v2 functions have no running state/,
    );
    expect(fake.requests).toHaveLength(0);
    expect(fleet.capabilities("deepinfra")).toMatchObject({ start: true, stop: true });
    expect(fleet.capabilities("modzy")).toMatchObject({ start: true, stop: false });
    const modzy = fleet.providers().find((p) => p.id === "modzy");
    expect(modzy?.unsupported).toEqual({
      stop: expect.stringContaining("Modzy documents no way"),
      promote: "not available",
      rollback: "not available",
      price: expect.stringContaining("price table"),
    });
    expect(fleet.providers().find((p) => p.id === "deepinfra")?.unsupported).toEqual({
      promote: "not available",
      rollback: "not available",
    });
  });
});

describe("waitFor", () => {
  it("polls with doubling pauses until the status is reached", async () => {
    fake.world.deepinfra["di-a"] = { status: "deploying", min: 1, max: 2 };
    let reads = 0;
    fake.intercept((r) => {
      if (r.method === "GET" && ++reads === 4) (fake.world.deepinfra["di-a"] as { status: string }).status = "running";
      return undefined;
    });
    const time = fakeTime();
    const fleet = fake.fleet({ sleep: time.sleep, now: time.now });
    const version = await fleet.waitFor("deepinfra:di-a", "ready", { timeoutMs: 60_000, intervalMs: 100 });
    expect(version.status).toBe("ready");
    expect(time.sleeps).toEqual([100, 200, 400]);
    expect(reads).toBe(4);
  });

  it("a terminal status other than the one waited for ends the wait with WaitForStatusError", async () => {
    fake.world.deepinfra["di-a"] = { status: "failed", min: 1, max: 2 };
    const time = fakeTime();
    const error = await fake
      .fleet({ sleep: time.sleep, now: time.now })
      .waitFor("deepinfra:di-a", ["ready"], { timeoutMs: 10_000 })
      .catch((e: unknown) => e);
    expect(WaitForStatusError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ reason: "terminal", lastStatus: "failed", lastProviderStatus: "failed", ref: "deepinfra:di-a" });
    expect(time.sleeps).toEqual([]);
  });

  it("times out on the fleet's clock, never sleeping past the deadline, and reads once more at the end", async () => {
    fake.world.deepinfra["di-a"] = { status: "deploying", min: 1, max: 2 };
    const time = fakeTime();
    const error = await fake
      .fleet({ sleep: time.sleep, now: time.now })
      .waitFor("deepinfra:di-a", "ready", { timeoutMs: 2_500, intervalMs: 1_000, maxIntervalMs: 1_000 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "WaitForStatusError", reason: "timeout", lastStatus: "deploying" });
    expect((error as Error).message).toBe("deepinfra:di-a did not become ready within 2500 ms; last seen deploying");
    expect(time.sleeps).toEqual([1_000, 1_000, 500]);
    expect(fake.requests).toHaveLength(4);
    expect(JSON.stringify(error)).not.toContain("hf_SECRET");
  });

  it("an abort stops the wait; bad arguments fail before any request", async () => {
    fake.world.deepinfra["di-a"] = { status: "deploying", min: 1, max: 2 };
    const controller = new AbortController();
    const time = fakeTime();
    const fleet = fake.fleet({
      now: time.now,
      sleep: async (ms, signal) => {
        controller.abort();
        await time.sleep(ms, signal);
      },
    });
    await expect(fleet.waitFor("deepinfra:di-a", "ready", { timeoutMs: 10_000, signal: controller.signal })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(fake.requests).toHaveLength(1);
    const bad = [
      () => fleet.waitFor("deepinfra:di-a", "running" as never, { timeoutMs: 1 }),
      () => fleet.waitFor("deepinfra:di-a", "ready", { timeoutMs: -1 }),
      () => fleet.waitFor("deepinfra:di-a", "ready", undefined as never),
    ];
    for (const call of bad) expect(InvalidArgumentError.isInstance(await call().catch((e: unknown) => e))).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });
});

describe("export", () => {
  it("the desired state of the deployments as they are plans with no changes", async () => {
    fake.world.deepinfra["di-b"] = { status: "stopped", min: 0, max: 1 };
    fake.world.deepinfra["di-c"] = { status: "deleted", min: 0, max: 1 };
    const fleet = fake.fleet();
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(failures).toEqual([]);
    const desired = desiredStateOf(versions, (p) => fleet.capabilities(p as never));
    expect(desired.deployments).toEqual([
      { ref: "deepinfra:di-a", scaling: { min: 1, max: 2 }, state: "running" },
      { ref: "deepinfra:di-b", scaling: { min: 0, max: 1 }, state: "stopped" },
      { ref: "modzy:m1@1.0.0", scaling: { min: 1, max: 3 }, state: "running" },
      { ref: "opper-v2:f-1@r-9" },
      { ref: "sieve:acme/whisper@v-7", scaling: { min: 0, max: 4 } },
    ]);
    const plan = await fleet.plan(desired);
    expect(plan.summary).toEqual({ change: 0, noOp: 5, cannot: 0, error: 0 });
  });
});
