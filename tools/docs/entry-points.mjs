// Which source files document a published package: one per subpath its package.json exports, found from the
// declaration file that subpath points consumers at (tsup builds `dist/<name>.d.ts` from
// `src/<name>.ts` or `src/<name>/index.ts`).
import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * The TypeScript sources behind every subpath `manifest.exports` declares (except `./package.json`), as absolute
 * paths under `dir`, in the order of the exports map. A package without library exports (a command-line tool) has
 * none. Throws, naming the package and subpath, when a subpath has no declaration file or its source is missing,
 * so a new entry point can never drop out of the reference unnoticed.
 *
 * @param {string} dir the package's directory
 * @param {{ name: string, exports?: unknown }} manifest its package.json
 * @returns {string[]}
 */
export function docEntryPoints(dir, manifest) {
  const exportsMap = manifest.exports;
  if (exportsMap === undefined) return [];
  if (
    typeof exportsMap !== "object" ||
    exportsMap === null ||
    Array.isArray(exportsMap) ||
    !Object.keys(exportsMap).every((k) => k.startsWith("."))
  ) {
    throw new Error(
      `${manifest.name}: "exports" must map subpaths ("." and "./x") to targets for the API reference to find its entry points`,
    );
  }
  const sources = [];
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (subpath === "./package.json") continue;
    // A JSON file exported as data (a published JSON Schema) has no API to document.
    if (typeof target === "string" && target.endsWith(".json")) continue;
    if (subpath.includes("*"))
      throw new Error(`${manifest.name}: the pattern subpath ${subpath} cannot be documented; export each file by name`);
    const types = firstTypes(target);
    if (types === undefined) throw new Error(`${manifest.name}: export ${subpath} names no declaration file ("types" condition)`);
    const match = /^\.\/dist\/(.+)\.d\.[cm]?ts$/.exec(types);
    if (!match) throw new Error(`${manifest.name}: export ${subpath} declares ${types}, not a file in dist/`);
    // A subpath is built from `src/<name>.ts`, or from a folder's `src/<name>/index.ts`.
    const source = [join(dir, "src", `${match[1]}.ts`), join(dir, "src", match[1], "index.ts")].find((file) => existsSync(file));
    if (source === undefined) {
      throw new Error(`${manifest.name}: export ${subpath} (${types}) has no source file src/${match[1]}.ts or src/${match[1]}/index.ts`);
    }
    sources.push(source);
  }
  return sources;
}

/** The first `types` target in an exports entry, depth first in condition order (ESM before CommonJS here). */
function firstTypes(target) {
  if (target === null || typeof target !== "object") return undefined;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = firstTypes(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const [condition, value] of Object.entries(target)) {
    if (condition === "types" && typeof value === "string") return value;
    const found = firstTypes(value);
    if (found !== undefined) return found;
  }
  return undefined;
}
