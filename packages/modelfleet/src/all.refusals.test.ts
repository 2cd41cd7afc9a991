// Plan never promises what a write refuses: what a provider refuses for a reference or for values (its `refuses`)
// is `cannot` at plan time, export writes no field a plan of it could not apply, and checkWrite refuses it all
// before any request. Told through the built-in providers, with the facade naming none of them.

import { InvalidArgumentError } from "@modelfleet/runtime";
import { json } from "@modelfleet/test-utils";
import { describe, expect, it } from "vitest";
import { BASETEN, ENV_KEYS, fakeProviders, TOGETHER } from "./all.fake-providers.test-helper.js";
import { createFleet } from "./all.js";
import { desiredStateOf } from "./desired-state/export.js";

const deployment = (id: string, bounds = { min_replica: 1, max_replica: 4 }) => ({
  id,
  created_at: "2026-01-05T06:07:08.000Z",
  name: `deployment-${id}`,
  model_id: "m1",
  is_production: id === "d1",
  is_development: false,
  status: "ACTIVE",
  active_replica_count: 1,
  autoscaling_settings: { ...bounds, autoscaling_window: 60, scale_down_delay: 900, concurrency_target: 1 },
  instance_type_name: "1x A10G",
  environment: id === "d1" ? "production" : null,
});

const env = { BASETEN_API_KEY: ENV_KEYS.BASETEN_API_KEY, TOGETHER_API_KEY: ENV_KEYS.TOGETHER_API_KEY };

function fleetWith(routes: Parameters<typeof fakeProviders>[0]) {
  const fake = fakeProviders(routes);
  return { fleet: createFleet({ env, fetch: fake.fetch }), requests: fake.requests };
}

describe("writes a provider refuses for a reference or for values", () => {
  it("a version on a reference naming one fixed deployment is `cannot` with the provider's reason, and apply sends no write", async () => {
    const { fleet, requests } = fleetWith({
      [`GET ${BASETEN}/models/m1/deployments/d2`]: json(200, deployment("d2")),
      [`GET ${BASETEN}/models/m1/deployments/production`]: json(200, deployment("d1")),
    });
    const plan = await fleet.plan({
      deployments: [
        { ref: "baseten:m1@d2", version: "d1" },
        { ref: "baseten:m1@production", version: "d2" },
      ],
    });
    expect(plan.items.map((i) => [i.ref, i.kind])).toEqual([
      ["baseten:m1@d2", "cannot"],
      ["baseten:m1@production", "change"],
    ]);
    expect(plan.items[0]).toMatchObject({ reason: "refused", message: expect.stringContaining("use baseten:m1@production") });
    expect(plan.summary).toMatchObject({ change: 1, cannot: 1 });
    // Scaling a provider refuses for its values is caught the same way.
    const bounds = await fleet.plan({ deployments: [{ ref: "baseten:m1@d2", scaling: { min: 0, max: 0 } }] });
    expect(bounds.items[0]).toMatchObject({ kind: "cannot", reason: "refused", message: expect.stringContaining("max >= 1") });
    expect(requests.every((r) => r.method === "GET")).toBe(true);
  });

  it("checkWrite throws what the write would, before any request", () => {
    const { fleet, requests } = fleetWith({});
    const refused = (f: () => void) => {
      try {
        f();
      } catch (error) {
        return error;
      }
      return undefined;
    };
    const version = refused(() => fleet.checkWrite("baseten:m1@d2", { verb: "promote", version: "d1" }));
    expect(InvalidArgumentError.isInstance(version) && version.argument).toBe("ref");
    const max = refused(() => fleet.checkWrite("together:e1", { verb: "scale", bounds: { min: 0, max: 0 } }));
    expect(InvalidArgumentError.isInstance(max) && max.argument).toBe("max");
    expect(refused(() => fleet.checkWrite("baseten:m1@production", { verb: "promote", version: "d2" }))).toBeUndefined();
    expect(refused(() => fleet.checkWrite("baseten:m1@d2", { verb: "scale", bounds: { min: 0, max: 2 } }))).toBeUndefined();
    expect(refused(() => fleet.checkWrite("baseten:m1@d2", { verb: "nonesuch" as never }))).toMatchObject({ argument: "request" });
    expect(requests).toHaveLength(0);
  });

  it("export writes only what a plan can apply, so planning an export right away is a no-op", async () => {
    const { fleet } = fleetWith({
      [`GET ${BASETEN}/models`]: json(200, { models: [{ id: "m1", name: "m1" }] }),
      [`GET ${BASETEN}/models/m1/deployments`]: json(200, {
        deployments: [deployment("d1"), deployment("d2", { min_replica: 0, max_replica: 0 })],
      }),
      [`GET ${BASETEN}/models/m1/deployments/d1`]: json(200, deployment("d1")),
      [`GET ${BASETEN}/models/m1/deployments/d2`]: json(200, deployment("d2", { min_replica: 0, max_replica: 0 })),
      [`GET ${TOGETHER}/endpoints`]: json(200, { object: "list", data: [] }),
    });
    const { versions, failures } = await fleet.listDeployments().settled();
    expect(failures).toEqual([]);
    const desired = desiredStateOf(versions, fleet);
    // Fixed deployment ids: no version (Baseten promotes through @production), and no bounds it would refuse.
    expect(desired.deployments).toEqual([
      { ref: "baseten:m1@d1", scaling: { min: 1, max: 4 }, state: "running" },
      { ref: "baseten:m1@d2", state: "running" },
    ]);
    const plan = await fleet.plan(desired);
    expect(plan.summary).toEqual({ change: 0, noOp: 2, cannot: 0, error: 0 });
    // Given only the capabilities, as before, every field the provider could manage at all is written.
    expect(desiredStateOf(versions, (p) => fleet.capabilities(p as never)).deployments[0]).toHaveProperty("version", "d1");
  });
});
