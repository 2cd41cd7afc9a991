// A scratch copy of the repository to follow a contributor path in, made cheaply: the files git knows (committed or
// new, not ignored), the `dist/` folders already built, and a node_modules that is a folder of links into the real one,
// except that workspace links point into the copy (so a package rebuilt there is the one its dependents load).
import { execFile } from "node:child_process";
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const exec = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The repository's own tools, run with this Node by path, so nothing depends on PATH or a global install. */
export const BIN = {
  biome: join(REPO_ROOT, "node_modules", "@biomejs", "biome", "bin", "biome"),
  redocly: join(REPO_ROOT, "node_modules", "@redocly", "cli", "bin", "cli.js"),
  tsc: join(REPO_ROOT, "node_modules", "typescript-native", "bin", "tsc"),
  tsup: join(REPO_ROOT, "node_modules", "tsup", "dist", "cli-default.js"),
  vitest: join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs"),
};

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertion messages. */
  output: string;
}

/** Runs a command to completion and reports its exit code and output, never throwing. No time limit: see vitest.config.ts. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      command,
      args,
      { cwd, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ code, stdout: String(stdout), stderr: String(stderr), output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Runs `node <script> ...args` in `cwd`. */
export const node = (script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  run(process.execPath, [script, ...args], cwd, env);

/** Whether `path` lies inside `dir`. */
function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith("..") && !isAbsolute(rel);
}

/**
 * Links `to/<entry>` to `from/<entry>` for every entry of the real `from` node_modules folder; a workspace link
 * (one resolving inside the repository but outside node_modules) points at the same workspace inside `root` instead.
 * A scope folder holding workspace links (`@modelfleet`) becomes a folder of links itself.
 */
async function linkNodeModules(from: string, to: string, root: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const modules = join(REPO_ROOT, "node_modules");
  for (const entry of await readdir(from)) {
    // Caches a run writes (node_modules/.cache, .vite) stay in the copy.
    if (entry === ".cache" || entry === ".vite" || entry === ".vite-temp") continue;
    const source = join(from, entry);
    const stat = await lstat(source);
    if (stat.isSymbolicLink()) {
      const target = await realpath(source);
      const workspace = isInside(target, REPO_ROOT) && !isInside(target, modules);
      await symlink(workspace ? join(root, relative(REPO_ROOT, target)) : target, join(to, entry), "dir");
    } else if (entry.startsWith("@") && stat.isDirectory() && (await holdsWorkspaceLinks(source))) {
      await linkNodeModules(source, join(to, entry), root);
    } else {
      await symlink(source, join(to, entry), "dir");
    }
  }
}

async function holdsWorkspaceLinks(scope: string): Promise<boolean> {
  for (const entry of await readdir(scope, { withFileTypes: true })) {
    if (entry.isSymbolicLink() && !(await readlink(join(scope, entry.name))).includes("node_modules")) return true;
  }
  return false;
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The folders (relative to the root) of the workspaces this one depends on, directly or not. */
async function builtBeforeUs(): Promise<string[]> {
  const byName = new Map<string, { dir: string; manifest: Manifest }>();
  for (const group of ["packages", "tools"]) {
    for (const name of await readdir(join(REPO_ROOT, group))) {
      const text = await readFile(join(REPO_ROOT, group, name, "package.json"), "utf8").catch(() => null);
      if (text === null) continue;
      const manifest = JSON.parse(text) as Manifest;
      byName.set(manifest.name, { dir: join(group, name), manifest });
    }
  }
  const own = JSON.parse(await readFile(join(REPO_ROOT, "tools", "contributing", "package.json"), "utf8")) as Manifest;
  const found = new Set<string>();
  const visit = (manifest: Manifest) => {
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
      const workspace = byName.get(name);
      if (!workspace || found.has(workspace.dir)) continue;
      found.add(workspace.dir);
      visit(workspace.manifest);
    }
  };
  visit(own);
  return [...found];
}

/** A scratch copy of the repository in a new temporary directory; remove it with {@link removeScratch}. */
export async function scratchRepository(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "modelfleet-contributing-"));
  const listed = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const files = listed.stdout.split("\0").filter(Boolean);
  for (const file of files) {
    // A file deleted in the working tree but still in the index is left out, as a clone of that tree would be.
    await cp(join(REPO_ROOT, file), join(root, file)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
  }
  // The builds this workspace's turbo task waits for (its dependencies' and theirs), as the build left them: only what
  // the change touches is rebuilt in the copy. Other workspaces' builds may be running while the suite runs, so they are
  // left alone.
  for (const dir of await builtBeforeUs()) {
    const dist = join(REPO_ROOT, dir, "dist");
    if (await lstat(dist).catch(() => null)) await cp(dist, join(root, dir, "dist"), { recursive: true });
  }
  await linkNodeModules(join(REPO_ROOT, "node_modules"), join(root, "node_modules"), root);
  return root;
}

export const removeScratch = (root: string | undefined) => (root ? rm(root, { recursive: true, force: true }) : Promise.resolve());
