import { formatDiagnostic } from "../diagnostics.js";
import type { SpecResult } from "../generate/generate.js";
import { SIDECAR_SUFFIX } from "../import/sidecar-name.js";

export interface PrintTarget {
  out(text: string): void;
  err(text: string): void;
}

/**
 * Prints what a generate run did, the same way for a single run and for each round of `--watch`: diagnostics on
 * stderr, one line per spec on stdout. Returns whether any spec failed and which files are stale (check mode).
 */
export function printResults(
  results: readonly SpecResult[],
  check: boolean,
  target: PrintTarget,
  verbose = false,
): { failed: boolean; stale: string[] } {
  let failed = false;
  const stale: string[] = [];
  for (const result of results) {
    // A vendor's document (imported, through its sidecar) may carry hundreds of warnings: counted unless --verbose.
    const summarize = !verbose && result.spec.endsWith(SIDECAR_SUFFIX);
    for (const d of result.diagnostics) if (!summarize || d.severity === "error") target.err(`${formatDiagnostic(d)}\n`);
    const warnings = result.diagnostics.filter((d) => d.severity === "warning").length;
    if (summarize && warnings) target.err(`${result.spec}: ${warnings} warning(s) in the vendor's document; --verbose lists them\n`);
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    if (errors) {
      failed = true;
      target.err(`${result.spec}: ${errors} error(s); ${result.packageDir ?? "its package"} left untouched\n`);
      continue;
    }
    const out = result.output;
    if (!out) continue;
    stale.push(...out.stale);
    if (check) continue;
    for (const file of result.scaffolded) target.out(`scaffolded ${file}\n`);
    const changed = out.written.length + out.removed.length;
    const state = changed
      ? `${out.written.length} written, ${out.removed.length} removed`
      : result.skipped
        ? "up to date (unchanged, skipped)"
        : "up to date";
    target.out(`${result.spec} -> ${result.packageDir}: ${state}\n`);
  }
  return { failed, stale };
}
