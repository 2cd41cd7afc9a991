import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { SIDECAR_SUFFIX } from "../import/sidecar-name.js";
import { generatorIdentity } from "./generator-identity.js";
import { type LintIgnore, readLintIgnore } from "./lint-ignore.js";
import { checkPackageId } from "./package-id.js";
import type { SpecFiles } from "./scaffold.js";
import { outputsIntact, readEntry, referencesIntact, sha256, writeEntry } from "./skip-cache.js";
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
  /**
   * The files the spec references through `$ref`, relative to the repository root (present once the spec was read
   * far enough to know them, even when one of them is missing or does not parse).
   */
  references?: string[];
}

/**
 * Generates (or checks) every requested spec in one process, sharing one loaded TypeScript and Redocly.
 * A spec with errors is reported in full and its package is left untouched; the others still generate.
 * A spec whose bytes, generator and outputs are all unchanged is skipped without loading either.
 */
export async function generate(options: GenerateOptions): Promise<SpecResult[]> {
  const root = resolve(options.root);
  const cwd = options.cwd ?? root;
  const specs = options.specs?.length
    ? [...new Set(await Promise.all(options.specs.map((s) => specEntry(resolve(cwd, s)))))]
    : await findSpecs(join(root, "specs"));
  const ignore = await readLintIgnore(root);
  const results: SpecResult[] = [];
  for (const absolute of specs) {
    results.push(await generateOne(root, cwd, absolute, ignore, options.check === true, options.force === true));
  }
  return results;
}

async function generateOne(
  root: string,
  cwd: string,
  absolute: string,
  ignore: LintIgnore,
  check: boolean,
  force: boolean,
): Promise<SpecResult> {
  const shown = relative(cwd, absolute) || absolute;
  const id = specId(absolute);
  const packageDir = join(root, "packages", id);
  const generatedDir = join(packageDir, "src", "generated");
  const result: SpecResult = { spec: shown, diagnostics: [], scaffolded: [], skipped: false };
  const badId = checkPackageId(id, shown);
  if (badId) {
    result.diagnostics = [badId];
    return result;
  }

  const text = await readInputs(absolute);
  const specSha256 = text ? sha256(text) : undefined;
  const generator = await generatorIdentity();
  if (specSha256 && !force) {
    const entry = await readEntry(root, absolute, packageDir);
    if (
      entry &&
      entry.specSha256 === specSha256 &&
      entry.generator === generator &&
      entry.lintIgnore === ignore.fingerprint &&
      (await referencesIntact(root, entry)) &&
      (await outputsIntact(packageDir, generatedDir, entry))
    ) {
      const files = Object.keys(entry.files).sort();
      result.skipped = true;
      result.packageDir = relative(root, packageDir);
      result.diagnostics = entry.diagnostics.map((d) => ({ ...d, file: d.file ?? shown }));
      if (entry.references) result.references = Object.keys(entry.references);
      result.diagnostics.push(...(await turboInputsMissing(root, packageDir, result.references ?? [])));
      result.output = { written: [], unchanged: files.map((f) => relative(root, join(generatedDir, f))), removed: [], stale: [] };
      return result;
    }
  }

  // Loaded on first need only: a run where every spec is skipped never loads TypeScript, openapi-typescript or Redocly.
  const { runPipeline } = await import("./pipeline.js");
  const { scaffoldFiles } = await import("./scaffold.js");
  const { operationsSection, syncOperationsSection } = await import("./readme-operations.js");
  const run = await runPipeline(root, shown, absolute, id);
  // The ignore file names files relative to the root, with `/`; a diagnostic names its file as shown from `cwd`.
  const rootRelative = (file: string | undefined) =>
    relative(root, file === undefined || file === shown ? absolute : resolve(cwd, file)).replaceAll("\\", "/");
  const diagnostics = run.diagnostics.filter((d) => !ignore.covers(rootRelative(d.file), d));
  result.diagnostics = diagnostics;
  if (run.references) result.references = run.references.map((r) => r.path);
  if (!run.files || !run.model) return result;

  result.packageDir = relative(root, packageDir);
  // The fleet adapter skeleton belongs to a new package only: an existing one's adapter is its maintainers', laid out
  // as they chose, and is never re-created next to it.
  const newPackage = !existsSync(join(packageDir, "package.json"));
  const license = await readFile(join(root, "LICENSE"), "utf8").catch(() => undefined);
  const operations = operationsSection(run.model, relative(root, absolute).replaceAll("\\", "/"));
  const scaffold = scaffoldFiles(run.model, {
    specs: { ...(await specFiles(absolute)), references: run.references?.map((r) => r.path) },
    runtimeVersion: await readRuntimeVersion(root),
    license,
    operations,
    fleetSkeleton: newPackage,
  });
  if (!check) result.scaffolded = await writeMissing(packageDir, scaffold, root);
  // Read on every run, skipped or not: turbo.json is the maintainers' and may change between runs.
  result.diagnostics = [...result.diagnostics, ...(await turboInputsMissing(root, packageDir, result.references ?? []))];
  result.output = await syncDirectory(generatedDir, run.files, { check, root });
  const readme = await syncOperationsSection(join(packageDir, "README.md"), operations, { check, root });
  result.output.written.push(...readme.written);
  result.output.unchanged.push(...readme.unchanged);
  result.output.stale.push(...readme.stale);
  if (specSha256) {
    await writeEntry(root, absolute, packageDir, {
      version: 1,
      specSha256,
      ...(run.references?.length ? { references: Object.fromEntries(run.references.map((r) => [r.path, r.sha256 ?? ""])) } : {}),
      generator,
      lintIgnore: ignore.fingerprint,
      files: Object.fromEntries(Object.entries(run.files).map(([name, contents]) => [name, sha256(contents)])),
      scaffold: Object.keys(scaffold),
      readmeSection: sha256(operations),
      // A warning in the spec is replayed at the spec as it is shown then; one in a referenced file keeps its file.
      diagnostics: diagnostics.map(({ file, ...rest }) => (file === shown ? rest : { ...rest, file })),
    });
  }
  return result;
}

