import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KEYS, sampleWorld, startStatefulProviders } from "./all.stateful-providers.test-helper.js";
import { readFleetFile } from "./desired-state/fleet-file.js";
import { describeApplyResult, describePlanItem } from "./desired-state/format.js";
import type { DesiredState, PlanItem } from "./desired-state/types.js";
import { InvalidArgumentError } from "./index.js";

let fake: Awaited<ReturnType<typeof startStatefulProviders>>;
beforeEach(async () => {
  fake = await startStatefulProviders(sampleWorld());
});
afterEach(() => fake.stop());

/** No key, and no token a provider echoed, in any form of a value. */
function expectNoSecret(value: unknown) {
  for (const text of [JSON.stringify(value), inspect(value, { depth: 10 }), String(value)]) {
    for (const key of Object.values(KEYS)) expect(text).not.toContain(key);
    expect(text).not.toContain("hf_SECRET");
  }
}

const byRef = (items: readonly PlanItem[]) => Object.fromEntries(items.map((i) => [i.ref, i]));

const asIs: DesiredState = {
  deployments: [
    { ref: "deepinfra:di-a", scaling: { min: 1, max: 2 }, state: "running" },
    { ref: "sieve:acme/whisper@latest", scaling: { min: 0, max: 4 } },
    { ref: "modzy:m1@1.0.0", scaling: { min: 1, max: 3 }, state: "running" },
    { ref: "opper-v2:f-1@r-9" },
  ],
};

