// CONTRIBUTING.md, "Adding a provider", followed step by step in a scratch copy of the repository for a made-up,
// spec-only provider (Kiln), then every task the change touches run there: the new package's lint, build, typecheck,
// tests and release gate; the facade's build, typecheck, provider tests and size gate with one more provider; the
// CLI's tests that enumerate providers and a listing through the CLI; the demo's mock list; the README table tests;
// `generate --check`, the spec lint and Biome. A list of providers spelled out anywhere, a size limit that is not a
// rule, or a step the document forgets fails here, as it would for a newcomer.
import { copyFile, readFile, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, node, removeScratch, run, scratchRepository } from "./scratch-repo.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const ID = "kiln";

let root: string;
const at = (...path: string[]) => join(root, ...path);
const pkg = () => at("packages", ID);
const facade = () => at("packages", "modelfleet");

beforeAll(async () => {
  root = await scratchRepository();
});
afterAll(() => removeScratch(root));

/** Replaces `anchor` in a file with `replacement`; a missing anchor fails with the file's name (the doc is out of date). */
async function edit(path: string, anchor: string | RegExp, replacement: string): Promise<void> {
  const text = await readFile(path, "utf8");
  const edited = text.replace(anchor, replacement);
  if (edited === text) throw new Error(`${path}: no ${String(anchor)} to edit; does CONTRIBUTING.md still describe this file?`);
  await writeFile(path, edited);
}

