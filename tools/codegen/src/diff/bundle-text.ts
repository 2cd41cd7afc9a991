import { createHash } from "node:crypto";
import { realpath } from "node:fs/promises";
import { join, relative } from "node:path";
import { type Diagnostic, SpecDiagnosticsError } from "../diagnostics.js";
import { bundleRefs, hasFileRef, type RefSource } from "../openapi/bundle.js";
import { parseSpecText, type SpecText } from "./spec-text.js";

/** One side of a comparison: the document (bundled with the files it references) and where each pointer is written. */
export interface DiffSide {
  document: Record<string, unknown>;
  /** The file (as shown) holding a pointer of `document`, with its line and column there. */
  where(pointer: string): { file: string; line?: number; column?: number };
  /** Referenced files (relative to the root): a change in one of them is a change of the spec. */
  references: string[];
}

/**
 * Resolves a spec's file `$ref`s the way `generate` does (openapi/bundle.ts), reading each referenced file with
 * `read` (the working tree, or a git revision), so that `diff` compares what the generator generates from. A ref
 * that cannot be followed is reported like a spec that does not parse: the spec cannot be compared.
 */
export async function diffSide(
  parsed: SpecText,
  file: string,
  root: string,
  specPath: string,
  read: (path: string) => Promise<string | undefined>,
  onDisk: boolean,
): Promise<DiffSide | { errors: Diagnostic[] }> {
  const plain: DiffSide = { document: parsed.document, where: (pointer) => ({ file, ...parsed.locate(pointer) }), references: [] };
  if (!hasFileRef(parsed.document)) return plain;
  const source = (text: SpecText, shown: string, absolutePath: string, raw: string): RefSource => ({
    file: shown,
    absolutePath,
    document: text.document,
    sha256: createHash("sha256").update(raw).digest("hex"),
    locate: (pointer) => text.locate(pointer),
  });
  const bundle = await bundleRefs(source(parsed, file, join(root, specPath), ""), root, {
    async read(absolutePath, shown) {
      const raw = await read(relative(root, absolutePath).split("\\").join("/"));
      if (raw === undefined) return undefined;
      const text = parseSpecText(raw);
      if ("errors" in text) {
        throw new SpecDiagnosticsError(
          text.errors.map((e) => ({
            severity: "error",
            code: "yaml/syntax",
            message: e.message,
            file: shown,
            line: e.line,
            column: e.column,
          })),
        );
      }
      return source(text, shown, absolutePath, raw);
    },
    ...(onDisk ? { realpath: (path: string) => realpath(path) } : {}),
  });
  if (bundle.diagnostics.length) return { errors: bundle.diagnostics };
  return {
    document: bundle.document as Record<string, unknown>,
    references: bundle.files.map((f) => f.path),
    where(pointer) {
      const origin = bundle.origins.find((o) => pointer === o.pointer || pointer.startsWith(`${o.pointer}/`));
      if (!origin) return { file, ...parsed.locate(pointer) };
      const at = `${origin.at === "#" ? "#" : origin.at}${pointer.slice(origin.pointer.length)}`;
      return { file: origin.source.file, ...origin.source.locate(at) };
    },
  };
}
