import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkDeclaredDependencies, findImports, packageOf } from "./declared-deps.js";
import type { PackageManifest } from "./workspaces.js";

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function packageWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "modelfleet-deps-"));
  temps.push(dir);
  for (const [name, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return dir;
}

const manifest: PackageManifest = {
  name: "@modelfleet/example",
  version: "1.0.0",
  dependencies: { "openapi-fetch": "0.17.0" },
  devDependencies: { yaml: "2.9.1" },
};

describe("packageOf", () => {
  it("names the package of a bare specifier and skips relative and built-in ones", () => {
    expect(packageOf("@modelfleet/runtime/sub/path")).toBe("@modelfleet/runtime");
    expect(packageOf("yaml/util")).toBe("yaml");
    expect(packageOf("./chunk.js")).toBeUndefined();
    expect(packageOf("node:fs")).toBeUndefined();
    expect(packageOf("fs/promises")).toBeUndefined();
    expect(packageOf("<runtime>")).toBeUndefined();
  });
});

describe("findImports + checkDeclaredDependencies", () => {
  it("finds imports through shipped chunks, in ESM, CommonJS and declarations, ignoring strings", async () => {
    const files = {
      "dist/index.js": 'import "./chunk.js";\nimport { readFile } from "node:fs/promises";\nexport const s = `from "not-an-import"`;\n',
      "dist/chunk.js": 'import { parse } from "yaml";\nimport createClient from "openapi-fetch";\nexport { parse, createClient };\n',
      "dist/index.cjs": 'module.exports = require("@scope/lib/sub");\n',
      "dist/index.d.ts": '/// <reference types="node" />\nexport type { X } from "@other/types";\n',
    };
    const dir = await packageWith(files);
    const scan = await findImports(dir, Object.keys(files));
    expect(scan.unresolved).toEqual([]);
    // index.js reaches yaml through its chunk; the chunk, itself shipped, is scanned too.
    expect(checkDeclaredDependencies(manifest, scan)).toEqual([
      'dist/chunk.js imports "yaml", but yaml is not a dependency (only a devDependency, which consumers do not install)',
      'dist/index.cjs imports "@scope/lib/sub", but @scope/lib is not a dependency',
      'dist/index.d.ts imports "@other/types", but @other/types is not a dependency',
      'dist/index.d.ts imports "@types/node", but @types/node is not a dependency',
      'dist/index.js imports "yaml", but yaml is not a dependency (only a devDependency, which consumers do not install)',
    ]);
  });

  it("reports third-party code bundled into a shipped file", async () => {
    const text =
      '// src/index.ts\nimport { a } from "./a.js";\n// ../../node_modules/yaml/dist/index.js\nvar yaml = 1;\n// ../../node_modules/@scope/lib/x.js\n';
    const dir = await packageWith({ "dist/index.js": text });
    const scan = await findImports(dir, ["dist/index.js"]);
    expect(scan.inlined).toEqual(["dist/index.js: yaml", "dist/index.js: @scope/lib"]);
  });

  it("reports a relative import of a file that is not shipped", async () => {
    const dir = await packageWith({ "dist/index.js": 'export { version } from "../../package.json";\n' });
    const scan = await findImports(dir, ["dist/index.js"]);
    expect(checkDeclaredDependencies(manifest, scan)).toEqual([
      'dist/index.js: Could not resolve "../../package.json" (the import needs a file that is not shipped)',
    ]);
  });
});
