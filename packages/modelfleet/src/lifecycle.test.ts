import { ConfigurationError, InvalidArgumentError } from "@modelfleet/runtime";
import type { FleetProvider } from "@modelfleet/runtime/fleet";
import { describe, expect, it } from "vitest";
import { desiredStateOf } from "./desired-state/export.js";
import { describePlanItem } from "./desired-state/format.js";
import { UnsupportedOperationError } from "./errors.js";
import { createFleet } from "./fleet.js";
import { revert, type SlotWorld, slots } from "./lifecycle-providers.test-helper.js";
import { alpha, type TestClient } from "./test-providers.test-helper.js";

const ENV = { SLOTS_API_KEY: "slots-key", REVERT_API_KEY: "revert-key", ALPHA_API_KEY: "alpha-key" };

function world(): SlotWorld {
  return {
    versions: ["v1", "v2", "v3"],
    calls: [],
    slots: {
      prod: { version: "v2", status: "ready", min: 1, max: 2, history: ["v1"] },
      batch: { version: "v1", status: "stopped", min: 0, max: 1, history: [] },
    },
  };
}

function setup() {
  const own = world();
  const reverting = world();
  const alphaClients: TestClient[] = [];
  const fleet = createFleet({ providers: [slots(own), revert(reverting), alpha(alphaClients, { apiKey: "alpha-key" })], env: ENV });
  for (const client of alphaClients) client.versions = { m: [{ version: "v1", status: "up", min: 1 }] };
  return { fleet, own, reverting, alphaClients };
}

describe("lifecycle verbs, found by their capability flags", () => {
  it("start, stop, promote and rollback call the provider's method and return what the reference reads afterwards", async () => {
    const { fleet, own } = setup();
    await expect(fleet.stop("slots:prod")).resolves.toMatchObject({ ref: "slots:prod", status: "stopped" });
    await expect(fleet.start("slots:prod")).resolves.toMatchObject({ status: "ready" });
    await expect(fleet.promote("slots:prod", { version: "v3" })).resolves.toMatchObject({ version: "v3" });
    await expect(fleet.rollback({ provider: "slots", slot: "prod" }, { version: "v2" })).resolves.toMatchObject({ version: "v2" });
    expect(own.calls).toEqual(["stop prod", "start prod", "promote prod v3", "rollback prod v2"]);
  });

  it("a provider without the verb: UnsupportedOperationError with its reason, before any request", async () => {
    const { fleet, reverting, alphaClients } = setup();
    // @ts-expect-error revert cannot promote
    await expect(fleet.promote("revert:prod", { version: "v3" })).rejects.toThrow(/revert does not support promote: not available/);
    // @ts-expect-error alpha cannot start
    const error = await fleet.start("alpha:m@v1").catch((e: unknown) => e);
    expect(UnsupportedOperationError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ provider: "alpha", operation: "start" });
    expect(reverting.calls).toEqual([]);
    expect(alphaClients.flatMap((c) => c.calls)).toEqual([]);
  });

  it("promote and rollback refuse a missing or blank version before any request, naming it", async () => {
    const { fleet, own } = setup();
    for (const options of [{ version: "" }, { version: "  " }, {}, undefined]) {
      const error = await fleet.promote("slots:prod", options as never).catch((e: unknown) => e);
      expect(InvalidArgumentError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ argument: "version" });
    }
    await expect(fleet.rollback("slots:prod", { version: 3 } as never)).rejects.toThrow(/version must be a non-empty string/);
    expect(own.calls).toEqual([]);
  });

  it("capabilities and providers() show every flag, false where a provider leaves it out, with the reasons", () => {
    const { fleet } = setup();
    expect(fleet.capabilities("revert")).toEqual({
      getVersion: true,
      listVersions: true,
      listDeployments: true,
      scale: false,
      start: false,
      stop: false,
      promote: false,
      rollback: true,
      price: false,
      usage: false,
    });
    const noCost = { price: "not available", usage: "not available" };
    expect(fleet.providers().map((p) => [p.id, p.unsupported])).toEqual([
      ["slots", noCost],
      [
        "revert",
        { scale: "revert slots have no replicas", start: "not available", stop: "not available", promote: "not available", ...noCost },
      ],
      ["alpha", { start: "not available", stop: "not available", promote: "not available", rollback: "not available", ...noCost }],
    ]);
  });

  it("a provider whose flag is true without the method is refused when the fleet is created", () => {
    const { stop: _, ...withoutStop } = slots(world());
    expect(() => createFleet({ providers: [withoutStop as FleetProvider], env: ENV })).toThrow(ConfigurationError);
    expect(() => createFleet({ providers: [withoutStop as FleetProvider], env: ENV })).toThrow(/slots claims stop but has no stop method/);
  });
});

