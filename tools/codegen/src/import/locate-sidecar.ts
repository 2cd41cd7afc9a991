import { getLineColLocation, Source } from "@redocly/openapi-core";
import type { Diagnostic } from "../diagnostics.js";
import { pointerSegments } from "../openapi/pointer.js";

/**
 * Gives each diagnostic in the sidecar `file` that has a pointer its line and column. A whole entry (`#/pagination`,
 * `#/pagination/listJobs`) is shown at its key, which is what names it; anything deeper at its value.
 */
export function locateInSidecar(file: string, absolutePath: string, text: string, diagnostics: Diagnostic[]): Diagnostic[] {
  if (!diagnostics.some((d) => d.file === file && d.pointer && d.line === undefined)) return diagnostics;
  const source = new Source(absolutePath, text, "application/yaml");
  return diagnostics.map((d) => {
    if (d.file !== file || !d.pointer || d.line !== undefined) return d;
    try {
      const at = getLineColLocation({ source, pointer: d.pointer, reportOnKey: pointerSegments(d.pointer).length <= 2 });
      return { ...d, line: at.start.line, column: at.start.col };
    } catch {
      return d; // a pointer outside the text: reported without a position
    }
  });
}
