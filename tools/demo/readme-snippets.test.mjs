// Every TypeScript snippet of the root README and of each package README runs as written (as an ES module, the
// way the READMEs say to run them) against `npm run mocks`' Prism mocks, with nothing but the variables that
// command prints: keys, `<PROVIDER>_BASE_URL` and `HF_NAMESPACE`. A long case: it starts nine mocks (one Prism process,
// seconds, more on a loaded machine) and runs each snippet in its own Node process; its limits only catch a hang.
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEveryMock } from "./every-mock.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const here = fileURLToPath(new URL(".", import.meta.url));
const READMES = ["README.md", ...readdirSync(join(root, "packages")).map((dir) => `packages/${dir}/README.md`)].filter((file) => {
  try {
    readFileSync(join(root, file));
    return true;
  } catch {
    return false;
  }
});

/** Every ```ts block of every README, with where it is. */
const SNIPPETS = READMES.flatMap((file) => {
  const markdown = readFileSync(join(root, file), "utf8");
  return [...markdown.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => ({
    where: `${file}:${markdown.slice(0, match.index).split("\n").length}`,
    code: match[1],
  }));
});

const mocks = [];
let env;
// Inside this workspace, so that the snippets' imports resolve to the built packages as an app's would.
const scratch = mkdtempSync(join(here, ".snippets-"));

beforeAll(async () => {
  env = await startEveryMock(mocks);
});
afterAll(async () => {
  await Promise.allSettled(mocks.map((m) => m.stop()));
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs one snippet as an ES module in the demo's folder (where `fleet.yaml` is), with the mocks' variables only. */
async function runSnippet(code, name) {
  const { code: js } = await transform(code, { loader: "ts", format: "esm", target: "node20" });
  const file = join(scratch, `${name}.mjs`);
  writeFileSync(file, js);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      cwd: here,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    child.once("error", reject);
    child.once("close", (exit) => resolve({ exit, stdout, stderr }));
  });
}

describe("README snippets against the mocks [long]", () => {
  it("finds the snippets of the root README and of the facade's README", () => {
    expect(SNIPPETS.filter((s) => s.where.startsWith("README.md:")).length).toBeGreaterThan(0);
    expect(SNIPPETS.filter((s) => s.where.startsWith("packages/modelfleet/README.md:")).length).toBeGreaterThan(3);
  });

  it.each(SNIPPETS.map((snippet, i) => [snippet.where, snippet, i]))("%s runs as written", async (_where, snippet, i) => {
    const run = await runSnippet(snippet.code, `snippet-${i}`);
    expect(run.stderr, `${snippet.where}\n${run.stdout}`).toBe("");
    expect(run.exit).toBe(0);
    // Nothing reached a real host: every base URL was a mock's.
    expect(run.stdout).not.toMatch(/ENOTFOUND|ConnectionError/);
  });
});
