import { describe, expect, it } from "vitest";
import { checkManifest } from "./manifest.js";

const exportsBoth = {
  ".": {
    import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
    require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
  },
};

describe("checkManifest", () => {
  it("accepts a public dual-format library", () => {
    expect(
      checkManifest({ name: "x", version: "1.0.0", files: ["dist"], exports: exportsBoth, publishConfig: { access: "public" } }),
    ).toEqual([]);
  });

  it("accepts an ESM-only tool with a bin", () => {
    expect(
      checkManifest({ name: "x", version: "1.0.0", files: ["dist"], bin: { x: "./dist/cli.js" }, publishConfig: { access: "public" } }),
    ).toEqual([]);
  });

  it("rejects provenance in publishConfig, a missing files list and a library without CommonJS", () => {
    const problems = checkManifest({
      name: "x",
      version: "1.0.0",
      exports: { ".": { import: { types: "./dist/index.d.ts", default: "./dist/index.js" } } },
      publishConfig: { access: "public", provenance: true },
    });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^remove publishConfig\.provenance: .*NPM_CONFIG_PROVENANCE=true/);
    expect(problems[1]).toMatch(/^"files" must list/);
    expect(problems[2]).toMatch(/^exports\["\."\]\.require must give "types" and "default"/);
  });

  it("rejects a package that would publish as restricted", () => {
    expect(checkManifest({ name: "@modelfleet/x", version: "1.0.0", files: ["dist"], exports: exportsBoth })).toEqual([
      'publishConfig.access must be "public" (scoped packages are private on npm by default)',
    ]);
  });
});
