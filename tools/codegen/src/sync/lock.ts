import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeAtomically } from "../generate/write-output.js";
import { isRecord } from "../openapi/json.js";

/**
 * The committed record of the upstream documents last seen, at the repository root beside `package-lock.json`: not in
 * `specs/`, where every `*.json` file is read as a spec (generate, diff, lint:specs).
 */
export const LOCK_FILE = "upstream.lock.json";

/** One spec's upstream document as last synced. */
export interface LockEntry {
  url: string;
  sha256: string;
}

/** Spec id to its entry. */
export type Lock = Record<string, LockEntry>;

/** Reads the lock file; a missing one is an empty lock, an unreadable one an error naming the file. */
export async function readLock(root: string): Promise<Lock> {
  let text: string;
  try {
    text = await readFile(join(root, LOCK_FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return {};
    throw error;
  }
  const value: unknown = JSON.parse(text);
  const lock: Lock = {};
  if (!isRecord(value)) throw new Error(`${LOCK_FILE}: expected a JSON object of {url, sha256} by spec id`);
  for (const [id, entry] of Object.entries(value)) {
    if (isRecord(entry) && typeof entry.url === "string" && typeof entry.sha256 === "string")
      lock[id] = { url: entry.url, sha256: entry.sha256 };
    else throw new Error(`${LOCK_FILE}: the entry of ${JSON.stringify(id)} must be {url, sha256}`);
  }
  return lock;
}

/** Writes the lock, ids sorted, so a change shows as a one-line diff in review. */
export async function writeLock(root: string, lock: Lock): Promise<void> {
  const sorted = Object.fromEntries(
    Object.keys(lock)
      .sort()
      .map((id) => [id, lock[id]]),
  );
  await writeAtomically(join(root, LOCK_FILE), `${JSON.stringify(sorted, null, 2)}\n`);
}
