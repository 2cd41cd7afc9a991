import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { docEntryPoints } from "./entry-points.mjs";

let dir;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelfleet-docs-test-"));
  await mkdir(join(dir, "src"));
  for (const file of ["index.ts", "errors.ts"]) await writeFile(join(dir, "src", file), "export {};\n");
  await mkdir(join(dir, "src", "openapi"));
  await writeFile(join(dir, "src", "openapi", "index.ts"), "export {};\n");
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const dual = (name) => ({
  import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
  require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
});

describe("docEntryPoints", () => {
  it("documents every exported subpath from its source, skipping ./package.json", () => {
    const manifest = { name: "x", exports: { ".": dual("index"), "./errors": dual("errors"), "./package.json": "./package.json" } };
    expect(docEntryPoints(dir, manifest)).toEqual([join(dir, "src", "index.ts"), join(dir, "src", "errors.ts")]);
  });

  it("skips a JSON file exported as data, such as a JSON Schema", () => {
    const manifest = { name: "x", exports: { ".": dual("index"), "./fleet.schema.json": "./dist/fleet.schema.json" } };
    expect(docEntryPoints(dir, manifest)).toEqual([join(dir, "src", "index.ts")]);
  });

  it("finds a subpath built from a folder's index.ts", () => {
    expect(docEntryPoints(dir, { name: "x", exports: { "./openapi": dual("openapi") } })).toEqual([
      join(dir, "src", "openapi", "index.ts"),
    ]);
  });

  it("reads a plain types condition too (an ESM-only library)", () => {
    expect(docEntryPoints(dir, { name: "x", exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" } } })).toEqual([
      join(dir, "src", "index.ts"),
    ]);
  });

  it("has nothing to document for a command-line tool without library exports", () => {
    expect(docEntryPoints(dir, { name: "cli", exports: { "./package.json": "./package.json" } })).toEqual([]);
    expect(docEntryPoints(dir, { name: "cli" })).toEqual([]);
  });

  it("fails naming the package and subpath when an entry point cannot be documented", () => {
    expect(() => docEntryPoints(dir, { name: "x", exports: { "./missing": dual("missing") } })).toThrow(
      "x: export ./missing (./dist/missing.d.ts) has no source file src/missing.ts or src/missing/index.ts",
    );
    expect(() => docEntryPoints(dir, { name: "x", exports: { ".": { default: "./dist/index.js" } } })).toThrow(
      'x: export . names no declaration file ("types" condition)',
    );
    expect(() => docEntryPoints(dir, { name: "x", exports: { "./*": dual("index") } })).toThrow(
      "x: the pattern subpath ./* cannot be documented",
    );
    expect(() => docEntryPoints(dir, { name: "x", exports: "./dist/index.js" })).toThrow('x: "exports" must map subpaths');
  });
});
