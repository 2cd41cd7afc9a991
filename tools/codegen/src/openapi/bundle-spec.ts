import { createHash } from "node:crypto";
import { readFile, realpath } from "node:fs/promises";
import { type Diagnostic, SpecDiagnosticsError } from "../diagnostics.js";
import { bundleRefs, hasFileRef, type ReferencedFile, type RefReader, type RefSource } from "./bundle.js";
import type { OpenApiDocument } from "./document.js";
import { type LoadedSpec, locate, parseSpec } from "./load.js";

/** A quick look at JSON text for a `"$ref"` whose value does not start with `#`: a large spec without one skips the walk. */
const JSON_FILE_REF = /"\$ref"\s*:\s*"(?!#)/;

/**
 * Bundles a loaded spec with the files its `$ref`s point at (see {@link bundleRefs}), reading them from disk. A spec
 * without file refs is returned as it is, without a copy; a large JSON spec is not even walked when its text holds no
 * `"$ref"` to a file. The bundled spec keeps its own text (diagnostics in the spec still point into it), and its
 * `sha256` covers the referenced files too, so the generated header changes when one of them does.
 */
export async function bundleSpec(
  spec: LoadedSpec,
  root: string,
): Promise<{ spec: LoadedSpec; diagnostics: Diagnostic[]; files?: ReferencedFile[] }> {
  if (spec.isJson ? !JSON_FILE_REF.test(spec.text) : false) return { spec, diagnostics: [] };
  if (!hasFileRef(spec.document)) return { spec, diagnostics: [] };
  const bundle = await bundleRefs(refSource(spec), root, diskReader);
  if (bundle.diagnostics.length) return { spec, diagnostics: bundle.diagnostics, files: bundle.files };
  const hash = createHash("sha256").update(spec.sha256);
  for (const file of bundle.files) hash.update(`\0${file.path}\0${file.sha256 ?? ""}`);
  return {
    spec: {
      ...spec,
      document: bundle.document as OpenApiDocument,
      sha256: hash.digest("hex"),
      bundle: { origins: bundle.origins, files: bundle.files },
    },
    diagnostics: [],
  };
}

/**
 * Reports a problem found in the bundled document at the file it came from: a pointer into a copied component becomes
 * the same place in the referenced file, with that file's line and column.
 */
export function relocateDiagnostics(spec: LoadedSpec, diagnostics: Diagnostic[]): Diagnostic[] {
  const origins = spec.bundle?.origins;
  if (!origins?.length) return diagnostics;
  // A message naming a copied component (`"#/components/schemas/B"`) names it as written: the file and its pointer.
  const named = (message: string): string =>
    message.includes('"#/components/')
      ? origins.reduce((text, o) => text.replaceAll(JSON.stringify(o.pointer), JSON.stringify(`${o.source.file}${o.at}`)), message)
      : message;
  return diagnostics.map((d) => {
    if (d.file !== spec.file) return d;
    const pointer = d.pointer;
    const origin = pointer ? origins.find((o) => pointer === o.pointer || pointer.startsWith(`${o.pointer}/`)) : undefined;
    if (!pointer || !origin) return { ...d, message: named(d.message) };
    const rest = pointer.slice(origin.pointer.length);
    const at = origin.at === "#" ? `#${rest}` : `${origin.at}${rest}`;
    const { line: _line, column: _column, ...kept } = d;
    return { ...kept, message: named(d.message), file: origin.source.file, pointer: at, ...origin.source.locate(at) };
  });
}

/** The spec as the bundler sees it. */
function refSource(spec: LoadedSpec): RefSource {
  return {
    file: spec.file,
    absolutePath: spec.absolutePath,
    document: spec.document,
    sha256: spec.sha256,
    locate: (pointer) => locate(spec, pointer),
  };
}

const diskReader: RefReader = {
  async read(absolutePath, shown) {
    let text: string;
    try {
      text = await readFile(absolutePath, "utf8");
    } catch (cause) {
      const code = (cause as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return undefined;
      throw new SpecDiagnosticsError([
        {
          severity: "error",
          code: "spec/unreadable",
          message: `cannot read the referenced file: ${(cause as Error).message}`,
          file: shown,
        },
      ]);
    }
    return refSource(parseSpec(shown, absolutePath, text));
  },
  realpath: (absolutePath) => realpath(absolutePath),
};
