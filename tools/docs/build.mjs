#!/usr/bin/env node
// `npm run docs`: the API reference of every published library into docs/api/ (static HTML). Each package is
// converted by TypeDoc on its own (its tsconfig, its entry points from package.json exports, its README), then the
// projects are merged into one site. Any warning fails the build: a broken doc comment, a link that does not
// resolve, a type the docs reference but no entry point exports.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { findRepoRoot, listPublishable } from "@modelfleet/package-checks";
import { Application, LogLevel } from "typedoc";
import { docEntryPoints } from "./entry-points.mjs";

const root = await findRepoRoot(dirname(fileURLToPath(import.meta.url)));
const out = resolve(root, "docs", "api");

/** Options every conversion shares: the strict part of the build. */
const strict = {
  logLevel: LogLevel.Warn,
  treatWarningsAsErrors: true,
  treatValidationWarningsAsErrors: true,
  validation: { notExported: true, invalidLink: true, rewrittenLink: true, notDocumented: false },
  excludePrivate: true,
  excludeInternal: true,
  // Source links need the repository's public URL, which the owners have not set yet (see CONTRIBUTING.md).
  disableSources: true,
};

/** Names of the conversions TypeDoc complained about; every package is still converted, so one run shows all. */
const failed = [];

/** Records a failure when TypeDoc logged an error or, since warnings are errors here, a warning. */
function clean(app, what) {
  if (!app.logger.hasErrors() && !app.logger.hasWarnings()) return true;
  failed.push(`${what}: ${app.logger.errorCount} error(s), ${app.logger.warningCount} warning(s)`);
  return false;
}

/** Converts one package into TypeDoc's JSON model at `jsonFile`; false when TypeDoc complained. */
async function convertPackage(workspace, jsonFile) {
  const entryPoints = docEntryPoints(workspace.dir, workspace.manifest);
  const app = await Application.bootstrapWithPlugins({
    ...strict,
    name: workspace.manifest.name,
    entryPoints,
    entryPointStrategy: "resolve",
    tsconfig: join(workspace.dir, "tsconfig.json"),
    readme: join(workspace.dir, "README.md"),
  });
  const project = await app.convert();
  if (!project) return clean(app, workspace.manifest.name) && false;
  // Checks references to unexported types and links that do not resolve (`validation` above).
  app.validate(project);
  if (!clean(app, workspace.manifest.name)) return false;
  await app.generateJson(project, jsonFile);
  return clean(app, workspace.manifest.name);
}

async function main() {
  const libraries = (await listPublishable(root)).filter((w) => docEntryPoints(w.dir, w.manifest).length > 0);
  const scratch = await mkdtemp(join(tmpdir(), "modelfleet-docs-"));
  try {
    const jsonFiles = [];
    for (const workspace of libraries) {
      const jsonFile = join(scratch, `${workspace.path.replaceAll("/", "-")}.json`);
      process.stdout.write(`docs: ${workspace.manifest.name}\n`);
      if (await convertPackage(workspace, jsonFile)) jsonFiles.push(jsonFile);
    }
    if (failed.length > 0) throw new Error(`the API reference has problems (above):\n  ${failed.join("\n  ")}`);
    const app = await Application.bootstrapWithPlugins({
      ...strict,
      name: "modelfleet",
      entryPoints: jsonFiles,
      entryPointStrategy: "merge",
      readme: join(root, "tools", "docs", "index.md"),
      out,
    });
    const project = await app.convert();
    if (project) app.validate(project);
    if (!project || !clean(app, "merged reference")) throw new Error(`the API reference has problems (above):\n  ${failed.join("\n  ")}`);
    await app.generateDocs(project, out);
    if (!clean(app, "merged reference")) throw new Error(`the API reference has problems (above):\n  ${failed.join("\n  ")}`);
    process.stdout.write(`docs: ${libraries.length} packages -> ${out}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`docs: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
