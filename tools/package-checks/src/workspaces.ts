import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

/** The fields of a package.json the checks read. */
export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  type?: string;
  main?: string;
  module?: string;
  types?: string;
  bin?: string | Record<string, string>;
  files?: string[];
  exports?: unknown;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  publishConfig?: Record<string, unknown>;
  workspaces?: string[];
}

/** One npm workspace of the repository. */
export interface Workspace {
  /** Absolute directory. */
  dir: string;
  /** Directory relative to the repository root, with forward slashes (`packages/sieve`). */
  path: string;
  manifest: PackageManifest;
}

/** Nearest directory at or above `from` whose package.json declares `workspaces`. */
export async function findRepoRoot(from: string): Promise<string> {
  let dir = resolve(from);
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file)) {
      const manifest = JSON.parse(await readFile(file, "utf8")) as PackageManifest;
      if (Array.isArray(manifest.workspaces)) return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json with "workspaces" at or above ${from}`);
    dir = parent;
  }
}

export async function readManifest(dir: string): Promise<PackageManifest> {
  return JSON.parse(await readFile(join(dir, "package.json"), "utf8")) as PackageManifest;
}

/**
 * Every workspace the root package.json declares, sorted by path. Only the two pattern shapes this repository
 * uses are supported (`dir/*` and a plain `dir`); anything else is an error rather than a silent skip, so a new
 * pattern can never hide a package from the release gates.
 */
export async function listWorkspaces(root: string): Promise<Workspace[]> {
  const rootManifest = await readManifest(root);
  const dirs: string[] = [];
  for (const pattern of rootManifest.workspaces ?? []) {
    if (pattern.endsWith("/*") && !pattern.slice(0, -2).includes("*")) {
      const parent = pattern.slice(0, -2);
      const names = await readdir(join(root, parent)).catch(() => [] as string[]);
      for (const name of names) {
        if (existsSync(join(root, parent, name, "package.json"))) dirs.push(`${parent}/${name}`);
      }
    } else if (!pattern.includes("*")) {
      if (existsSync(join(root, pattern, "package.json"))) dirs.push(pattern);
    } else {
      throw new Error(`unsupported workspaces pattern ${JSON.stringify(pattern)} in ${join(root, "package.json")}`);
    }
  }
  dirs.sort();
  return Promise.all(dirs.map(async (path) => ({ dir: join(root, path), path, manifest: await readManifest(join(root, path)) })));
}

/** The workspaces that are published to npm: every one not marked `private`. */
export async function listPublishable(root: string): Promise<Workspace[]> {
  return (await listWorkspaces(root)).filter((w) => w.manifest.private !== true);
}

/** A command-line tool rather than a library: it has a `bin`, is ESM-only, and is not size-budgeted. */
export function isTool(manifest: PackageManifest): boolean {
  return manifest.bin !== undefined;
}