/**
 * Warnings when a turbo.json does not list a referenced file among a task's inputs: turbo would then replay the
 * cached task after that file changed. Checked: the package's `generate` (a new package's turbo.json lists them from
 * the start) and the repository's `//#check:generated`, the drift check `npm test` runs.
 */
async function turboInputsMissing(root: string, packageDir: string, references: string[]): Promise<Diagnostic[]> {
  if (references.length === 0) return [];
  const found = await Promise.all([
    missingInputs(root, join(packageDir, "turbo.json"), "generate", references, {
      where: "tasks.generate.inputs (and tasks.test.inputs)",
      prefix: "$TURBO_ROOT$/",
      // Without its own definition the package inherits one that hashes only the package's files.
      inherited: true,
    }),
    missingInputs(root, join(root, "turbo.json"), "//#check:generated", references, {
      where: 'tasks["//#check:generated"].inputs',
      prefix: "",
      inherited: false,
    }),
  ]);
  return found.filter((d): d is Diagnostic => d !== undefined);
}

async function missingInputs(
  root: string,
  file: string,
  task: string,
  references: string[],
  fix: { where: string; prefix: string; inherited: boolean },
): Promise<Diagnostic | undefined> {
  const text = await readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  let definition: { inputs?: unknown } | undefined;
  try {
    definition = (JSON.parse(text) as { tasks?: Record<string, { inputs?: unknown } | undefined> }).tasks?.[task];
  } catch {
    return undefined;
  }
  // A repository without the drift-check task has nothing to keep in step; a task without an inputs list hashes only
  // its own package's files, which a referenced file is not among.
  if (definition === undefined && !fix.inherited) return undefined;
  const inputs = Array.isArray(definition?.inputs) ? (definition?.inputs as unknown[]) : [];
  const listed = inputs.filter((i): i is string => typeof i === "string").map((i) => i.replace(/^\$TURBO_ROOT\$\//, ""));
  const covers = (path: string) =>
    listed.some((pattern) => pattern === path || (pattern.endsWith("/**") && path.startsWith(pattern.slice(0, -2))));
  const missing = references.filter((path) => !covers(path));
  if (missing.length === 0) return undefined;
  return {
    severity: "warning",
    code: "modelfleet/turbo-inputs",
    message: `turbo.json does not list ${missing.join(", ")} among the inputs of its ${task} task`,
    file: relative(root, file).split("\\").join("/"),
    help: `add ${missing.map((m) => JSON.stringify(`${fix.prefix}${m}`)).join(", ")} to ${fix.where}, or turbo replays a cached ${task} after they change`,
  };
}

/**
 * Every spec of `specs/`: our own YAML or JSON specs, and each imported vendor document through its sidecar
 * (`<id>.modelfleet.yaml`), which stands in for the document it names.
 */
export async function findSpecs(dir: string): Promise<string[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.(ya?ml|json)$/.test(n)).sort();
  const sidecars = names.filter((n) => n.endsWith(SIDECAR_SUFFIX));
  const vendored = new Set<string>();
  for (const sidecar of sidecars) {
    const named = sidecarSpecName(await readFile(join(dir, sidecar), "utf8").catch(() => ""));
    if (named) vendored.add(named);
  }
  return names.filter((n) => !vendored.has(n)).map((n) => join(dir, n));
}

/** What `generate` is given for a file of specs/: the file itself, or the sidecar of the vendor document it is. */
export async function specEntry(file: string): Promise<string> {
  if (file.endsWith(SIDECAR_SUFFIX)) return file;
  const dir = dirname(file);
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!name.endsWith(SIDECAR_SUFFIX)) continue;
    if (sidecarSpecName(await readFile(join(dir, name), "utf8").catch(() => "")) === basename(file)) return join(dir, name);
  }
  return file;
}

/** The package id of a spec: its file name without the extension (and without `.modelfleet` for a sidecar). */
export function specId(file: string): string {
  const name = basename(file);
  return name.endsWith(SIDECAR_SUFFIX) ? name.slice(0, -SIDECAR_SUFFIX.length) : basename(name, extname(name));
}

/** The `spec:` line of a sidecar, read without a YAML parser: listing specs stays cheap. */
function sidecarSpecName(text: string): string | undefined {
  return /^spec:\s*["']?([^"'\s#]+)/m.exec(text)?.[1];
}

/** The bytes a spec's output depends on: the spec, or a sidecar and the vendor document it names. */
async function readInputs(absolute: string): Promise<Buffer | undefined> {
  const text = await readFile(absolute).catch(() => undefined);
  if (!text || !absolute.endsWith(SIDECAR_SUFFIX)) return text;
  const named = sidecarSpecName(text.toString("utf8"));
  const vendor = named ? await readFile(join(dirname(absolute), named)).catch(() => undefined) : undefined;
  return vendor ? Buffer.concat([text, Buffer.from("\0"), vendor]) : text;
}

/** The spec file names in specs/ a package's scripts and tests point at. */
async function specFiles(absolute: string): Promise<SpecFiles> {
  const entry = basename(absolute);
  if (!entry.endsWith(SIDECAR_SUFFIX)) return { entry, document: entry, imported: false };
  const named = sidecarSpecName(await readFile(absolute, "utf8"));
  return { entry, document: named ?? entry, imported: true };
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
