import { execFile } from "node:child_process";
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { PackageManifest } from "./workspaces.js";

const run = promisify(execFile);

/** What `npm pack` produced for one package. */
export interface Packed {
  /** Absolute path of the tarball. */
  tarball: string;
  /** Paths inside the tarball, relative to the package root. */
  files: string[];
}

/**
 * Packs `dir` into `destination` exactly as `npm publish` would (lifecycle scripts off: the gates check what the
 * build already produced) and returns the tarball and its file list.
 */
export async function npmPack(dir: string, destination: string): Promise<Packed> {
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
  const [result] = JSON.parse(stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
  if (!result) throw new Error(`npm pack printed no result in ${dir}`);
  return { tarball: join(destination, result.filename), files: result.files.map((f) => f.path).sort() };
}

/** Files npm always adds, and the only ones besides `dist/` a consumer needs. */
const ALWAYS_ALLOWED = /^(package\.json|README(\.md)?|CHANGELOG\.md|LICEN[CS]E(\.md|\.txt)?)$/i;
/** What must never ship even inside `dist/`: tests, fixtures, sources, source maps pointing at unshipped sources. */
const NEVER_ALLOWED = [
  { pattern: /(^|\/)(src|test|tests|__tests__|fixtures?)\//, why: "a source, test or fixture directory" },
  { pattern: /\.test(-d)?\.[cm]?[jt]sx?$/, why: "a test file" },
  { pattern: /\.map$/, why: "a source map (its sources are not shipped)" },
  { pattern: /(^|\/)(tsconfig[^/]*|tsup\.config\.[cm]?[jt]s|turbo\.json|vitest\.config\.[cm]?[jt]s)$/, why: "build configuration" },
  { pattern: /\.tsbuildinfo$|(^|\/)\.turbo\//, why: "build cache" },
];

/** Files every tarball must carry: the license its `license` field names only by identifier, and the npm page. */
const REQUIRED = [
  { pattern: /^LICEN[CS]E(\.md|\.txt)?$/i, what: "LICENSE (copy the repository's LICENSE into the package)" },
  { pattern: /^README(\.md)?$/i, what: "README" },
];

/**
 * Problems with the packed file list: anything outside `dist/` (plus package.json, README, CHANGELOG, LICENSE),
 * anything test- or source-like, a missing LICENSE or README, and any entry point the manifest names that is not
 * in the tarball.
 */
export function checkPackedFiles(manifest: PackageManifest, files: readonly string[]): string[] {
  const problems: string[] = [];
  const shipped = new Set(files);
  // A bin may be a committed shim outside dist/: npm links workspace bins at install time, before any build.
  const bins = new Set(binTargets(manifest));
  for (const file of files) {
    const banned = NEVER_ALLOWED.find((rule) => rule.pattern.test(file));
    if (banned) problems.push(`ships ${file}: ${banned.why}`);
    else if (!file.startsWith("dist/") && !ALWAYS_ALLOWED.test(file) && !bins.has(file))
      problems.push(`ships ${file}: only dist/, the bins and package.json, README, CHANGELOG, LICENSE may ship`);
  }
  for (const required of REQUIRED) {
    if (!files.some((file) => required.pattern.test(file))) problems.push(`the tarball has no ${required.what}`);
  }
  for (const target of entryPoints(manifest)) {
    if (!shipped.has(target)) problems.push(`names ${target} as an entry point, but the tarball does not contain it`);
  }
  return problems;
}

/** Every file path the manifest points consumers at (main, module, types, bin, each `exports` target). */
export function entryPoints(manifest: PackageManifest): string[] {
  const targets = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === "string" && !value.includes("*")) targets.add(value.replace(/^\.\//, ""));
  };
  add(manifest.main);
  add(manifest.module);
  add(manifest.types);
  for (const bin of binTargets(manifest)) add(bin);
  const walk = (node: unknown) => {
    if (typeof node === "string") add(node);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") Object.values(node).forEach(walk);
  };
  walk(manifest.exports);
  return [...targets].sort();
}

/**
 * Copies exactly the packed files of `dir` to `destination`, so that what is analysed there can only see what
 * consumers get (an import of a file that is not shipped fails to resolve instead of finding the monorepo's copy).
 */
export async function copyPacked(dir: string, files: readonly string[], destination: string): Promise<void> {
  for (const file of files) {
    await mkdir(dirname(join(destination, file)), { recursive: true });
    await copyFile(join(dir, file), join(destination, file));
  }
}

function binTargets(manifest: PackageManifest): string[] {
  const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
  return bins.map((bin) => bin.replace(/^\.\//, ""));
}
