import { createHash } from "node:crypto";
import { mkdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { isRecord } from "../openapi/json.js";
import { currentOperationsSection } from "./readme-operations.js";
import { listFiles, writeAtomically } from "./write-output.js";

/**
 * What one generation produced, so that the next run can skip a spec whose inputs and outputs are unchanged.
 * Kept under `node_modules/.cache/modelfleet-codegen/` (never committed): it is a local accelerator, and a missing
 * or stale entry only means a full run.
 */
export interface CacheEntry {
  version: 1;
  specSha256: string;
  /**
   * sha256 of each file the spec references through `$ref` (directly or through another referenced file), by path
   * relative to the repository root: editing one of them regenerates the spec, and `--check` finds it stale.
   */
  references?: Record<string, string>;
  generator: string;
  /**
   * sha256 of the root's `.redocly.lint-ignore.yaml` ("none" without one): it decides which warnings are shown, so a
   * change to it must not replay the old ones. Absent in entries written before it was recorded: a full run.
   */
  lintIgnore?: string;
  /** sha256 of each file the generator writes to `src/generated/`, by name. */
  files: Record<string, string>;
  /** Files the package must have besides `src/generated/` (scaffolding); a missing one means a full run. */
  scaffold: string[];
  /** sha256 of the README's generated operations block (markers included); a README without it means a full run. */
  readmeSection?: string;
  /** Warnings of the run, replayed when skipping so the output is the same either way (`file` only for one in a referenced file). */
  diagnostics: Array<Omit<Diagnostic, "file"> & { file?: string }>;
}

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

function entryPath(root: string, specPath: string, packageDir: string): string {
  return join(root, "node_modules", ".cache", "modelfleet-codegen", `${sha256(`${specPath}\0${packageDir}`).slice(0, 32)}.json`);
}

export async function readEntry(root: string, specPath: string, packageDir: string): Promise<CacheEntry | undefined> {
  try {
    const entry = JSON.parse(await readFile(entryPath(root, specPath, packageDir), "utf8")) as unknown;
    return isRecord(entry) && entry.version === 1 ? (entry as unknown as CacheEntry) : undefined;
  } catch {
    return undefined;
  }
}

export async function writeEntry(root: string, specPath: string, packageDir: string, entry: CacheEntry): Promise<void> {
  const target = entryPath(root, specPath, packageDir);
  try {
    await mkdir(join(target, ".."), { recursive: true });
    await writeAtomically(target, `${JSON.stringify(entry)}\n`);
  } catch {
    // A read-only tree only loses the speed-up.
  }
}

/** True when every file the spec referenced last time still has the recorded bytes. */
export async function referencesIntact(root: string, entry: CacheEntry): Promise<boolean> {
  for (const [path, hash] of Object.entries(entry.references ?? {})) {
    const bytes = await readFile(join(root, path)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== hash) return false;
  }
  return true;
}

/**
 * True when `generatedDir` holds exactly the files of `entry` (no file missing, none extra, every hash equal) and
 * every scaffold file exists, and the README holds the recorded operations block: then the generator would write
 * nothing, and `--check` would find nothing stale.
 */
export async function outputsIntact(packageDir: string, generatedDir: string, entry: CacheEntry): Promise<boolean> {
  const names = await listFiles(generatedDir);
  const expected = Object.keys(entry.files);
  if (names.length !== expected.length || !names.every((n) => Object.hasOwn(entry.files, n))) return false;
  for (const name of names) {
    const bytes = await readFile(join(generatedDir, name)).catch(() => undefined);
    if (!bytes || sha256(bytes) !== entry.files[name]) return false;
  }
  for (const name of entry.scaffold) {
    const present = await stat(join(packageDir, name)).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!present) return false;
  }
  const readme = await readFile(join(packageDir, "README.md"), "utf8").catch(() => "");
  const section = currentOperationsSection(readme);
  return entry.readmeSection !== undefined && section !== undefined && sha256(section) === entry.readmeSection;
}
