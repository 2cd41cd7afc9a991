#!/usr/bin/env node
// The release gate of one package, run by `turbo run check:package` in the package's directory after its build.
import { rmSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clientShapesFrom } from "./client-shape.js";
import { checkDeclaredDependencies, findImports } from "./declared-deps.js";
import { runAttw, runPublint } from "./lint.js";
import { checkManifest } from "./manifest.js";
import { checkPackedFiles, copyPacked, npmPack } from "./pack.js";
import { budgetFor, checkBundles, checkSize, formatBundles, formatSize, measure, measureBundles } from "./size.js";
import { readManifest } from "./workspaces.js";

async function main(): Promise<number> {
  const dir = process.cwd();
  const manifest = await readManifest(dir);
  if (manifest.private === true) {
    process.stderr.write(`${manifest.name} is private: it is never published, so there is nothing to check\n`);
    return 1;
  }
  const scratch = await mkdtemp(join(tmpdir(), "modelfleet-check-"));
  // turbo stops the other tasks when one fails: leave no packed copy behind then either.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      rmSync(scratch, { recursive: true, force: true });
      process.exit(128 + (signal === "SIGINT" ? 2 : 15));
    });
  }
  try {
    const packed = await npmPack(dir, scratch);
    const unpacked = join(scratch, "package");
    await copyPacked(dir, packed.files, unpacked);
    const budget = budgetFor(manifest, clientShapesFrom(dir, manifest.name));
    // Every check starts at once; one that throws becomes its own failure (caught here, where it is created, so that
    // it can never surface as an unhandled rejection while an earlier one is awaited).
    const settle = (run: () => string[] | Promise<string[]>) =>
      Promise.resolve()
        .then(run)
        .catch((error: unknown) => [`the check itself failed: ${error instanceof Error ? error.message : String(error)}`]);
    let sizeLine = "not measured: a command-line tool";
    let bundleLines: string[] = [];
    const sections: Array<[string, Promise<string[]>]> = [
      ["package.json", settle(() => checkManifest(manifest))],
      [`packed files (${packed.files.length})`, settle(() => checkPackedFiles(manifest, packed.files))],
      ["declared dependencies", settle(async () => checkDeclaredDependencies(manifest, await findImports(unpacked, packed.files)))],
      ["publint", settle(() => runPublint(packed.tarball))],
      ["arethetypeswrong", settle(() => runAttw(packed.tarball, manifest))],
    ];
    if (budget) {
      const sized = measure(dir, manifest).then(
        (report) => {
          sizeLine = formatSize(budget, report);
          return checkSize(budget, report);
        },
        (error: unknown) => {
          sizeLine = "not measured: the ESM entry does not bundle";
          return [`cannot bundle the ESM entry: ${error instanceof Error ? error.message : String(error)}`];
        },
      );
      sections.push(["size", sized]);
      if (budget.bundles?.length) {
        const bundles = budget.bundles;
        sections.push([
          `bundles (${bundles.length})`,
          settle(async () => {
            const measured = await measureBundles(dir, bundles);
            bundleLines = formatBundles(measured);
            return checkBundles(measured);
          }),
        ]);
      }
    }
    let failed = 0;
    for (const [name, pending] of sections) {
      const problems = await pending;
      process.stdout.write(`${problems.length === 0 ? "ok  " : "FAIL"} ${name}\n`);
      for (const problem of problems) process.stdout.write(`     ${problem.replaceAll("\n", "\n     ")}\n`);
      if (problems.length > 0) failed += 1;
    }
    process.stdout.write(`size: ${sizeLine}\n`);
    for (const line of bundleLines) process.stdout.write(`size: ${line}\n`);
    if (failed > 0) process.stderr.write(`${manifest.name}: ${failed} check(s) failed\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`check:package: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
