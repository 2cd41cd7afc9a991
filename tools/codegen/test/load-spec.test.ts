import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SpecDiagnosticsError } from "../src/diagnostics.js";
import { loadSpec, locate } from "../src/openapi/load.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "modelfleet-load-spec-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return loadSpec(name, path);
}

describe("loadSpec", () => {
  it("reads a JSON spec with JSON.parse and still locates pointers in its text", async () => {
    const spec = await load("a.json", '{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "A",\n    "version": "1"\n  }\n}\n');
    expect(spec.document).toEqual({ openapi: "3.1.0", info: { title: "A", version: "1" } });
    expect(locate(spec, "#/info/version")).toEqual({ line: 5, column: 16 });
  });

  it("reports a broken JSON spec with the line and column of the fault", async () => {
    const error = await load("b.json", '{\n  "openapi": "3.1.0",\n  "info": {\n    "title": "A",,\n  }\n}\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecDiagnosticsError);
    const [first] = (error as SpecDiagnosticsError).diagnostics;
    expect(first).toMatchObject({ code: "yaml/syntax", file: "b.json", line: 4 });
  });

  it("reads YAML as before, reporting duplicate keys", async () => {
    const error = await load("c.yaml", "openapi: 3.1.0\ninfo:\n  title: A\n  title: B\n").catch((e: unknown) => e);
    expect((error as SpecDiagnosticsError).diagnostics[0]).toMatchObject({ code: "yaml/syntax", line: 4 });
  });
});
