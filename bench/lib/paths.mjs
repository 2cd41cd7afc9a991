// Where things are: the repository root, this package, and its scratch folder (git-ignored).
import { mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const benchDir = dirname(dirname(fileURLToPath(import.meta.url)));
export const repoRoot = dirname(benchDir);
export const workRoot = join(benchDir, ".work");

const require = createRequire(join(benchDir, "package.json"));

/** A fresh, empty scratch folder under bench/.work/. */
export async function freshWorkDir(name) {
  const dir = join(workRoot, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * The folder of an installed package. Some packages (openapi-fetch) export no `./package.json`,
 * so walk up from the resolved entry point until the package.json names the package.
 */
export function packageDir(name) {
  let dir = dirname(require.resolve(name));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    try {
      if (require(join(dir, "package.json")).name === name) return dir;
    } catch {
      // not this folder
    }
  }
  throw new Error(`cannot find the folder of ${name}`);
}

/** The version of an installed package, or "not installed". */
export function packageVersion(name) {
  try {
    return require(join(packageDir(name), "package.json")).version;
  } catch {
    return "not installed";
  }
}
