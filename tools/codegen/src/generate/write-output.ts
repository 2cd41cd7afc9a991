import { randomBytes } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/** What a write (or a check) found for one package. */
export interface OutputReport {
  written: string[];
  unchanged: string[];
  removed: string[];
  /** In check mode: files that differ from what the generator would write, are missing, or are extra. */
  stale: string[];
}

/**
 * Brings `dir` to exactly `files`: only changed files are written (each through a temporary file and a
 * rename, so a reader never sees half a file), unchanged ones keep their bytes and mtime, and files the
 * generator no longer emits are removed. With `check`, nothing is written and the differences are returned.
 */
export async function syncDirectory(
  dir: string,
  files: Record<string, string>,
  options: { check: boolean; root: string },
): Promise<OutputReport> {
  const report: OutputReport = { written: [], unchanged: [], removed: [], stale: [] };
  const existing = await listFiles(dir);
  for (const [name, contents] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(dir, name);
    const shown = relative(options.root, target);
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current === contents) {
      report.unchanged.push(shown);
      continue;
    }
    if (options.check) {
      report.stale.push(shown);
      continue;
    }
    await writeAtomically(target, contents);
    report.written.push(shown);
  }
  for (const name of existing) {
    if (Object.hasOwn(files, name)) continue;
    const shown = relative(options.root, join(dir, name));
    if (options.check) report.stale.push(shown);
    else {
      // force: another run may have removed it already.
      await rm(join(dir, name), { force: true });
      report.removed.push(shown);
    }
  }
  return report;
}

/** Writes files that must exist but are never overwritten (scaffolding). Returns the ones created. */
export async function writeMissing(dir: string, files: Record<string, string>, root: string): Promise<string[]> {
  const created: string[] = [];
  for (const [name, contents] of Object.entries(files)) {
    const target = join(dir, name);
    const exists = await readFile(target).then(
      () => true,
      () => false,
    );
    if (exists) continue;
    await writeAtomically(target, contents);
    created.push(relative(root, target));
  }
  return created;
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export async function writeAtomically(target: string, contents: string): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  // The writer's pid is in the name, so that another run can tell a temporary file being written from one a killed
  // run left behind (see listFiles).
  const temp = `${target}.${process.pid}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`;
  try {
    await writeFile(temp, contents, "utf8");
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Ends the name of a file {@link writeAtomically} is still writing (`<target>.<pid>.<12 hex>.tmp`). */
const TEMP_SUFFIX = ".tmp";
/** A temporary file's name; the pid is missing in those written before it was part of the name. */
const TEMP_FILE = /\.(?:(\d+)\.)?[0-9a-f]{12}\.tmp$/;

/**
 * Every file below `dir`, as `/`-separated paths relative to it; none when `dir` does not exist. A temporary file
 * of a run that is still alive is not listed: that run is about to rename it, and removing it would crash the run.
 * One whose writer is gone (killed mid-write, `kill -9`) is listed like any other file, so a run removes it as a
 * file the generator does not emit and `--check` reports it.
 */
export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true }).catch(() => []);
  const names: string[] = [];
  for (const entry of entries) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const nested of await listFiles(dir, name)) names.push(nested);
    else if (!isLiveTemp(entry.name)) names.push(name);
  }
  return names;
}

/** Whether a file name is a temporary file whose writer is still running. */
function isLiveTemp(name: string): boolean {
  const match = TEMP_FILE.exec(name);
  if (!match) return false;
  // Written by a generator from before the pid was recorded: no run of it can still be going on.
  if (match[1] === undefined) return false;
  return processAlive(Number(match[1]));
}

/**
 * Whether a process with this pid exists (signal 0 checks without sending anything). `EPERM` means it exists under
 * another user. A pid reused by an unrelated process keeps a dead run's file until that process ends: it is left
 * alone, never a run's file removed while it is being written.
 */
function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
