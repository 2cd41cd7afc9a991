import { describe, expect, it } from "vitest";
import type { ClientShapes } from "./client-shape.js";
import { budgetFor, checkBundles, checkSize, clientLimit, esmEntry, fleetLimit, SIZE_RULES, type SizeReport } from "./size.js";

const report = (totalGzipped: number, baseGzipped: number): SizeReport => ({
  total: { minified: 0, gzipped: totalGzipped },
  base: { minified: 0, gzipped: baseGzipped },
  own: { minified: 0, gzipped: totalGzipped - baseGzipped },
  added: totalGzipped - baseGzipped,
});

const RUNTIME = { "@modelfleet/runtime": "^1.0.0" };
const WHOLE = { operations: 8, paged: false };
const PAGED = { operations: 5, paged: true };
const shapes: ClientShapes = (name) => ({ "@modelfleet/whole": WHOLE, "@modelfleet/paged": PAGED })[name];

describe("budgetFor", () => {
  it("gives providers a limit on what they add, the facade a limit on everything, tools none", () => {
    expect(budgetFor({ name: "@modelfleet/whole", version: "1.0.0", dependencies: RUNTIME }, shapes)).toMatchObject({
      measure: "added",
      target: 4000,
    });
    expect(budgetFor({ name: "modelfleet", version: "1.0.0" }, shapes)).toMatchObject({ measure: "total", limit: SIZE_RULES.facade });
    expect(budgetFor({ name: "@modelfleet/codegen", version: "1.0.0", bin: { x: "./dist/cli.js" } }, shapes)).toBeUndefined();
  });

  it("sizes a client by its operations, and by the paginator when it pages", () => {
    expect(budgetFor({ name: "@modelfleet/whole", version: "1.0.0", dependencies: RUNTIME }, shapes)).toMatchObject({
      limit: SIZE_RULES.client + 8 * SIZE_RULES.perOperation,
      rule: `${SIZE_RULES.client} B + 8 operations × ${SIZE_RULES.perOperation} B`,
    });
    expect(budgetFor({ name: "@modelfleet/paged", version: "1.0.0", dependencies: RUNTIME }, shapes)).toMatchObject({
      limit: SIZE_RULES.client + 5 * SIZE_RULES.perOperation + SIZE_RULES.paginator,
    });
  });

  it("refuses a library no rule covers, and a client whose operations table cannot be read, saying where to fix it", () => {
    expect(() => budgetFor({ name: "@modelfleet/new-thing", version: "1.0.0" }, shapes)).toThrow(/no size budget rule.*size\.ts/);
    expect(() => budgetFor({ name: "@modelfleet/unknown", version: "1.0.0", dependencies: RUNTIME }, shapes)).toThrow(
      /provider\.ts.*budgetFor\(\) in tools\/package-checks\/src\/size\.ts/,
    );
  });
});

describe("the facade's bundles", () => {
  it("bundles createFleet with each provider the facade depends on, and the all-providers entry, each with a limit by rule", () => {
    const budget = budgetFor(
      { name: "modelfleet", version: "1.0.0", dependencies: { ...RUNTIME, "@modelfleet/whole": "^1.0.0", "@modelfleet/paged": "^1.0.0" } },
      shapes,
    );
    const r = SIZE_RULES;
    expect(budget?.bundles?.map((b) => [b.label, b.limit])).toEqual([
      ["createFleet + @modelfleet/whole/fleet", r.fleetWithOne],
      ["createFleet + @modelfleet/paged/fleet", r.fleetWithOne + r.paginator],
      ["modelfleet/all", r.fleetWithOne + r.paginator + r.perFurtherProvider],
      ["modelfleet/fleet-file", r.fleetFile],
    ]);
    expect(budget?.bundles?.[0]?.contents).toBe('export { createFleet } from "modelfleet"; export * from "@modelfleet/whole/fleet";');
  });

  it("a further provider raises modelfleet/all's limit by the rule, so adding one needs no edit here", () => {
    const limitWith = (count: number) => fleetLimit(Array.from({ length: count }, (_, i) => ({ operations: 6, paged: i === 0 }))).limit;
    expect(limitWith(10) - limitWith(9)).toBe(SIZE_RULES.perFurtherProvider);
    expect(fleetLimit([WHOLE]).limit).toBe(SIZE_RULES.fleetWithOne);
  });

  it("fails a bundle only above its limit, naming the rule and where it lives", () => {
    const bundle = { label: "b", contents: "", limit: 100, rule: "100 B" };
    expect(checkBundles([{ bundle, size: { minified: 300, gzipped: 100 } }])).toEqual([]);
    const [problem] = checkBundles([{ bundle, size: { minified: 300, gzipped: 101 } }]);
    expect(problem).toMatch(/^b: 101 B gzipped is over the 100 B limit \(100 B; .*tools\/package-checks\/src\/size\.ts\)$/);
  });

  it("every built-in client, fleet and the facade fit their rules with margin (the measured sizes, bench/README.md)", () => {
    // Largest measured: a client with whole lists 7499 B (8 operations), Baseten's 7713 B (20), a paged client
    // 9263 B (8); one-provider fleets 18741 B whole, 20286 B paged; modelfleet/all 28754 B with nine providers.
    expect(clientLimit({ operations: 8, paged: false }).limit).toBeGreaterThan(7499 * 1.015);
    expect(clientLimit({ operations: 20, paged: false }).limit).toBeGreaterThan(7713 * 1.01);
    expect(clientLimit({ operations: 8, paged: true }).limit).toBeGreaterThan(9263 * 1.01);
    expect(fleetLimit([WHOLE]).limit).toBeGreaterThan(18741 * 1.01);
    expect(fleetLimit([PAGED]).limit).toBeGreaterThan(20286 * 1.01);
    expect(fleetLimit([PAGED, ...Array.from({ length: 8 }, () => WHOLE)]).limit).toBeGreaterThan(28754 * 1.01);
  });
});

describe("checkSize", () => {
  it("fails only above the enforced limit", () => {
    const budget = { measure: "added" as const, limit: 5000, target: 4000, description: "a client" };
    expect(checkSize(budget, report(7900, 2900))).toEqual([]);
    expect(checkSize(budget, report(7901, 2900))).toEqual([
      "a client: 5001 B gzipped on top of openapi-fetch is over the 5000 B limit (make the bundle smaller, or change the rule, with the reason, in SIZE_RULES and budgetFor() in tools/package-checks/src/size.ts)",
    ]);
  });
});

describe("esmEntry", () => {
  it("follows exports to the import condition", () => {
    const exportsField = { ".": { import: { types: "./dist/index.d.ts", default: "./dist/index.js" }, require: "./dist/index.cjs" } };
    expect(esmEntry({ name: "x", version: "1.0.0", exports: exportsField })).toBe("./dist/index.js");
    expect(esmEntry({ name: "x", version: "1.0.0", module: "dist/m.js" })).toBe("./dist/m.js");
  });
});
