#!/usr/bin/env node
// `npm run test:e2e`: the release as a maintainer runs it and the packages as a user meets them. Snapshot the
// working tree into a temporary git repository, start Verdaccio on loopback, `changeset version`, `npm run release`
// into it, then install packages alone into fresh projects outside the repository and use them from TypeScript.
// Everything lives in one temporary directory, removed at the end (kept with MODELFLEET_E2E_KEEP=1).
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { listPublishable } from "@modelfleet/package-checks";
import { runConsumer } from "./consumer.js";
import type { Lockfile } from "./dependencies.js";
import { exec } from "./exec.js";
import { API_KEY, startFakeApi } from "./fake-api.js";
import { registryOnlyEnv, withoutNpmConfig } from "./npm-env.js";
import { versionAndPublish } from "./release.js";
import { scenarios } from "./scenarios.js";
import { GIT_IDENTITY, snapshotRepository } from "./snapshot.js";
import { seconds, stepper } from "./steps.js";
import { startVerdaccio } from "./verdaccio.js";
import { checkWorkspaceBins } from "./workspace-bins.js";

const start = performance.now();
const step = stepper(start);
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const keep = process.env.MODELFLEET_E2E_KEEP === "1";
const cleanups: Array<() => Promise<void>> = [];

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    await cleanup().catch((error: unknown) => process.stderr.write(`[e2e] cleanup failed: ${String(error)}\n`));
  }
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    process.stderr.write(`[e2e] ${signal}: cleaning up\n`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), "modelfleet-e2e-"));
  cleanups.push(async () => {
    if (keep) process.stdout.write(`[e2e] kept ${work}\n`);
    else await rm(work, { recursive: true, force: true });
  });
  const snapshot = join(work, "repo");
  const userEnv = withoutNpmConfig(process.env);

  await step(`snapshot the working tree into ${snapshot}`, () => snapshotRepository(repoRoot, snapshot));
  await step("npm ci in the snapshot", () =>
    exec("npm", ["ci", "--no-audit", "--no-fund", "--prefer-offline"], { cwd: snapshot, env: userEnv }),
  );

  const uplink = (await exec("npm", ["config", "get", "registry"], { cwd: snapshot, env: userEnv })).stdout.trim();
  const registry = await step(`start Verdaccio (uplink ${uplink})`, async () => {
    const started = await startVerdaccio(join(work, "registry"), uplink);
    cleanups.push(async () => {
      await started.stop();
    });
    return started;
  });
  process.stdout.write(`[e2e] registry ${registry.url}\n`);

  await mkdir(join(work, "npm"));
  const env = {
    ...(await registryOnlyEnv(join(work, "npm"), registry.url)),
    ...GIT_IDENTITY,
    CI: "true",
    TURBO_TELEMETRY_DISABLED: "1",
  };
  try {
    const published = await versionAndPublish(snapshot, env, step);
    // The snapshot was installed before anything was built, as a fresh clone is: its workspace bins must still work.
    await step("npx modelfleet-codegen --help and npx modelfleet --help in the built snapshot", () =>
      checkWorkspaceBins(snapshot, userEnv),
    );
    const manifests = new Map((await listPublishable(snapshot)).map((w) => [w.manifest.name, w.manifest]));
    const lock = JSON.parse(await readFile(join(snapshot, "package-lock.json"), "utf8")) as Lockfile;
    const api = await startFakeApi();
    cleanups.push(() => api.close());
    const context = { workDir: work, repoRoot, env, published, manifests, lock, apiUrl: api.url, apiKey: API_KEY, step };
    for (const scenario of scenarios(published)) {
      if (scenario.kind === "library" && !existsSync(join(repoRoot, "tools", "e2e", "consumers", scenario.fixture))) {
        throw new Error(`no consumer fixture for ${scenario.packageName}`);
      }
      await runConsumer(scenario, context);
    }
  } catch (error) {
    const log = await readFile(registry.logFile, "utf8").catch(() => "");
    if (log.trim()) process.stderr.write(`[e2e] Verdaccio log:\n${log.split("\n").slice(-40).join("\n")}\n`);
    throw error;
  }
}

main()
  .then(
    () => process.stdout.write(`[e2e] passed in ${seconds(performance.now() - start)}\n`),
    (error: unknown) => {
      process.stderr.write(
        `[e2e] FAILED after ${seconds(performance.now() - start)}:\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exitCode = 1;
    },
  )
  .finally(cleanUp);
