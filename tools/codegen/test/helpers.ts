import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const TEST_DIR = dirname(fileURLToPath(import.meta.url));
export const FIXTURES = join(TEST_DIR, "fixtures");
export const CODEGEN_DIR = join(TEST_DIR, "..");
export const REPO_ROOT = join(CODEGEN_DIR, "..", "..");
/** The built binary, for the tests that need a process (signals, module loading, the binary as built). */
export const CLI = join(CODEGEN_DIR, "dist", "cli.js");

/**
 * Builds this package when a test runs before any build did (turbo builds it first; a bare `npx vitest` may not): for
 * the tests that spawn {@link CLI}, and for those running a generated package's tests, which load
 * `@modelfleet/codegen/openapi` through the test utilities.
 */
export function ensureBuilt(): void {
  if (!existsSync(CLI)) execFileSync("npx", ["tsup"], { cwd: CODEGEN_DIR, stdio: "pipe" });
}

/** Temporary directories, removed by {@link removeTemps} (call it in `afterEach`). */
const temps: string[] = [];

export async function tempDir(prefix = "modelfleet-codegen-"): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

export async function removeTemps(): Promise<void> {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion and reports its exit code and output, never throwing. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * Runs the CLI's `main` in this process with `cwd` as its working directory, and reports its exit code and output.
 * In-process because these tests run dozens of commands, and each child process would load Node, TypeScript,
 * openapi-typescript and Redocly again; `main` is what the binary runs (`src/cli/bin.ts` adds only the process wiring,
 * which {@link runCliProcess} covers). An internal error rejects, so the test fails with its stack; `--watch` needs a
 * process (it waits for a signal) and rejects here too.
 */
export async function runCli(args: string[], cwd: string): Promise<Run> {
  const { main } = await import("../src/cli/main.js");
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    untilStopped: () => Promise.reject(new Error("generate --watch waits for a signal: use runCliProcess")),
  });
  return { code, stdout, stderr };
}

/** Runs the built binary as a child process (call {@link ensureBuilt} first), for what only a process shows. */
export function runCliProcess(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return run(process.execPath, [CLI, ...args], cwd, env);
}

/** Git with a fixed identity and no user or system configuration, so tests behave the same on every machine. */
export async function gitIn(cwd: string, ...args: string[]): Promise<string> {
  const result = await run("git", args, cwd, {
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
  });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

/** The repository's own tools, run with this Node so a test needs no PATH. */
export const BIN = {
  tsup: join(REPO_ROOT, "node_modules", "tsup", "dist", "cli-default.js"),
  tsc: join(REPO_ROOT, "node_modules", "typescript-native", "bin", "tsc"),
  vitest: join(REPO_ROOT, "node_modules", "vitest", "vitest.mjs"),
};

/**
 * A temporary copy of the repository's layout: the root configs every package extends, the runtime's manifest, and
 * the repository's installed packages (linked, not reinstalled), with an empty `specs/`.
 */
export async function makeRepoLayout(): Promise<string> {
  const root = await tempDir("modelfleet-provider-");
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  for (const file of ["tsconfig.base.json", "tsup.package.ts", "vitest.config.ts", "LICENSE"])
    await copyFile(join(REPO_ROOT, file), join(root, file));
  await copyFile(join(REPO_ROOT, "packages", "runtime", "package.json"), join(root, "packages", "runtime", "package.json"));
  // Entry by entry rather than the whole directory, so caches the run writes (node_modules/.cache) stay in the copy.
  await mkdir(join(root, "node_modules"));
  for (const entry of await readdir(join(REPO_ROOT, "node_modules"))) {
    if (entry !== ".cache") await symlink(join(REPO_ROOT, "node_modules", entry), join(root, "node_modules", entry), "dir");
  }
  return root;
}
