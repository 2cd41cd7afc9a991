import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { generate, type SpecResult } from "../src/generate/generate.js";
import { FIXTURES, removeTemps, tempDir } from "./helpers.js";

afterEach(removeTemps);

const VALID = join(FIXTURES, "valid.yaml");

/** A repository holding one spec of ours, `specs/acme.<ext>`, made from valid.yaml with `edit` applied. */
async function strictRun(edit: (text: string) => string, ext = "yaml"): Promise<{ root: string; result: SpecResult }> {
  const root = await tempDir();
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await writeFile(join(root, "packages", "runtime", "package.json"), '{"name":"@modelfleet/runtime","version":"0.1.0"}\n');
  await writeFile(join(root, "specs", `acme.${ext}`), edit(await readFile(VALID, "utf8")));
  const [result] = await generate({ root });
  return { root, result: result as SpecResult };
}

const codes = (result: SpecResult) => result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);

describe("strict mode: every problem of our own spec in one run", () => {
  it("reports a 3.0 leftover and a missing x-modelfleet together, each with its fix", async () => {
    const { result } = await strictRun((text) =>
      text
        .replace(/ {2}x-modelfleet:\n(?: {4}.*\n)+/, "")
        .replace("            type: integer\n", "            type: integer\n            nullable: true\n"),
    );
    expect(codes(result)).toEqual(["modelfleet/missing-extension", "spec/struct"]);
    const leftover = result.diagnostics.find((d) => d.code === "spec/struct");
    expect(leftover?.pointer).toBe("#/paths/~1models/get/parameters/0/schema/nullable");
    expect(leftover?.help).toContain('type: [<type>, "null"]');
    expect(result.output).toBeUndefined();
  });

  it("tells a 3.0 document so first, pointing at import for a vendor's document", async () => {
    const { result } = await strictRun((text) => text.replace("openapi: 3.1.0", "openapi: 3.0.3"));
    const first = result.diagnostics[0];
    expect(first).toMatchObject({ code: "modelfleet/openapi-version", severity: "error", line: 1 });
    expect(first?.message).toBe('expected OpenAPI 3.1, found "3.0.3"');
    expect(first?.help).toContain("modelfleet-codegen import");
    expect(first?.help).toContain("nullable");
  });

  it("refuses an http server the runtime would refuse, and accepts one on loopback", async () => {
    const { result } = await strictRun((text) => text.replace("https://api.acme.example", "http://api.acme.example"));
    expect(codes(result)).toEqual(["modelfleet/insecure-server"]);
    expect(result.diagnostics[0]?.message).toContain("uses http");
    const loopback = await strictRun((text) => text.replace("https://api.acme.example", "http://127.0.0.1:8080"));
    expect(codes(loopback.result)).toEqual([]);
  });

  it("refuses a spec with no operations", async () => {
    const { result } = await strictRun((text) => text.replace(/^paths:\n(?:(?: .*)?\n)+?(?=components:)/m, "paths: {}\n"));
    expect(codes(result)).toContain("modelfleet/no-operations");
  });

  it("scaffolds a JSON spec's package against the .json file (scripts, turbo inputs, contract test, README)", async () => {
    const { parse } = await import("yaml");
    const { root, result } = await strictRun((text) => JSON.stringify(parse(text), null, 2), "json");
    expect(codes(result)).toEqual([]);
    const pkg = JSON.parse(await readFile(join(root, "packages", "acme", "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.generate).toBe("node ../../tools/codegen/dist/cli.js generate --spec ../../specs/acme.json");
    const turbo = JSON.parse(await readFile(join(root, "packages", "acme", "turbo.json"), "utf8")) as {
      tasks: Record<string, { inputs?: string[] }>;
    };
    expect(turbo.tasks.generate?.inputs).toEqual(["$TURBO_ROOT$/specs/acme.json"]);
    expect(turbo.tasks.test?.inputs).toContain("$TURBO_ROOT$/specs/acme.json");
    expect(await readFile(join(root, "packages", "acme", "src", "contract.test.ts"), "utf8")).toContain('"../../../specs/acme.json"');
    expect(await readFile(join(root, "packages", "acme", "README.md"), "utf8")).toContain("specs/acme.json");
  });
});
