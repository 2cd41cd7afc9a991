// What `generate` and `import` write must survive the repository's formatter as is: scaffolded files pass
// `biome check` unchanged, and a vendor's document is left alone by it (biome.json excludes `specs/*.vendor.*`), so
// CONTRIBUTING's `npx biome check --write .` never reformats it and `generate --check` stays green afterwards.
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, FIXTURES, makeRepoLayout, REPO_ROOT, removeTemps, run, runCli } from "./helpers.js";

const BIOME = join(REPO_ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
const CHECK_PACKAGE = join(REPO_ROOT, "tools", "package-checks", "dist", "check-package.js");
let root: string;

beforeAll(async () => {
  ensureBuilt();
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

  // A long case (a build, tsc, vitest and the release gate with npm pack, publint, arethetypeswrong and the size
  // rule, one after another): the import's own package, right after `import`, passes every task `npm test` runs on a
  // package: lint, typecheck, test and check:package. Run here on the package alone, not through turbo.
  it("the imported package passes lint, build, typecheck, its tests and the package gate, size included [long]", async () => {
    const pkg = join(root, "packages", "tidy");
    const lint = await biomeCheck(["specs", "packages/tidy"]);
    expect(lint.code, `${lint.stdout}${lint.stderr}`).toBe(0);
    const build = await run(process.execPath, [BIN.tsup], pkg);
    expect(build.code, build.stderr).toBe(0);
    const typecheck = await run(process.execPath, [BIN.tsc, "--noEmit", "--pretty", "false", "-p", "."], pkg);
    expect(`${typecheck.stdout}${typecheck.stderr}`).toBe("");
    const test = await run(process.execPath, [BIN.vitest, "run"], pkg, { CI: "true", NO_COLOR: "1" });
    expect(test.code, `${test.stdout}${test.stderr}`).toBe(0);
    const gate = await run(process.execPath, [CHECK_PACKAGE], pkg, { NO_COLOR: "1" });
    expect(gate.code, `${gate.stdout}${gate.stderr}`).toBe(0);
    expect(gate.stdout).toMatch(/^ok {3}size$/m);
  });
});
