import { strict as assert } from "node:assert";
import { copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { type PackageManifest, readManifest } from "@modelfleet/package-checks";
import { expectedInstall, installedPackages, type Lockfile, type NpmLsTree, nameOf } from "./dependencies.js";
import { exec } from "./exec.js";
import { withoutNpmConfig } from "./npm-env.js";
import type { Step } from "./steps.js";

/** One library installed alone into a fresh project and used from TypeScript, as ESM and as CommonJS. */
export interface LibraryScenario {
  kind: "library";
  /** The npm package installed. */
  packageName: string;
  /** Directory under `tools/e2e/consumers/` holding `main.mts` and `main.cts`; also names the project. */
  fixture: string;
  /** What every run prints (as one JSON line), besides its `format`. */
  expected: Record<string, unknown>;
}

/** One command-line package installed alone into a fresh project and run through its installed bin. */
export interface BinScenario {
  kind: "bin";
  packageName: string;
  /** Names the project. */
  fixture: string;
  bin: string;
  /** Arguments, given the fake API's URL. */
  args: (apiUrl: string) => string[];
  /** Environment added for the run, given the API key (provider keys and base URLs of the host are removed first). */
  env: (apiKey: string) => Record<string, string>;
  /** Fields the JSON the command prints must have. */
  expected: Record<string, unknown>;
}

export type ConsumerScenario = LibraryScenario | BinScenario;

/** What every scenario shares. */
export interface ConsumerContext {
  /** Where the projects are made: outside the repository. */
  workDir: string;
  repoRoot: string;
  /** npm environment pointing at the local registry only. */
  env: NodeJS.ProcessEnv;
  /** Published version of each of our packages. */
  published: ReadonlyMap<string, string>;
  /** Manifests of our packages, as published. */
  manifests: ReadonlyMap<string, PackageManifest>;
  lock: Lockfile;
  /** The fake provider API the consumers call. */
  apiUrl: string;
  apiKey: string;
  step: Step;
}

const require = createRequire(import.meta.url);

/**
 * Installs the package alone and checks exactly its own dependencies came along. A library's consumer is then
 * compiled with bundler resolution (no Node types) and with nodenext resolution (Node types, added afterwards), and
 * each build runs as ESM and as CommonJS against the fake API; a command-line package runs its installed bin against
 * it. What they print is compared.
 */
export async function runConsumer(scenario: ConsumerScenario, context: ConsumerContext): Promise<void> {
  const dir = await installAlone(scenario, context);
  if (scenario.kind === "bin") return runBin(scenario, context, dir);
  const fixtureDir = join(context.repoRoot, "tools", "e2e", "consumers");
  for (const file of await readdir(join(fixtureDir, scenario.fixture))) {
    await copyFile(join(fixtureDir, scenario.fixture, file), join(dir, "src", file));
  }
  for (const file of ["tsconfig.bundler.json", "tsconfig.nodenext.json"]) await copyFile(join(fixtureDir, file), join(dir, file));

  // Bundler first, while the project has no @types/node: the published declarations must not need Node's types.
  await compileAndRun("bundler", scenario, context, dir);
  const typesNode = (await readManifest(context.repoRoot)).devDependencies?.["@types/node"];
  assert.ok(typesNode, "the repository root pins @types/node");
  await context.step(`npm install -D @types/node@${typesNode}`, () =>
    exec("npm", ["install", "--save-dev", "--save-exact", `@types/node@${typesNode}`], { cwd: dir, env: context.env }),
  );
  await compileAndRun("nodenext", scenario, context, dir);
}

/** A fresh project outside the repository with only `scenario.packageName` installed; returns its directory. */
async function installAlone(scenario: ConsumerScenario, context: ConsumerContext): Promise<string> {
  const { env, step } = context;
  const version = context.published.get(scenario.packageName);
  assert.ok(version, `${scenario.packageName} was not published`);
  const dir = join(context.workDir, `consumer-${scenario.fixture}`);
  assert.ok(relative(context.repoRoot, dir).startsWith(".."), "the consumer project must be outside the repository");
  await mkdir(join(dir, "src"), { recursive: true });
  const manifest = { name: `consumer-${scenario.fixture}`, version: "1.0.0", private: true };
  await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  const npm = (...args: string[]) => exec("npm", args, { cwd: dir, env });

  await step(`npm install ${scenario.packageName}@${version} (alone, in ${dir})`, () =>
    npm("install", "--save-exact", `${scenario.packageName}@${version}`),
  );
  await step("check only its own dependencies came along", async () => {
    const tree = JSON.parse((await npm("ls", "--all", "--json")).stdout) as NpmLsTree;
    const installed = installedPackages(tree);
    const expected = expectedInstall(scenario.packageName, context.manifests, context.lock);
    assert.deepEqual(new Set(installed.map(nameOf)), expected, `installing ${scenario.packageName} brought ${installed.join(", ")}`);
    for (const spec of installed) {
      const name = nameOf(spec);
      if (context.published.has(name)) {
        assert.equal(spec, `${name}@${context.published.get(name)}`, "an installed package of ours is not the published version");
      }
    }
    return installed.join(", ");
  });
  return dir;
}

/** Runs the installed bin with only the scenario's provider settings in the environment, and compares its JSON. */
async function runBin(scenario: BinScenario, context: ConsumerContext, dir: string): Promise<void> {
  const inherited = Object.entries(withoutNpmConfig(process.env)).filter(([key]) => !/_(API_KEY|BASE_URL)$|^MODELFLEET_/.test(key));
  const env = { ...Object.fromEntries(inherited), ...scenario.env(context.apiKey) };
  const args = scenario.args(context.apiUrl);
  await context.step(`node_modules/.bin/${scenario.bin} ${args.join(" ")}`, async () => {
    const { stdout } = await exec(join(dir, "node_modules", ".bin", scenario.bin), args, { cwd: dir, env });
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    const picked = Object.fromEntries(Object.keys(scenario.expected).map((key) => [key, printed[key]]));
    assert.deepEqual(picked, scenario.expected, `${scenario.bin} printed ${stdout}`);
    return JSON.stringify(picked);
  });
}

async function compileAndRun(
  resolution: "bundler" | "nodenext",
  scenario: LibraryScenario,
  context: ConsumerContext,
  dir: string,
): Promise<void> {
  const nodeEnv = withoutNpmConfig(process.env);
  const tsc = require.resolve("typescript/bin/tsc");
  await context.step(`tsc -p tsconfig.${resolution}.json (strict, skipLibCheck off)`, () =>
    exec(process.execPath, [tsc, "-p", `tsconfig.${resolution}.json`], { cwd: dir, env: nodeEnv }),
  );
  // Consumers are moving to TypeScript 7's native compiler: the published declarations must check there too.
  const nativeTsc = join(dirname(require.resolve("typescript-native/package.json")), "bin", "tsc");
  await context.step(`tsc 7 -p tsconfig.${resolution}.json --noEmit (strict, skipLibCheck off)`, () =>
    exec(process.execPath, [nativeTsc, "-p", `tsconfig.${resolution}.json`, "--noEmit"], { cwd: dir, env: nodeEnv }),
  );
  const args = [context.apiUrl, context.apiKey];
  const runs: Array<[format: "esm" | "cjs", nodeArgs: string[]]> = [
    ["esm", [`out-${resolution}/main.mjs`, ...args]],
    // Node 20.0-20.18 (in our engines range) cannot require() an ES module; neither can this run, so a `require`
    // condition that leads to ESM fails here instead of passing on a newer Node.
    ["cjs", ["--no-experimental-require-module", `out-${resolution}/main.cjs`, ...args]],
  ];
  for (const [format, nodeArgs] of runs) {
    await context.step(`node ${nodeArgs.slice(0, -2).join(" ")} (${format}) against the fake API`, async () => {
      const { stdout } = await exec(process.execPath, nodeArgs, { cwd: dir, env: nodeEnv });
      const line = stdout.trim().split("\n").at(-1) ?? "";
      assert.deepEqual(JSON.parse(line), { format, ...scenario.expected }, `${format} consumer (${resolution}) printed ${line}`);
      return line;
    });
  }
}
