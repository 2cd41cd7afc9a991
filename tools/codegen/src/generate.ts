import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join, relative, resolve } from "node:path";
import { type Diagnostic, SpecDiagnosticsError, sortDiagnostics } from "./diagnostics.js";
import { emitClient } from "./emit-client.js";
import { emitIndex } from "./emit-index.js";
import { emitProvider } from "./emit-provider.js";
import { emitSchema } from "./emit-schema.js";
import { generatedHeader } from "./header.js";
import { loadSpec } from "./load-spec.js";
import { buildModel } from "./model.js";
import { scaffoldFiles } from "./scaffold.js";
import { validateSpec } from "./validate-spec.js";
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
}

export interface SpecResult {
  spec: string;
  packageDir?: string;
  diagnostics: Diagnostic[];
  output?: OutputReport;
  scaffolded: string[];
}

/** Files in `src/generated/`, in the order they are written. */
const GENERATED_FILES = ["schema.ts", "provider.ts", "client.ts", "index.ts"] as const;

/**
 * Generates (or checks) every requested spec in one process, sharing one loaded TypeScript and Redocly.
 * A spec with errors is reported in full and its package is left untouched; the others still generate.
 */
export async function generate(options: GenerateOptions): Promise<SpecResult[]> {
  const root = resolve(options.root);
  const cwd = options.cwd ?? root;
  const specs = options.specs?.length ? options.specs.map((s) => resolve(cwd, s)) : await findSpecs(join(root, "specs"));
  const results: SpecResult[] = [];
  for (const absolute of specs) {
    results.push(await generateOne(root, cwd, absolute, options.check === true));
  }
  return results;
}

async function generateOne(root: string, cwd: string, absolute: string, check: boolean): Promise<SpecResult> {
  const shown = relative(cwd, absolute) || absolute;
  const id = basename(absolute, extname(absolute));
  const result: SpecResult = { spec: shown, diagnostics: [], scaffolded: [] };
  try {
    const spec = await loadSpec(shown, absolute);
    const lint = await validateSpec(spec);
    const errors = lint.filter((d) => d.severity === "error");
    const { model, diagnostics } = errors.length ? { model: undefined, diagnostics: [] } : buildModel(spec, id);
    result.diagnostics = sortDiagnostics([...lint, ...diagnostics]);
    if (!model || result.diagnostics.some((d) => d.severity === "error")) return result;

    const header = generatedHeader(relative(root, absolute).split("\\").join("/"), spec.sha256);
    const files: Record<string, string> = {};
    const bodies: Record<(typeof GENERATED_FILES)[number], string> = {
      "schema.ts": await emitSchema(spec, model),
      "provider.ts": emitProvider(model),
      "client.ts": emitClient(model),
      "index.ts": emitIndex(model),
    };
    for (const name of GENERATED_FILES) files[name] = `${header}\n${bodies[name]}`;

    const packageDir = join(root, "packages", id);
    result.packageDir = relative(root, packageDir);
    if (!check) {
      const runtimeVersion = await readRuntimeVersion(root);
      result.scaffolded = await writeMissing(packageDir, scaffoldFiles(model, runtimeVersion), root);
    }
    result.output = await syncDirectory(join(packageDir, "src", "generated"), files, { check, root });
  } catch (error) {
    if (error instanceof SpecDiagnosticsError) result.diagnostics = sortDiagnostics(error.diagnostics);
    else throw error;
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
