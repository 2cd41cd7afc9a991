import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, FIXTURES, makeRepoLayout, REPO_ROOT, removeTemps, run, runCli } from "./helpers.js";

afterEach(removeTemps);

const RUNTIME = join(REPO_ROOT, "packages", "runtime");

beforeAll(() => {
  ensureBuilt();
  // The new package imports @modelfleet/runtime's build (turbo builds it before this test; a bare vitest may not have).
  if (!existsSync(join(RUNTIME, "dist", "index.d.ts"))) execFileSync("npx", ["tsup"], { cwd: RUNTIME, stdio: "pipe" });
});

async function makeLayout(): Promise<string> {
  const root = await makeRepoLayout();
  await copyFile(join(FIXTURES, "provider-acme.yaml"), join(root, "specs", "acme.yaml"));
  return root;
}

describe("adding a provider", () => {
  it("one command turns a spec into a package that builds, type-checks and passes its generated smoke test, with a fleet adapter skeleton whose tests fail with TODOs", async () => {
    const root = await makeLayout();

    // The one command.
    const generated = await runCli(["generate", "--spec", "specs/acme.yaml"], root);
    expect(generated.stderr).toBe("");
    expect(generated.code).toBe(0);
    for (const file of [
      "LICENSE",
      "package.json",
      "README.md",
      "tsconfig.json",
      "tsup.config.ts",
      "turbo.json",
      "src/index.ts",
      "src/fleet.ts",
      "src/fleet.test.ts",
    ]) {
      expect(generated.stdout).toContain(`scaffolded packages/acme/${file}`);
    }
    // npm ships only what is inside the package: the repository's license is copied in, byte for byte.
    expect(await readFile(join(root, "packages", "acme", "LICENSE"), "utf8")).toBe(await readFile(join(REPO_ROOT, "LICENSE"), "utf8"));
    expect(generated.stdout).toContain("specs/acme.yaml -> packages/acme: 5 written, 0 removed");

    const pkgDir = join(root, "packages", "acme");
    const pkg = JSON.parse(await readFile(join(pkgDir, "package.json"), "utf8")) as {
      name: string;
      scripts: Record<string, string>;
      exports: Record<string, unknown>;
    };
    expect(pkg.name).toBe("@modelfleet/acme");
    expect(Object.keys(pkg.exports)).toEqual([".", "./fleet", "./package.json"]);
    expect(pkg.scripts).toMatchObject({
      build: "tsup",
      typecheck: "node ../../node_modules/typescript-native/bin/tsc --noEmit",
      test: "vitest run",
    });

    // build (the package's own tsup config, extending the root one)
    const build = await run(process.execPath, [BIN.tsup], pkgDir);
    expect(build.code, build.stderr).toBe(0);
    for (const file of ["index.js", "index.cjs", "index.d.ts", "index.d.cts", "fleet.js", "fleet.cjs", "fleet.d.ts", "fleet.d.cts"])
      expect(existsSync(join(pkgDir, "dist", file)), file).toBe(true);
    const built = (await import(pathToFileURL(join(pkgDir, "dist", "index.js")).href)) as Record<string, unknown>;
    expect(typeof built.createAcmeClient).toBe("function");
    expect(typeof built.NotFoundError).toBe("function");
    expect(built.acme).toBeUndefined();
    // The adapter skeleton is a fleet provider already: identity from the spec, each operation a TODO.
    const fleet = (await import(pathToFileURL(join(pkgDir, "dist", "fleet.js")).href)) as { acme: () => Record<string, unknown> };
    expect(fleet.acme()).toMatchObject({ id: "acme", name: "Acme", envVar: "ACME_API_KEY" });

    // typecheck (the package's own tsconfig, extending the root one)
    const typecheck = await run(process.execPath, [BIN.tsc, "--noEmit", "--pretty", "false"], pkgDir);
    expect(`${typecheck.stdout}${typecheck.stderr}`).toBe("");
    expect(typecheck.code).toBe(0);

    // test: the generated smoke test calls every operation with the spec's examples against an injected fetch
    const smoke = await readFile(join(pkgDir, "src", "generated", "smoke.test.ts"), "utf8");
    expect(smoke).toContain('expect(request.url.split("?")[0]).toBe("https://api.acme.example/v1/models/m%2F1%20with%20space");');
    expect(smoke).toContain('expect(request.headers.get("X-Acme-Key")).toBe("" + API_KEY);');
    const test = await run(process.execPath, [BIN.vitest, "run"], pkgDir, { CI: "true", NO_COLOR: "1" });
    // The generated smoke test (one test per operation) and the scaffolded contract test against a Prism mock pass;
    // the scaffolded fleet adapter tests fail, each with a TODO saying what to write, until the adapter is written.
    expect(test.stdout).toMatch(/smoke\.test\.ts \(4 tests\)/);
    expect(test.stdout).toMatch(/contract\.test\.ts \(\d+ tests\)/);
    expect(test.stdout).toMatch(/fleet\.test\.ts \(3 tests \| 3 failed\)/);
    expect(test.stdout).toMatch(/Test Files\s+1 failed \| 2 passed \(3\)/);
    const output = `${test.stdout}${test.stderr}`;
    for (const todo of [
      "TODO(acme fleet adapter): versionRef: the parts of a version reference",
      "TODO(acme fleet adapter): getVersion: call the client's read operation",
      "TODO(acme fleet adapter): normalizeAcmeVersion: map the generated object to a ModelVersion",
    ]) {
      expect(output).toContain(todo);
    }
    expect(test.code).not.toBe(0);

    // Once the package exists the adapter is its maintainers': regenerating never re-creates the skeleton.
    await rm(join(pkgDir, "src", "fleet.test.ts"));
    const again = await runCli(["generate", "--spec", "specs/acme.yaml", "--force"], root);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("scaffolded");
    expect(existsSync(join(pkgDir, "src", "fleet.test.ts"))).toBe(false);
  });

  it("a smoke test fails when the client and the spec disagree", async () => {
    const root = await makeLayout();
    await runCli(["generate", "--spec", "specs/acme.yaml"], root);
    const pkgDir = join(root, "packages", "acme");
    // Simulate a broken generator: the provider descriptor sends getModel to the wrong path.
    const provider = join(pkgDir, "src", "generated", "provider.ts");
    await writeFile(
      provider,
      (await readFile(provider, "utf8")).replace('"path":"/models/{model_id}","pathParams"', '"path":"/model/{model_id}","pathParams"'),
    );
    const test = await run(process.execPath, [BIN.vitest, "run", "src/generated/smoke.test.ts"], pkgDir, { CI: "true", NO_COLOR: "1" });
    expect(test.code).not.toBe(0);

    // Once the package exists the adapter is its maintainers': regenerating never re-creates the skeleton.
    await rm(join(pkgDir, "src", "fleet.test.ts"));
    const again = await runCli(["generate", "--spec", "specs/acme.yaml", "--force"], root);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("scaffolded");
    expect(existsSync(join(pkgDir, "src", "fleet.test.ts"))).toBe(false);
    const output = `${test.stdout}${test.stderr}`;
    expect(output).toMatch(/FAIL .*getModel: GET \/models\/\{model_id\}/);
    expect(output).toContain("/v1/model/m%2F1%20with%20space");
    expect(output).toMatch(/Tests\s+1 failed \| 3 passed \(4\)/);
  });
});
