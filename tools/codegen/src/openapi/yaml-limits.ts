import { type Document, type LineCounter, visit } from "yaml";
import type { Diagnostic } from "../diagnostics.js";

/** How many alias expansions a spec may have; far more than any real spec, far fewer than a "billion laughs". */
export const MAX_ALIAS_COUNT = 1000;

/**
 * Turns the YAML parser's refusal of too many alias expansions (an alias bomb) into a diagnostic at the first alias,
 * instead of an internal error. Anything else is not this function's business and is rethrown.
 */
export function aliasBombDiagnostic(error: unknown, parsed: Document, lineCounter: LineCounter, file: string): Diagnostic {
  if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
  let offset: number | undefined;
  visit(parsed, {
    Alias(_key, node) {
      offset = node.range?.[0];
      return visit.BREAK;
    },
  });
  const pos = offset === undefined ? undefined : lineCounter.linePos(offset);
  return {
    severity: "error",
    code: "yaml/too-many-aliases",
    message: `the YAML expands aliases more than ${MAX_ALIAS_COUNT} times (an alias bomb); refused before it fills memory`,
    file,
    ...(pos ? { line: pos.line, column: pos.col } : {}),
    help: "write the repeated part out, or reference it with a $ref under components/",
  };
}
