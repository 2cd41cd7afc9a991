import { describe, expect, it } from "vitest";
import { checkPackedFiles, entryPoints } from "./pack.js";
import type { PackageManifest } from "./workspaces.js";

const library: PackageManifest = {
  name: "@modelfleet/example",
  version: "1.0.0",
  main: "./dist/index.cjs",
  module: "./dist/index.js",
  types: "./dist/index.d.ts",
  files: ["dist"],
  exports: {
    ".": {
      import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
      require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
    },
    "./package.json": "./package.json",
  },
};
const shipped = ["LICENSE", "README.md", "dist/index.cjs", "dist/index.d.cts", "dist/index.d.ts", "dist/index.js", "package.json"];

describe("entryPoints", () => {
  it("collects main, module, types, bin and every exports target once", () => {
    expect(entryPoints({ ...library, bin: { tool: "./dist/cli.js" } })).toEqual([
      "dist/cli.js",
      "dist/index.cjs",
      "dist/index.d.cts",
      "dist/index.d.ts",
      "dist/index.js",
      "package.json",
    ]);
  });
});

describe("checkPackedFiles", () => {
  it("accepts dist plus package.json, README, CHANGELOG and LICENSE", () => {
    expect(checkPackedFiles(library, [...shipped, "CHANGELOG.md"])).toEqual([]);
  });

  it("requires a LICENSE and a README in every tarball", () => {
    const bare = shipped.filter((file) => file !== "LICENSE" && file !== "README.md");
    expect(checkPackedFiles(library, bare)).toEqual([
      "the tarball has no LICENSE (copy the repository's LICENSE into the package)",
      "the tarball has no README",
    ]);
    expect(checkPackedFiles(library, [...bare, "LICENSE.md", "README.md"])).toEqual([]);
  });

  it("rejects sources, tests, fixtures, maps and configuration, naming each file", () => {
    const problems = checkPackedFiles(library, [
      ...shipped,
      "src/index.ts",
      "dist/client.test.js",
      "dist/fixtures/spec.yaml",
      "dist/index.js.map",
      "tsconfig.json",
      "notes.txt",
    ]);
    expect(problems).toEqual([
      "ships src/index.ts: a source, test or fixture directory",
      "ships dist/client.test.js: a test file",
      "ships dist/fixtures/spec.yaml: a source, test or fixture directory",
      "ships dist/index.js.map: a source map (its sources are not shipped)",
      "ships tsconfig.json: build configuration",
      "ships notes.txt: only dist/, the bins and package.json, README, CHANGELOG, LICENSE may ship",
    ]);
  });

  it("accepts a bin shim outside dist/ that the manifest names, and nothing else beside it", () => {
    const tool = { ...library, bin: { tool: "./bin/tool.js" } };
    expect(checkPackedFiles(tool, [...shipped, "bin/tool.js"])).toEqual([]);
    expect(checkPackedFiles(tool, [...shipped, "bin/tool.js", "bin/other.js"])).toEqual([
      "ships bin/other.js: only dist/, the bins and package.json, README, CHANGELOG, LICENSE may ship",
    ]);
    expect(checkPackedFiles(tool, shipped)).toEqual(["names bin/tool.js as an entry point, but the tarball does not contain it"]);
  });

  it("reports an entry point the tarball lacks", () => {
    expect(
      checkPackedFiles(
        library,
        shipped.filter((f) => f !== "dist/index.d.cts"),
      ),
    ).toEqual(["names dist/index.d.cts as an entry point, but the tarball does not contain it"]);
  });
});
