import type { ModelVersion } from "@modelfleet/runtime/fleet";
import { describe, expectTypeOf, it } from "vitest";
import { createFleet } from "./fleet.js";
import { revert, slots } from "./lifecycle-providers.test-helper.js";
import { alpha, beta } from "./test-providers.test-helper.js";

const fleet = createFleet({ providers: [alpha([]), beta([])] });
const alphaOnly = createFleet({ providers: [alpha([])] });
const betaOnly = createFleet({ providers: [beta([])] });

type AlphaRaw = { version: string; status: string; min: number };

describe("types inferred from the providers passed in", () => {
  it("a reference narrows the result to its provider", () => {
    expectTypeOf(fleet.getVersion("alpha:m@v1")).resolves.toEqualTypeOf<ModelVersion<"alpha", `alpha:${string}@${string}`, AlphaRaw>>();
    expectTypeOf(fleet.getVersion("beta:m@v1")).resolves.toHaveProperty("provider").toEqualTypeOf<"beta">();
    const dynamic: string = "beta:m@v1";
    expectTypeOf(fleet.getVersion(dynamic)).resolves.toHaveProperty("provider").toEqualTypeOf<"alpha" | "beta">();
    expectTypeOf(alphaOnly.getVersion(dynamic)).resolves.toHaveProperty("provider").toEqualTypeOf<"alpha">();
  });

  it("parsed references and ids are those of the providers passed", () => {
    expectTypeOf(fleet.parseRef("alpha:m@v")).toEqualTypeOf<{ provider: "alpha"; model: string; version: string }>();
    expectTypeOf(fleet.providers()[0]?.id).toEqualTypeOf<"alpha" | "beta" | undefined>();
    // @ts-expect-error gamma is not in the fleet
    fleet.capabilities("gamma");
    // @ts-expect-error beta is not in this fleet
    alphaOnly.client("beta");
  });

  it("scale accepts only references of providers whose scale capability is true", () => {
    void fleet.scale("alpha:m@v1", { min: 0, max: 1 });
    // @ts-expect-error beta cannot scale
    void fleet.scale("beta:m@v1", { min: 0, max: 1 });
    // @ts-expect-error no provider of this fleet can scale
    void betaOnly.scale("beta:m@v1", { min: 0, max: 1 });
    const parsed = fleet.parseRef("alpha:m@v1" as string);
    // @ts-expect-error a parsed reference must be narrowed away from beta first
    void fleet.scale(parsed, { min: 0, max: 1 });
    if (parsed.provider === "alpha") void fleet.scale(parsed, { min: 0, max: 1 });
  });

  it("each lifecycle verb accepts only references of providers whose flag is the literal true", () => {
    const world = { slots: {}, versions: [], calls: [] };
    const mixed = createFleet({ providers: [slots(world), revert(world), alpha([])] });
    expectTypeOf(mixed.start("slots:prod")).resolves.toHaveProperty("provider").toEqualTypeOf<"slots">();
    void mixed.stop("slots:prod");
    void mixed.promote("slots:prod", { version: "v2" });
    void mixed.rollback("revert:prod", { version: "v1" });
    void mixed.rollback("slots:prod", { version: "v1" });
    // @ts-expect-error revert cannot start (its flag is left out)
    void mixed.start("revert:prod");
    // @ts-expect-error revert cannot promote
    void mixed.promote("revert:prod", { version: "v2" });
    // @ts-expect-error alpha has no lifecycle verb
    void mixed.stop("alpha:m@v1");
    // @ts-expect-error promote needs the version
    void mixed.promote("slots:prod", {});
    // @ts-expect-error no provider of this fleet can start
    void fleet.start("alpha:m@v1");
    expectTypeOf(mixed.waitFor("revert:prod", "ready", { timeoutMs: 1 }))
      .resolves.toHaveProperty("provider")
      .toEqualTypeOf<"revert">();
    // @ts-expect-error not a status
    void mixed.waitFor("revert:prod", "running", { timeoutMs: 1 });
  });

  it("listDeployments yields the union of the providers' versions and takes only their ids", () => {
    expectTypeOf(fleet.listDeployments()).toExtend<AsyncIterable<{ provider: "alpha" | "beta" }>>();
    // @ts-expect-error gamma is not in the fleet
    fleet.listDeployments({ providers: ["gamma"] });
  });
});
