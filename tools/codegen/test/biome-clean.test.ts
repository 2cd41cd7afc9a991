// What `generate` and `import` write must survive the repository's formatter as is: scaffolded files pass
// `biome check` unchanged, and a vendor's document is left alone by it (biome.json excludes `specs/*.vendor.*`), so
// CONTRIBUTING's `npx biome check --write .` never reformats it and `generate --check` stays green afterwards.
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureCli, FIXTURES, makeRepoLayout, REPO_ROOT, removeTemps, run, runCli } from "./helpers.js";

const BIOME = join(REPO_ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
let root: string;

beforeAll(async () => {
  ensureCli();
  root = await makeRepoLayout();
  await copyFile(join(REPO_ROOT, "biome.json"), join(root, "biome.json"));
});
afterAll(removeTemps);

const biomeCheck = (paths: string[]) =>
  run(process.execPath, [BIOME, "check", "--no-errors-on-unmatched", ...paths], root, { NO_COLOR: "1" });

describe("the repository's Biome configuration and what codegen writes", () => {
  it("a scaffolded package passes biome check as written", async () => {
    await copyFile(join(FIXTURES, "provider-acme.yaml"), join(root, "specs", "acme.yaml"));
    const generated = await runCli(["generate", "--spec", "specs/acme.yaml"], root);
    expect(generated.code, generated.stderr).toBe(0);
    const check = await biomeCheck([
      "packages/acme/package.json",
      "packages/acme/tsconfig.json",
      "packages/acme/turbo.json",
      "packages/acme/src",
    ]);
    expect(check.code, `${check.stdout}${check.stderr}`).toBe(0);
  });

  it("leaves an imported vendor document byte for byte as downloaded, even with --write", async () => {
    // One line of JSON, as vendors publish it: Biome would spread it over many.
    const vendor = join(root, "vendor.json");
    await writeFile(
      vendor,
      JSON.stringify({
        openapi: "3.1.0",
        info: { title: "Tidy API", version: "1" },
        servers: [{ url: "https://api.tidy.example" }],
        paths: { "/things": { get: { operationId: "listThings", responses: { "200": { description: "ok" } } } } },
      }),
    );
    const imported = await runCli(["import", vendor, "--name", "tidy"], root);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain("specs/tidy.vendor.json: copied unchanged");
    const before = await readFile(join(root, "specs", "tidy.vendor.json"), "utf8");
    const write = await run(process.execPath, [BIOME, "check", "--write", "specs"], root, { NO_COLOR: "1" });
    expect(
      await readFile(join(root, "specs", "tidy.vendor.json"), "utf8"),
      `biome.json must exclude specs/*.vendor.* (vendor documents stay as downloaded): ${write.stdout}${write.stderr}`,
    ).toBe(before);
    const check = await runCli(["generate", "--check"], root);
    expect(check.code, check.stderr).toBe(0);
  });
});
