import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { generatorIdentity } from "./generator-identity.js";
import { checkPackageId } from "./package-id.js";
import { outputsIntact, readEntry, sha256, writeEntry } from "./skip-cache.js";
import { type OutputReport, syncDirectory, writeMissing } from "./write-output.js";

export interface GenerateOptions {
  /** Repository root: holds `specs/` and `packages/`. */
  root: string;
  /** Spec files to generate; default: every `*.yaml`, `*.yml` and `*.json` in `specs/`. */
  specs?: string[];
  /** Write nothing; report what is stale. */
  check?: boolean;
  /** Where relative spec paths in diagnostics are shown from; default the root. */
  cwd?: string;
  /** Regenerate even when the spec, the generator and the files on disk are unchanged. */
  force?: boolean;
}

export interface SpecResult {
  spec: string;
  packageDir?: string;
  diagnostics: Diagnostic[];
  output?: OutputReport;
  scaffolded: string[];
  /** True when nothing was regenerated: same spec bytes, same generator, generated files intact on disk. */
  skipped: boolean;
}

/**
 * Generates (or checks) every requested spec in one process, sharing one loaded TypeScript and Redocly.
 * A spec with errors is reported in full and its package is left untouched; the others still generate.
 * A spec whose bytes, generator and outputs are all unchanged is skipped without loading either.
 */
export async function generate(options: GenerateOptions): Promise<SpecResult[]> {
  const root = resolve(options.root);
  const cwd = options.cwd ?? root;
  const specs = options.specs?.length ? options.specs.map((s) => resolve(cwd, s)) : await findSpecs(join(root, "specs"));
  const results: SpecResult[] = [];
  for (const absolute of specs) {
    results.push(await generateOne(root, cwd, absolute, options.check === true, options.force === true));
  }
  return results;
}

async function generateOne(root: string, cwd: string, absolute: string, check: boolean, force: boolean): Promise<SpecResult> {
  const shown = relative(cwd, absolute) || absolute;
  const id = basename(absolute, extname(absolute));
  const packageDir = join(root, "packages", id);
  const generatedDir = join(packageDir, "src", "generated");
  const result: SpecResult = { spec: shown, diagnostics: [], scaffolded: [], skipped: false };
  const badId = checkPackageId(id, shown);
  if (badId) {
    result.diagnostics = [badId];
    return result;
  }

  const text = await readFile(absolute).catch(() => undefined);
  const specSha256 = text ? sha256(text) : undefined;
  const generator = await generatorIdentity();
  if (specSha256 && !force) {
    const entry = await readEntry(root, absolute, packageDir);
    if (
      entry &&
      entry.specSha256 === specSha256 &&
      entry.generator === generator &&
      (await outputsIntact(packageDir, generatedDir, entry))
    ) {
      const files = Object.keys(entry.files).sort();
      result.skipped = true;
      result.packageDir = relative(root, packageDir);
      result.diagnostics = entry.diagnostics.map((d) => ({ ...d, file: shown }));
      result.output = { written: [], unchanged: files.map((f) => relative(root, join(generatedDir, f))), removed: [], stale: [] };
      return result;
    }
  }

  // Loaded on first need only: a run where every spec is skipped never loads TypeScript, openapi-typescript or Redocly.
  const { runPipeline } = await import("./pipeline.js");
  const { scaffoldFiles } = await import("./scaffold.js");
  const { operationsSection, syncOperationsSection } = await import("./readme-operations.js");
  const run = await runPipeline(root, shown, absolute, id);
  result.diagnostics = run.diagnostics;
  if (!run.files || !run.model) return result;

  result.packageDir = relative(root, packageDir);
  // The fleet adapter skeleton belongs to a new package only: an existing one's adapter is its maintainers', laid out
  // as they chose, and is never re-created next to it.
  const newPackage = !existsSync(join(packageDir, "package.json"));
  const license = await readFile(join(root, "LICENSE"), "utf8").catch(() => undefined);
  const operations = operationsSection(run.model, relative(root, absolute).replaceAll("\\", "/"));
  const scaffold = scaffoldFiles(run.model, {
    runtimeVersion: await readRuntimeVersion(root),
    license,
    operations,
    fleetSkeleton: newPackage,
  });
  if (!check) result.scaffolded = await writeMissing(packageDir, scaffold, root);
  result.output = await syncDirectory(generatedDir, run.files, { check, root });
  const readme = await syncOperationsSection(join(packageDir, "README.md"), operations, { check, root });
  result.output.written.push(...readme.written);
  result.output.unchanged.push(...readme.unchanged);
  result.output.stale.push(...readme.stale);
  if (specSha256) {
    await writeEntry(root, absolute, packageDir, {
      version: 1,
      specSha256,
      generator,
      files: Object.fromEntries(Object.entries(run.files).map(([name, contents]) => [name, sha256(contents)])),
      scaffold: Object.keys(scaffold),
      readmeSection: sha256(operations),
      diagnostics: run.diagnostics.map(({ file: _file, ...rest }) => rest),
    });
  }
  return result;
}

async function findSpecs(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return names
    .filter((n) => /\.(ya?ml|json)$/.test(n))
    .sort()
    .map((n) => join(dir, n));
}

async function readRuntimeVersion(root: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(join(root, "packages", "runtime", "package.json"), "utf8")) as { version?: string };
    return pkg.version ?? "0.1.0";
  } catch {
    return "0.1.0";
  }
}

/** Nearest directory at or above `from` that holds a `specs/` directory. */
export async function findRoot(from: string): Promise<string | undefined> {
  let dir = resolve(from);
  for (;;) {
    const isDir = await stat(join(dir, "specs")).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (isDir) return dir;
    const parent = resolve(dir, "..");
    if (parent === dir) return undefined;
    dir = parent;
  }
}