describe("a desired version", () => {
  it("is reached with promote where the provider has it, with rollback where it only has that, and is a missing capability elsewhere", async () => {
    const { fleet, own, reverting } = setup();
    const plan = await fleet.plan({
      deployments: [
        { ref: "slots:prod", version: "v3", scaling: { min: 0, max: 4 } },
        { ref: "revert:prod", version: "v1" },
        { ref: "alpha:m@v1", version: "v9" },
      ],
    });
    expect(plan.items.map((item) => [item.ref, item.kind, describePlanItem(item)])).toEqual([
      ["slots:prod", "change", "version v2 → v3, scaling 1-2 → 0-4"],
      ["revert:prod", "change", "version v2 → v1"],
      ["alpha:m@v1", "cannot", "cannot: capability missing: alpha cannot promote or rollback"],
    ]);
    expect(own.calls).toEqual(["get prod"]);

    const result = await fleet.apply(plan);
    expect(result.results.map((r) => [r.ref, r.outcome])).toEqual([
      ["slots:prod", "applied"],
      ["revert:prod", "applied"],
      ["alpha:m@v1", "skipped"],
    ]);
    // The version first, then the scaling of the version now served.
    expect(own.calls).toEqual(["get prod", "get prod", "promote prod v3", "scale prod 0-4"]);
    expect(reverting.calls).toEqual(["get prod", "get prod", "rollback prod v1"]);
    expect(own.slots.prod).toMatchObject({ version: "v3", min: 0, max: 4 });
    expect(reverting.slots.prod?.version).toBe("v1");

    // Applying the same plan again writes nothing.
    const again = await fleet.apply(plan);
    expect(again.results.map((r) => r.outcome)).toEqual(["no-op", "no-op", "skipped"]);
    expect(own.calls.filter((c) => !c.startsWith("get"))).toHaveLength(2);
  });

  it("a version moved by someone else between plan and apply is a conflict, and nothing is written", async () => {
    const { fleet, own } = setup();
    const plan = await fleet.plan({ deployments: [{ ref: "slots:prod", version: "v3" }] });
    own.slots.prod = { ...(own.slots.prod as SlotWorldSlot), version: "v1" };
    const result = await fleet.apply(plan);
    expect(result.results[0]).toMatchObject({
      outcome: "conflict",
      message: expect.stringContaining("version changed since the plan: it is v1"),
    });
    expect(own.calls.filter((c) => !c.startsWith("get"))).toEqual([]);
  });

  it("a start and a stop in a plan; a failed slot can be neither started nor stopped", async () => {
    const { fleet, own } = setup();
    own.slots.broken = { version: "v1", status: "failed", min: 0, max: 1, history: [] };
    const plan = await fleet.plan({
      deployments: [
        { ref: "slots:batch", state: "running" },
        { ref: "slots:prod", state: "stopped" },
        { ref: "slots:broken", state: "running" },
      ],
    });
    expect(plan.items.map((item) => [item.kind, describePlanItem(item)])).toEqual([
      ["change", "state stopped → running"],
      ["change", "state running → stopped"],
      ["cannot", expect.stringMatching(/^cannot: slots:broken is failed/)],
    ]);
    await fleet.apply(plan);
    expect(own.calls.filter((c) => !c.startsWith("get"))).toEqual(["start batch", "stop prod"]);
  });

  it("export writes the version where the provider can promote or roll back, and plans back with no changes", async () => {
    const { fleet } = setup();
    const versions = [];
    for await (const version of fleet.listDeployments({ providers: ["slots", "revert"] })) versions.push(version);
    const desired = desiredStateOf(versions, (id) => fleet.capabilities(id as "slots"));
    expect(desired.deployments).toEqual([
      { ref: "revert:batch", version: "v1" },
      { ref: "revert:prod", version: "v2" },
      { ref: "slots:batch", scaling: { min: 0, max: 1 }, state: "stopped", version: "v1" },
      { ref: "slots:prod", scaling: { min: 1, max: 2 }, state: "running", version: "v2" },
    ]);
    const plan = await fleet.plan(desired);
    expect(plan.hasChanges).toBe(false);
  });
});

type SlotWorldSlot = SlotWorld["slots"][string];
