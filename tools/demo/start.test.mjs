import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PROVIDER_IDS } from "modelfleet/all";
import { describe, expect, it } from "vitest";

const START = fileURLToPath(new URL("./start.mjs", import.meta.url));

/** Runs the demo as `npm start` would; `onOutput` may signal it. */
function runDemo(onOutput) {
  return new Promise((resolve, reject) => {
    // Not the test runner's environment: keys or base URLs set there must not change what the demo shows.
    const child = spawn(process.execPath, [START], { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => {
      stdout += d;
      onOutput?.(stdout, child);
    });
    child.stderr.setEncoding("utf8").on("data", (d) => {
      stderr += d;
    });
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The mocks' URLs, from the demo's first line. */
function mockUrls(stdout) {
  return [...(stdout.split("\n")[0] ?? "").matchAll(/http:\/\/127\.0\.0\.1:\d+/g)].map((m) => m[0]);
}

async function isClosed(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(5_000) });
    return false;
  } catch {
    return true;
  }
}

describe("npm start", () => {
  it("runs providers, ls, get, scale, plan and apply against Prism mocks of every spec, then stops every mock", async () => {
    const run = await runDemo();
    // On stderr, only the progress while the mocks start: one line first, then one per mock as it is ready.
    const [first, ...ready] = run.stderr.trimEnd().split("\n");
    expect(first).toMatch(/^starting \d+ mock providers/);
    expect(ready).toHaveLength(Number(/^starting (\d+)/.exec(first ?? "")?.[1]));
    for (const [i, line] of ready.entries()) expect(line).toMatch(new RegExp(`^ {2}[a-z0-9-]+ mock ready \\(${i + 1}/${ready.length}\\)$`));
    expect(run.code).toBe(0);
    for (const step of [
      "providers",
      "ls",
      "get deepinfra:fkj843kjh8",
      "scale deepinfra:fkj843kjh8 --min 1 --max 2 --yes",
      "get replicate:acme/my-app-image-generator",
      "scale huggingface:acme-ml/my-endpoint-name --min 2 --max 6 --yes",
      "plan fleet.yaml",
      "apply fleet.yaml --yes",
      "cost --window 7d --prices prices.yaml",
    ]) {
      expect(run.stdout).toContain(`\n$ modelfleet ${step}\n`);
    }
    expect(run.stdout).toMatch(/^deepinfra +deepinfra:fkj843kjh8 +acme\/llama-3-8b-support +d8b79b422843… +ready \(running\) +1-2 +1 /m);
    expect(run.stdout).toMatch(/^modzy +modzy:ed542963de@0\.0\.27 /m);
    // cost: DeepInfra's catalogue price × GPUs × instances; Sieve's from the demo's prices.yaml.
    expect(run.stdout).toMatch(/^deepinfra:fkj843kjh8 +2x A100-80GB +1 +\$3\.00 +\$40\.32 +1824 +no +api$/m);
    expect(run.stdout).toMatch(/^sieve:sieve\/retalker@\S+ +l4 +1 +\$1\.00 +\$19\.44 +\? +\? +price-table$/m);
    expect(run.stdout).toMatch(/^opper +opper:summarize-ticket@2 +summarize-ticket +2 +ready /m);
    expect(run.stdout).toMatch(/^opper +opper:support\/classify-intent@2 +support\/classify-intent +2 +pending /m);
    expect(run.stdout).toMatch(/^opper-v2 +opper-v2:3c90c3cc-/m);
    expect(run.stdout).toMatch(/^replicate +replicate:acme\/my-app-image-generator +stability-ai\/sdxl +da77bc59ee60… +unknown +1-5 +- /m);
    expect(run.stdout).toMatch(/^huggingface +huggingface:acme-ml\/my-endpoint-name +gpt2 +11c5a3d5811f… +ready \(running\) +0-1 +1 /m);
    expect(run.stdout).toMatch(
      /^after {3}huggingface:acme-ml\/my-endpoint-name {2}status deploying \(updating\) {2}scaling 2-6 {2}replicas 1$/m,
    );
    expect(run.stdout).toMatch(/^baseten +baseten:yqv4yjw@qvv0xeq +yqv4yjw +qvv0xeq +ready \(ACTIVE\) +1-4 +2 /m);
    expect(run.stdout).toMatch(/^together +together:endpoint-d23901de-ef8f-44bf-b3e7-de9c1ca8f2d7 +meta-llama\/Llama-3-8b-chat-hf /m);
    expect(run.stdout).toMatch(/^after {3}deepinfra:fkj843kjh8 {2}status ready \(running\) {2}scaling 1-2 {2}replicas 1$/m);
    // The mock accepts the write; it still answers every read with its example (see the README).
    expect(run.stdout).toMatch(/^~ {2}deepinfra:fkj843kjh8 +scaling 1-2 → 0-4$/m);
    expect(run.stdout).toMatch(/^applied {2}deepinfra:fkj843kjh8 +scaling 1-2 → 0-4$/m);
    expect(run.stdout).toContain("Apply: 1 applied, 1 no-op.");
    const urls = mockUrls(run.stdout);
    expect(urls).toHaveLength(PROVIDER_IDS.length);
    for (const url of urls) expect(await isClosed(url)).toBe(true);

    // The root README shows this run's output: every line of it must still be what the demo prints.
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const shown = /\n## Command line\n[^#]*?\n```\n(\$ modelfleet ls\n[\s\S]*?)```\n/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    expect(run.stdout).toContain(shown);
  });

  it("Ctrl-C (SIGINT) stops the mocks and the demo", async () => {
    let sent = false;
    const run = await runDemo((stdout, child) => {
      // As soon as the mocks are up and the first command is running.
      if (!sent && stdout.includes("$ modelfleet providers")) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain("SIGINT: stopping the mock providers");
    const urls = mockUrls(run.stdout);
    expect(urls).toHaveLength(PROVIDER_IDS.length);
    for (const url of urls) expect(await isClosed(url)).toBe(true);
  });
});
