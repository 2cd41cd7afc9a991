import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
import ts from "typescript";
import type { PackageManifest } from "./workspaces.js";

/** One bare import found in a shipped file. */
export interface ImportSite {
  /** The shipped file, relative to the package root. */
  file: string;
  /** The specifier as written, e.g. `openapi-fetch` or `@modelfleet/runtime`. */
  specifier: string;
}

/** What the shipped files import, and the imports of files that are not shipped. */
export interface ImportScan {
  sites: ImportSite[];
  /** Relative imports that did not resolve among the shipped files, e.g. `../../package.json` left unbundled. */
  unresolved: string[];
  /** Third-party packages whose code was bundled into a shipped file, e.g. `dist/index.js: yaml`. */
  inlined: string[];
}

/**
 * esbuild (under tsup) starts each bundled module with a `// <path>` comment. tsup keeps only declared dependencies
 * external, so an undeclared import does not stay an import: the package gets copied in, which hides the phantom
 * dependency (and ships a second copy of it, and often breaks, e.g. CommonJS code inside an ES module).
 */
const BUNDLED_MODULE = /^\/\/ (?:\.\.\/)*node_modules\/((?:@[^/\s]+\/)?[^/\s]+)\//gm;

const JS = /\.[cm]?js$/;
const DTS = /\.d\.[cm]?ts$/;

/**
 * Bare imports of every shipped JavaScript file (read by esbuild, so strings and comments never count) and of every
 * shipped declaration file (read by the TypeScript pre-processor, including `/// <reference types>`). Run it on a
 * directory holding only the packed files (see `copyPacked`), so that relative imports can only find shipped files.
 */
export async function findImports(dir: string, files: readonly string[]): Promise<ImportScan> {
  const sites: ImportSite[] = [];
  const unresolved: string[] = [];
  const inlined = new Set<string>();
  for (const file of files) {
    if (DTS.test(file)) {
      const info = ts.preProcessFile(await readFile(join(dir, file), "utf8"), true, true);
      for (const ref of info.importedFiles) sites.push({ file, specifier: ref.fileName });
      // `/// <reference types="node" />` makes every consumer need @types/node.
      for (const ref of info.typeReferenceDirectives) sites.push({ file, specifier: `@types/${ref.fileName}` });
    } else if (JS.test(file)) {
      for (const match of (await readFile(join(dir, file), "utf8")).matchAll(BUNDLED_MODULE)) inlined.add(`${file}: ${match[1]}`);
      const result = await build({
        entryPoints: [join(dir, file)],
        bundle: true,
        write: false,
        metafile: true,
        logLevel: "silent",
        platform: "node",
        format: file.endsWith(".cjs") ? "cjs" : "esm",
        packages: "external",
        // The file's own relative imports are bundled; only what leaves the package is external.
        outdir: "out",
      }).catch((error: { errors?: Array<{ text: string }> }) => {
        // A build failure (an import that does not resolve) is a finding; anything else is a bug here.
        if (!Array.isArray(error.errors) || error.errors.length === 0) throw error;
        for (const message of error.errors) unresolved.push(`${file}: ${message.text}`);
        return undefined;
      });
      for (const input of Object.values(result?.metafile?.inputs ?? {})) {
        for (const imported of input.imports) if (imported.external) sites.push({ file, specifier: imported.path });
      }
    }
  }
  return { sites, unresolved, inlined: [...inlined] };
}

/** The npm package a bare specifier names (`@scope/name/sub` -> `@scope/name`), or undefined for relative and built-in ones. */
export function packageOf(specifier: string): string | undefined {
  // `<runtime>` is esbuild's own helper module, listed among a bundle's imports.
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("<") || isBuiltin(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * Imports of packages the manifest does not declare in `dependencies`, `peerDependencies` or `optionalDependencies`:
 * they resolve inside this monorepo through hoisting and fail for every consumer (a phantom dependency).
 */
export function checkDeclaredDependencies(manifest: PackageManifest, { sites, unresolved, inlined }: ImportScan): string[] {
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const problems = new Set<string>();
  for (const site of sites) {
    const name = packageOf(site.specifier);
    if (name === undefined || declared.has(name)) continue;
    const where = manifest.devDependencies?.[name] ? " (only a devDependency, which consumers do not install)" : "";
    problems.add(`${site.file} imports ${JSON.stringify(site.specifier)}, but ${name} is not a dependency${where}`);
  }
  for (const problem of unresolved) problems.add(`${problem} (the import needs a file that is not shipped)`);
  for (const bundled of inlined) {
    problems.add(`${bundled} is bundled in: declare it as a dependency (tsup then keeps it external), or stop importing it`);
  }
  return [...problems].sort();
}