/** Adds `name: version` to a package.json's `field`. */
async function addDependency(path: string, field: "dependencies" | "devDependencies", name: string, version: string): Promise<void> {
  const manifest = JSON.parse(await readFile(path, "utf8")) as Record<string, Record<string, string>>;
  manifest[field] = Object.fromEntries(Object.entries({ ...manifest[field], [name]: version }).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Asserts a run passed, showing its output when it did not. */
function passed(result: { code: number; output: string }, what: string): void {
  expect(result.code, `${what} failed:\n${result.output}`).toBe(0);
}

/** The numbers of a vitest run's summary line, so a filter that selects nothing cannot pass unnoticed. */
function testCount(output: string): { passed: number; failed: number } {
  const line = /^\s*Tests\s+(.*)$/m.exec(output)?.[1] ?? "";
  return { passed: Number(/(\d+) passed/.exec(line)?.[1] ?? 0), failed: Number(/(\d+) failed/.exec(line)?.[1] ?? 0) };
}

// The cases are the path in order, in one scratch copy: each builds on the ones before (run them together).
describe("adding a provider as CONTRIBUTING.md says", () => {
  it("steps 1-6: spec, generate, adapter and its tests, registration, README rows, changeset", async () => {
    // 1. Spec.
    await copyFile(join(FIXTURES, `${ID}.yaml`), at("specs", `${ID}.yaml`));

    // 2. Generate, then link the workspace. CONTRIBUTING says `npm install` here; a test never reaches a registry, so
    // the one thing that install does for a new workspace, its link in node_modules, is made by hand.
    const generated = await node(at("tools", "codegen", "dist", "cli.js"), ["generate", "--spec", `specs/${ID}.yaml`], root);
    passed(generated, "generate");
    expect(generated.stdout).toContain(`scaffolded packages/${ID}/src/fleet.ts`);
    await symlink(pkg(), at("node_modules", "@modelfleet", ID), "dir");

    // 3 and 4. The adapter and its tests, over the scaffolded TODOs. The fixtures stand in for the contributor's
    // work; the property test needs fast-check, added at the version the other provider packages pin.
    await copyFile(join(FIXTURES, ID, "fleet.ts"), join(pkg(), "src", "fleet.ts"));
    await copyFile(join(FIXTURES, ID, "fleet.test.ts"), join(pkg(), "src", "fleet.test.ts"));
    const together = JSON.parse(await readFile(at("packages", "together", "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    await addDependency(join(pkg(), "package.json"), "devDependencies", "fast-check", String(together.devDependencies["fast-check"]));

    // 5. Register: one import and one line in all.ts, one dependency, a row in the root README's providers table and
    // in the facade README's references table.
    await edit(
      join(facade(), "src", "all.ts"),
      'import { modzy } from "@modelfleet/modzy/fleet";',
      `import { ${ID} } from "@modelfleet/${ID}/fleet";\nimport { modzy } from "@modelfleet/modzy/fleet";`,
    );
    await edit(join(facade(), "src", "all.ts"), /(const BUILT_IN = \{[^}]*?)( \} as const;)/, `$1, ${ID}$2`);
    await addDependency(join(facade(), "package.json"), "dependencies", `@modelfleet/${ID}`, "^0.1.0");
    await edit(
      at("README.md"),
      /(\n\| Together .*\|\n)/,
      `$1| Kiln | \`@modelfleet/${ID}\` | getVersion, listVersions, listDeployments, scale | \`KILN_API_KEY\` | \`${ID}:<deployment_id>\` | \`${ID}:<owner>/<model>\` |\n`,
    );
    await edit(
      join(facade(), "README.md"),
      /(\n\| Together .*\|\n)/,
      `$1| Kiln | \`${ID}:<deployment_id>\` | \`${ID}:<owner>/<model>\` (its deployments) |\n`,
    );

    // 6. A changeset for the new package and for modelfleet.
    await writeFile(
      at(".changeset", `${ID}-provider.md`),
      `---\n"@modelfleet/${ID}": minor\n"modelfleet": minor\n---\n\nKiln: a new provider, \`@modelfleet/${ID}\`, registered in \`modelfleet/all\`.\n`,
    );

    // "Before a commit": format, then the check must be clean.
    passed(await node(BIN.biome, ["check", "--write", "."], root), "biome check --write .");
    passed(await node(BIN.biome, ["check", "."], root), "biome check .");
  });

  it("the repository's checks: generate --check and the spec lint", async () => {
    passed(await node(at("tools", "codegen", "dist", "cli.js"), ["generate", "--check"], root), "generate --check");
    // `npm run lint:specs` is Redocly over every spec with redocly.yaml; here over the new one only.
    passed(await node(BIN.redocly, ["lint", `specs/${ID}.yaml`], root), "lint:specs");
  });

  it("the new package: build, typecheck, its tests (adapter, smoke, contract against a mock) and the release gate with its size rule", async () => {
    passed(await node(BIN.tsup, [], pkg()), "build");
    passed(await node(BIN.tsc, ["--noEmit", "--pretty", "false"], pkg()), "typecheck");
    const test = await node(BIN.vitest, ["run"], pkg(), { CI: "true" });
    passed(test, "test");
    expect(test.output).toMatch(/src\/fleet\.test\.ts \(\d+ tests\)/);
    expect(test.output).toMatch(/src\/contract\.test\.ts \(\d+ tests\)/);
    const gate = await node(at("tools", "package-checks", "dist", "check-package.js"), [], pkg());
    passed(gate, "check:package");
    expect(gate.stdout).toMatch(/^ok {3}size$/m);
  });

  it("the facade: build, typecheck (all.test-d.ts included), its provider tests and README tables, and the size gate with one more provider", async () => {
    passed(await node(BIN.tsup, [], facade()), "build");
    passed(await node(BIN.tsc, ["--noEmit", "--pretty", "false"], facade()), "typecheck");
    const test = await node(BIN.vitest, ["run", "src/all.test.ts", "src/all.readme.test.ts"], facade(), { CI: "true" });
    passed(test, "all.test.ts and all.readme.test.ts");
    expect(testCount(test.output)).toMatchObject({ failed: 0 });
    const gate = await node(at("tools", "package-checks", "dist", "check-package.js"), [], facade());
    passed(gate, "check:package");
    expect(gate.stdout).toMatch(new RegExp(`createFleet \\+ @modelfleet/${ID}/fleet: \\d+ B gzipped`));
  });

  it("the CLI: its tests that enumerate providers, and `ls --provider kiln` against a loopback Kiln", async () => {
    // The CLI's build bundles nothing of modelfleet (a dependency, left external), so it needs no rebuild.
    const cli = at("packages", "cli");
    const test = await node(
      BIN.vitest,
      [
        "run",
        "src/cli.test.ts",
        "-t",
        "unknown providers|no key at all|which providers are configured|a bad override|--help and --version",
      ],
      cli,
      { CI: "true" },
    );
    passed(test, "the CLI's provider tests");
    expect(testCount(test.output).passed).toBeGreaterThanOrEqual(5);

    const requests: string[] = [];
    const server = createServer((request, response) => {
      requests.push(`${request.method} ${request.url} ${request.headers.authorization}`);
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ data: [{ id: "dep-1", model: "acme/whisper", revision: "r7", status: "live" }], next_cursor: null }));
    });
    await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
    try {
      const { port } = server.address() as AddressInfo;
      const ls = await node(join(cli, "bin", "modelfleet.js"), ["ls", "--provider", ID, "--json"], root, {
        KILN_API_KEY: "kiln-test-key",
        KILN_BASE_URL: `http://127.0.0.1:${port}/v1`,
      });
      passed(ls, "modelfleet ls --provider kiln");
      expect(JSON.stringify(JSON.parse(ls.stdout))).toContain('"ref":"kiln:dep-1"');
      expect(requests).toEqual(["GET /v1/deployments Bearer kiln-test-key"]);
    } finally {
      await new Promise((closed) => server.close(closed));
    }
  });

  it("the demo's mocks (npm start, npm run mocks) include the new provider", async () => {
    const listed = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'const { PROVIDERS } = await import("./tools/demo/every-mock.mjs"); console.log(JSON.stringify(PROVIDERS));',
      ],
      root,
    );
    passed(listed, "the demo's mock list");
    expect(JSON.parse(listed.stdout)).toContain(ID);
  });
});
