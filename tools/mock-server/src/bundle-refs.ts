import { createHash } from "node:crypto";
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { bundleRefsSync, hasFileRef, type RefSource } from "@modelfleet/codegen/openapi";
import { parse } from "yaml";

/**
 * A spec with the files its `$ref`s point at bundled into `components` the way the generator bundles them
 * (`@modelfleet/codegen/openapi`), so the mock, the contract suite and the generated client read one document.
 * Returns `undefined` for a spec without file refs. Throws naming the file and the pointer when a ref cannot be
 * followed (a missing file or pointer, a file outside the repository, a remote ref).
 */
export function bundleFileRefs(specPath: string, document: unknown): { document: unknown; files: string[] } | undefined {
  if (!hasFileRef(document)) return undefined;
  const source = (path: string, value: unknown, text: string): RefSource => ({
    file: path,
    absolutePath: path,
    document: value,
    sha256: createHash("sha256").update(text).digest("hex"),
    locate: () => ({}),
  });
  const bundle = bundleRefsSync(source(specPath, document, ""), repositoryRoot(specPath), {
    read(path) {
      if (!existsSync(path)) return undefined;
      const text = readFileSync(path, "utf8");
      return source(path, parse(text), text);
    },
    realpath: (path) => realpathSync(path),
  });
  if (bundle.diagnostics.length) {
    throw new Error(bundle.diagnostics.map((d) => `${d.file}${d.pointer ?? ""}: ${d.message}`).join("\n"));
  }
  return { document: bundle.document, files: bundle.files.map((f) => f.path) };
}

/** The nearest folder above the spec holding a `specs/` folder: the repository root, as the generator finds it. */
function repositoryRoot(specPath: string): string {
  for (let dir = dirname(specPath); ; dir = dirname(dir)) {
    const specs = join(dir, "specs");
    if (existsSync(specs) && statSync(specs).isDirectory()) return dir;
    if (dirname(dir) === dir) return dirname(specPath);
  }
}
