import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The upstream documents last downloaded, by spec id and sha256, under `node_modules/.cache/` (never committed: a
 * vendor's document is not ours to keep in the repository). `sync` diffs a changed document against the cached copy
 * of the one the lock names; the scheduled workflow keeps this directory between runs with the CI cache.
 */
export function upstreamCacheDir(root: string): string {
  return join(root, "node_modules", ".cache", "modelfleet-codegen", "upstream");
}

export async function readCached(root: string, id: string, sha256: string): Promise<string | undefined> {
  return readFile(join(upstreamCacheDir(root), `${id}.${sha256}`), "utf8").catch(() => undefined);
}

export async function writeCached(root: string, id: string, sha256: string, text: string): Promise<void> {
  await mkdir(upstreamCacheDir(root), { recursive: true });
  await writeFile(join(upstreamCacheDir(root), `${id}.${sha256}`), text);
}