describe("plan", () => {
  it("reports no changes when every deployment is as desired, and only reads", async () => {
    const plan = await fake.fleet().plan(asIs);
    expect(plan.hasChanges).toBe(false);
    expect(plan.summary).toEqual({ change: 0, noOp: 4, cannot: 0, error: 0 });
    expect(plan.items.map((i) => [i.ref, i.kind])).toEqual(asIs.deployments.map((d) => [d.ref, "no-op"]));
    expect(fake.requests.map((r) => `${r.method} /${r.provider}${r.path}`).sort()).toEqual([
      "GET /deepinfra/deploy/di-a",
      "GET /modzy/models/m1/versions/1.0.0",
      "GET /opper/functions/f-1/revisions/r-9",
      "GET /sieve/v2/functions/acme/whisper/versions/latest",
    ]);
    expectNoSecret(plan);
  });

  it("lists scaling and state changes with what they change from", async () => {
    const plan = await fake.fleet().plan({
      deployments: [
        { ref: "deepinfra:di-a", scaling: { min: 0, max: 4 }, state: "stopped" },
        { ref: "sieve:acme/whisper@v-6", scaling: { min: 1, max: 2 } },
        { ref: "deepinfra:di-b", state: "running" },
      ],
    });
    expect(plan.hasChanges).toBe(true);
    expect(plan.summary).toEqual({ change: 2, noOp: 1, cannot: 0, error: 0 });
    const items = byRef(plan.items);
    expect(items["deepinfra:di-a"]).toMatchObject({
      kind: "change",
      provider: "deepinfra",
      current: { version: "v1", status: "ready", providerStatus: "running", scaling: { min: 1, max: 2 }, state: "running" },
      changes: [
        { field: "scaling", from: { min: 1, max: 2 }, to: { min: 0, max: 4 } },
        { field: "state", from: "running", to: "stopped" },
      ],
    });
    expect(describePlanItem(items["deepinfra:di-a"] as PlanItem)).toBe("scaling 1-2 → 0-4, state running → stopped");
    expect(describePlanItem(items["sieve:acme/whisper@v-6"] as PlanItem)).toBe("scaling 0-1 → 1-2");
    expect(items["deepinfra:di-b"]?.kind).toBe("no-op");
    expect(fake.writes()).toHaveLength(0);
  });

  it("says why a reference cannot be done: not found, provider not configured, capability missing, status", async () => {
    fake.world.deepinfra["di-b"] = { status: "failed", min: 0, max: 1 };
    const fleet = fake.fleet({ modzy: false, env: { ...KEYS, MODZY_API_KEY: undefined } });
    const plan = await fleet.plan({
      deployments: [
        { ref: "deepinfra:gone", scaling: { min: 0, max: 1 } },
        { ref: "modzy:m1@1.0.0", scaling: { min: 0, max: 1 } },
        { ref: "opper-v2:f-1@r-9", scaling: { min: 0, max: 1 } },
        { ref: "sieve:acme/whisper@v-7", state: "stopped" },
        { ref: "deepinfra:di-b", state: "running" },
        { ref: "deepinfra:di-a", version: "v2" },
      ],
    });
    const items = byRef(plan.items);
    expect(plan.summary).toEqual({ change: 0, noOp: 0, cannot: 6, error: 0 });
    expect(items["deepinfra:gone"]).toMatchObject({ kind: "cannot", reason: "not-found", current: null });
    expect((items["deepinfra:gone"] as { message: string }).message).toContain("Deployment not found");
    expect(items["modzy:m1@1.0.0"]).toMatchObject({
      kind: "cannot",
      reason: "not-configured",
      message: expect.stringContaining("MODZY_API_KEY"),
    });
    expect(items["opper-v2:f-1@r-9"]).toMatchObject({
      kind: "cannot",
      reason: "unsupported",
      message: "capability missing: opper-v2 cannot scale (Opper v2 functions have no replicas or instances to scale)",
      changes: [{ field: "scaling", from: null, to: { min: 0, max: 1 } }],
    });
    expect(items["sieve:acme/whisper@v-7"]).toMatchObject({
      kind: "cannot",
      reason: "unsupported",
      message: expect.stringMatching(/^capability missing: sieve cannot stop \(.*scale to min 0/),
    });
    // No built-in provider can promote or roll back today: a desired version is a missing capability.
    expect(items["deepinfra:di-a"]).toMatchObject({
      kind: "cannot",
      reason: "unsupported",
      message: "capability missing: deepinfra cannot promote or rollback",
      changes: [{ field: "version", from: "v1", to: "v2" }],
    });
    expect(describePlanItem(items["deepinfra:di-a"] as PlanItem)).toBe("cannot: capability missing: deepinfra cannot promote or rollback");
    expect(items["deepinfra:di-b"]).toMatchObject({ kind: "cannot", reason: "status", message: expect.stringContaining("failed") });
    // Nothing was asked of the provider without a key.
    expect(fake.requests.filter((r) => r.provider === "modzy")).toHaveLength(0);
    expectNoSecret(plan);
  });

  it("a provider failing to answer is an error item with its request id; the others are planned", async () => {
    fake.intercept((r) =>
      r.provider === "sieve" ? { status: 503, body: { detail: "maintenance" }, headers: { "x-request-id": "req-sieve-503" } } : undefined,
    );
    const plan = await fake.fleet().plan(asIs);
    const items = byRef(plan.items);
    expect(items["sieve:acme/whisper@latest"]).toMatchObject({ kind: "error", message: expect.stringContaining("req-sieve-503") });
    expect(plan.summary).toEqual({ change: 0, noOp: 3, cannot: 0, error: 1 });
    expectNoSecret(plan);
  });

  it("refuses a bad desired state before any request, naming each problem", async () => {
    const fleet = fake.fleet();
    const bad = {
      deployments: [
        { ref: "deepinfra:a", scaling: { min: 3, max: 1 } },
        { ref: "deepinfra:a" },
        { ref: "nope" },
        { ref: "sieve:x/y@1", scaling: { min: -1, max: 1.5 }, replicas: 2 },
      ],
    };
    const error = await fleet.plan(bad as DesiredState).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    const message = (error as Error).message;
    for (const part of [
      "deployments[0].scaling.min: min (3) must not exceed max (1)",
      "deployments[1].ref: duplicate reference deepinfra:a (also deployments[0])",
      "deployments[2].ref:",
      "deployments[3].replicas: unknown key",
      "deployments[3].scaling.min: min must be a non-negative integer, got -1",
      "deployments[3].scaling.max: max must be a non-negative integer, got 1.5",
    ]) {
      expect(message).toContain(part);
    }
    await expect(fleet.plan(null as never)).rejects.toThrow(/desired/);
    await expect(fleet.plan(asIs, { concurrency: 0 })).rejects.toThrow(/concurrency/);
    expect(fake.requests).toHaveLength(0);
  });

  it("an abort rejects the plan with the AbortError: a plan with holes would look like drift", async () => {
    const controller = new AbortController();
    fake.intercept(async () => {
      controller.abort();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return undefined;
    });
    await expect(fake.fleet().plan(asIs, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("reads concurrently, at most `concurrency` at once", async () => {
    let inFlight = 0;
    let most = 0;
    fake.intercept(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight--;
      return undefined;
    });
    await fake.fleet().plan(asIs, { concurrency: 2 });
    expect(most).toBe(2);
  });
});

describe("apply", () => {
  const desired: DesiredState = {
    deployments: [
      { ref: "deepinfra:di-a", scaling: { min: 0, max: 4 }, state: "stopped" },
      { ref: "deepinfra:di-b", scaling: { min: 1, max: 1 } },
      { ref: "sieve:acme/whisper@latest", scaling: { min: 1, max: 2 } },
      { ref: "modzy:m1@1.0.0", scaling: { min: 1, max: 3 } },
    ],
  };

  it("makes every change, then a fresh plan has none; the writes are exactly the changes", async () => {
    const fleet = fake.fleet();
    const plan = await fleet.plan(desired);
    const progress: string[] = [];
    const result = await fleet.apply(plan, { onResult: (r, done, total) => progress.push(`${done}/${total} ${r.ref}`) });
    expect(result.ok).toBe(true);
    expect(result.summary).toMatchObject({ applied: 3, "no-op": 1, failed: 0 });
    expect(progress).toHaveLength(4);
    expect(progress.map((p) => p.split(" ")[0]).sort()).toEqual(["1/4", "2/4", "3/4", "4/4"]);
    expect(fake.world.deepinfra["di-a"]).toEqual({ status: "stopped", min: 0, max: 4 });
    expect(fake.world.deepinfra["di-b"]).toEqual({ status: "running", min: 1, max: 1 });
    expect(fake.world.sieve["acme/whisper"]?.["v-7"]).toEqual({ status: "ready", min: 1, max: 2 });
    expect(fake.writes().map((r) => `${r.method} /${r.provider}${r.path} ${JSON.stringify(r.body ?? null)}`)).toEqual(
      expect.arrayContaining([
        'PUT /deepinfra/deploy/di-a {"settings":{"min_instances":0,"max_instances":4}}',
        "POST /deepinfra/deploy/di-a/stop null",
        'PUT /deepinfra/deploy/di-b {"settings":{"min_instances":1,"max_instances":1}}',
        'POST /sieve/v2/functions/acme/whisper/versions/latest/edit {"minimum_replicas":1,"maximum_replicas":2}',
      ]),
    );
    expect(fake.writes()).toHaveLength(4);
    const a = result.results.find((r) => r.ref === "deepinfra:di-a");
    expect(a).toMatchObject({ outcome: "applied", after: { state: "stopped", scaling: { min: 0, max: 4 } } });
    expect(describeApplyResult(a as never)).toBe("scaling 1-2 → 0-4, state running → stopped");
    expect((await fleet.plan(desired)).hasChanges).toBe(false);
    expectNoSecret(result);
  });

  it("applying the same plan twice: the second sends no write at all", async () => {
    const fleet = fake.fleet();
    const plan = await fleet.plan(desired);
    await fleet.apply(plan);
    const writesAfterFirst = fake.writes().length;
    expect(writesAfterFirst).toBe(4);
    const again = await fleet.apply(plan);
    expect(fake.writes()).toHaveLength(writesAfterFirst);
    expect(again.ok).toBe(true);
    expect(again.results.map((r) => r.outcome)).toEqual(["no-op", "no-op", "no-op", "no-op"]);
  });

  it("one provider failing: the others are applied, the failure has its request id, nothing throws", async () => {
    fake.intercept((r) =>
      r.provider === "sieve" && r.method === "POST"
        ? { status: 500, body: { detail: "edit failed" }, headers: { "x-request-id": "req-sieve-500" } }
        : undefined,
    );
    const fleet = fake.fleet();
    const result = await fleet.apply(await fleet.plan(desired));
    expect(result.ok).toBe(false);
    expect(result.summary).toMatchObject({ applied: 2, "no-op": 1, failed: 1 });
    const failed = result.results.find((r) => r.outcome === "failed");
    expect(failed?.ref).toBe("sieve:acme/whisper@latest");
    expect(failed?.message).toContain("req-sieve-500");
    expect(JSON.parse(JSON.stringify(failed?.error))).toMatchObject({
      name: "InternalServerError",
      status: 500,
      requestId: "req-sieve-500",
    });
    expect(fake.world.deepinfra["di-a"]).toEqual({ status: "stopped", min: 0, max: 4 });
    expectNoSecret(result);
  });

  it("a deployment changed between plan and apply is a conflict and is not written", async () => {
    const fleet = fake.fleet();
    const plan = await fleet.plan(desired);
    fake.world.deepinfra["di-a"] = { status: "running", min: 3, max: 5 };
    fake.world.sieve["acme/whisper"] = { ...fake.world.sieve["acme/whisper"], "v-8": { status: "ready", min: 0, max: 4 } };
    const result = await fleet.apply(plan);
    const a = result.results.find((r) => r.ref === "deepinfra:di-a");
    expect(a).toMatchObject({ outcome: "conflict", applied: [] });
    expect(a?.message).toBe("scaling changed since the plan: it is 3-5, the plan expected 1-2; plan again");
    const sieve = result.results.find((r) => r.ref.startsWith("sieve:"));
    expect(sieve).toMatchObject({ outcome: "conflict", message: expect.stringContaining("now resolves to version v-8") });
    expect(fake.world.deepinfra["di-a"]).toEqual({ status: "running", min: 3, max: 5 });
    expect(fake.writes().map((w) => `${w.provider}${w.path}`)).toEqual(["deepinfra/deploy/di-b"]);
    expect(result.ok).toBe(false);
  });

  it("a deployment already brought to the desired state since the plan is a no-op", async () => {
    const fleet = fake.fleet();
    const plan = await fleet.plan({ deployments: [{ ref: "deepinfra:di-b", scaling: { min: 1, max: 1 } }] });
    fake.world.deepinfra["di-b"] = { status: "running", min: 1, max: 1 };
    const result = await fleet.apply(plan);
    expect(result.results[0]).toMatchObject({ outcome: "no-op" });
    expect(fake.writes()).toHaveLength(0);
  });

  it("abort mid-apply: the write in flight is cancelled, references not started are aborted, nothing after", async () => {
    const fleet = fake.fleet();
    const plan = await fleet.plan(desired);
    const controller = new AbortController();
    fake.intercept(async (r) => {
      if (r.method === "PUT" && r.path === "/deploy/di-a") {
        controller.abort();
        // Answer late: the client has given up by then.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return undefined;
    });
    const result = await fleet.apply(plan, { concurrency: 1, signal: controller.signal });
    expect(result.results.map((r) => r.outcome)).toEqual(["aborted", "aborted", "aborted", "no-op"]);
    expect(result.results[1]?.message).toBe("aborted before it started");
    expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual(["PUT /deploy/di-a"]);
    expect(result.ok).toBe(false);
  });

  it("skips what the plan could not do, and refuses something that is not a plan", async () => {
    const fleet = fake.fleet();
    const plan = await fleet.plan({ deployments: [{ ref: "opper-v2:f-1@r-9", scaling: { min: 0, max: 1 } }] });
    const result = await fleet.apply(plan);
    expect(result.results[0]).toMatchObject({ outcome: "skipped", message: expect.stringContaining("opper-v2 cannot scale") });
    expect(fake.writes()).toHaveLength(0);
    await expect(fleet.apply({} as never)).rejects.toThrow(/plan/);
  });
});

describe("the package README", () => {
  it("its Fleet as code snippet runs as written", async () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const code = /```ts\n([\s\S]*?)```/.exec(readme.split("## Fleet as code\n")[1] ?? "")?.[1] ?? "";
    const [first, second, ...body] = code.trim().split("\n");
    expect([first, second]).toEqual([
      'import { createFleet, describeApplyResult, describePlanItem } from "modelfleet/all";',
      'import { readFleetFile } from "modelfleet/fleet-file";',
    ]);
    const dir = mkdtempSync(join(tmpdir(), "fleet-readme-"));
    try {
      writeFileSync(
        join(dir, "fleet.yaml"),
        "deployments:\n  - ref: deepinfra:di-a\n    scaling: { min: 0, max: 3 }\n  - ref: deepinfra:di-b\n",
      );
      const lines: string[] = [];
      const console = {
        log: (...args: unknown[]) => lines.push(args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ")),
      };
      const source = body.join("\n").replace('"fleet.yaml"', JSON.stringify(join(dir, "fleet.yaml")));
      const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
        ...args: string[]
      ) => (...a: unknown[]) => Promise<void>;
      await new AsyncFunction("createFleet", "describeApplyResult", "describePlanItem", "readFleetFile", "console", source)(
        () => fake.fleet(),
        describeApplyResult,
        describePlanItem,
        readFleetFile,
        console,
      );
      expect(lines).toEqual([
        "change deepinfra:di-a scaling 1-2 → 0-3",
        "no-op deepinfra:di-b no changes",
        "applied deepinfra:di-a scaling 1-2 → 0-3",
        "no-op deepinfra:di-b no changes",
      ]);
      expect(fake.world.deepinfra["di-a"]).toMatchObject({ min: 0, max: 3 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
