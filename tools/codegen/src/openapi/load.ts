import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { getLineColLocation, Source } from "@redocly/openapi-core";
import { LineCounter, parseDocument } from "yaml";
import { type Diagnostic, SpecDiagnosticsError } from "../diagnostics.js";
import type { BundleOrigin, ReferencedFile } from "./bundle.js";
import type { OpenApiDocument } from "./document.js";
import { isRecord } from "./json.js";
import { locateInJson } from "./locate-json.js";
import { aliasBombDiagnostic, MAX_ALIAS_COUNT } from "./yaml-limits.js";

/** A spec read from disk and parsed, with what later stages need to point back into its text. */
export interface LoadedSpec {
  /** Path as reported in diagnostics (relative to the working directory when possible). */
  file: string;
  absolutePath: string;
  text: string;
  sha256: string;
  /** The parsed document as plain JSON values. */
  document: OpenApiDocument;
  /** Redocly's view of the same text, used for linting and for pointer → line mapping. */
  source: Source;
  /**
   * JSON text: diagnostics are located all at once by {@link locateDiagnostics}, in one pass over the text, instead of
   * one by one through an AST of the whole document (tens of seconds for a 13 MB document).
   */
  isJson: boolean;
  /** Present when the spec references other files and was bundled with them into `document`. */
  bundle?: {
    /** The parts of `document` copied from referenced files, to report a problem in them at their own file. */
    origins: BundleOrigin[];
    /** Every referenced file with its sha256 (part of the skip hash and of `sha256` above). */
    files: ReferencedFile[];
  };
}

/** Reads and parses a YAML or JSON spec; every syntax error is reported with its line and column. */
export async function loadSpec(file: string, absolutePath: string): Promise<LoadedSpec> {
  let text: string;
  try {
    text = await readFile(absolutePath, "utf8");
  } catch (cause) {
    throw new SpecDiagnosticsError([
      {
        severity: "error",
        code: "spec/unreadable",
        message: `cannot read the spec: ${(cause as Error).message}`,
        file,
        help: "check the path passed with --spec, or the files in specs/",
      },
    ]);
  }
  return parseSpec(file, absolutePath, text);
}

/** Parses the text of a YAML or JSON spec (or of a file it references); every syntax error is reported with its line and column. */
export function parseSpec(file: string, absolutePath: string, text: string): LoadedSpec {
  const isJson = text.trimStart().startsWith("{");
  // A JSON spec is parsed as JSON: tens of times faster than the YAML parser on a large document (13 MB:
  // 0.1 s against 10 s). Only when that fails does the YAML parser run, for its line-and-column diagnostics.
  // (JSON.parse keeps the last of duplicate keys, where the YAML parser would report them.)
  const fast = isJson ? parseJson(text) : undefined;
  const document = fast ?? parseYaml(text, file);
  if (!isRecord(document)) {
    throw new SpecDiagnosticsError([
      {
        severity: "error",
        code: "spec/not-an-object",
        message: "the spec must be a YAML or JSON object",
        file,
        line: 1,
        column: 1,
        pointer: "#",
        help: "start the file with `openapi: 3.1.0`",
      },
    ]);
  }
  return {
    file,
    absolutePath,
    text,
    sha256: createHash("sha256").update(text).digest("hex"),
    document,
    // Redocly builds its own AST from the text only when a location is asked for.
    source: new Source(absolutePath, text, isJson ? "application/json" : "application/yaml"),
    isJson: fast !== undefined,
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parseYaml(text: string, file: string): unknown {
  const lineCounter = new LineCounter();
  const parsed = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (parsed.errors.length > 0) {
    throw new SpecDiagnosticsError(
      parsed.errors.map((error): Diagnostic => {
        const pos = lineCounter.linePos(error.pos[0]);
        return {
          severity: "error",
          code: "yaml/syntax",
          message: firstLine(error.message),
          file,
          line: pos.line,
          column: pos.col,
          help: "fix the YAML syntax at this position (indentation, quoting, a missing colon or bracket)",
        };
      }),
    );
  }
  try {
    return parsed.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
  } catch (error) {
    throw new SpecDiagnosticsError([aliasBombDiagnostic(error, parsed, lineCounter, file)]);
  }
}

/** Line and column of a JSON pointer (`#/a/b`) in the spec, or of its nearest existing parent. */
export function locate(spec: LoadedSpec, pointer: string): { line?: number; column?: number } {
  if (spec.isJson) return locateInJson(spec.text, [pointer]).get(pointer) ?? {};
  try {
    const loc = getLineColLocation({ source: spec.source, pointer, reportOnKey: false });
    return { line: loc.start.line, column: loc.start.col };
  } catch {
    return {};
  }
}

export { pointerOf } from "./pointer.js";
export { isRecord };

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}

/**
 * Fills in the line and column of every diagnostic of the spec that has a pointer but no position yet: for JSON all
 * at once, in one pass over the text; for YAML one by one through the document's AST.
 */
export function locateDiagnostics(spec: LoadedSpec, diagnostics: Diagnostic[]): Diagnostic[] {
  const pending = diagnostics.filter((d) => d.pointer && d.line === undefined && d.file === spec.file);
  if (pending.length === 0) return diagnostics;
  const pointers = new Set(pending.map((d) => d.pointer as string));
  const positions = spec.isJson
    ? locateInJson(spec.text, pointers)
    : new Map([...pointers].map((pointer) => [pointer, locate(spec, pointer)]));
  return diagnostics.map((d) => {
    const position = d.pointer && d.line === undefined && d.file === spec.file ? positions.get(d.pointer) : undefined;
    return position ? { ...d, ...position } : d;
  });
}
