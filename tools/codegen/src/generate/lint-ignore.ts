// Redocly's ignore file (`.redocly.lint-ignore.yaml` at the repository root): the problems its linter reports that the
// maintainers have judged deliberate, each listed by file, rule and JSON pointer. `npm run lint:specs` (the Redocly
// CLI) honours it; the generator honours the same entries, so a finding acknowledged once is not repeated on every
// `generate`. Only warnings: an error is something the generated client would get wrong, and is never waived.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import type { Diagnostic } from "../diagnostics.js";
import { sha256 } from "./skip-cache.js";

export const LINT_IGNORE_FILE = ".redocly.lint-ignore.yaml";

/** The ignore file as read: a fingerprint of its bytes (for the skip cache) and the test it implies. */
export interface LintIgnore {
  /** sha256 of the file, or "none" when there is none. */
  fingerprint: string;
  /** Whether `diagnostic`, found in `file` (relative to the root, with `/`), is a warning the file acknowledges. */
  covers(file: string, diagnostic: Diagnostic): boolean;
}

export async function readLintIgnore(root: string): Promise<LintIgnore> {
  const text = await readFile(join(root, LINT_IGNORE_FILE), "utf8").catch(() => undefined);
  if (text === undefined) return { fingerprint: "none", covers: () => false };
  const fingerprint = sha256(text);
  // A file that does not parse, or is not file → rule → pointers, waives nothing here: `npm run lint:specs` reads the
  // same file and reports what is wrong with it.
  let byFile: Map<string, Map<string, Set<string>>> | undefined;
  try {
    byFile = shapeOf(parse(text));
  } catch {
    byFile = undefined;
  }
  if (!byFile) return { fingerprint, covers: () => false };
  const entries = byFile;
  return {
    fingerprint,
    covers: (file, diagnostic) =>
      diagnostic.severity === "warning" &&
      diagnostic.code.startsWith("spec/") &&
      diagnostic.pointer !== undefined &&
      entries.get(file)?.get(diagnostic.code.slice("spec/".length))?.has(diagnostic.pointer) === true,
  };
}

function shapeOf(entries: unknown): Map<string, Map<string, Set<string>>> | undefined {
  if (entries === null || entries === undefined) return new Map();
  if (typeof entries !== "object" || entries === null || Array.isArray(entries)) return undefined;
  const byFile = new Map<string, Map<string, Set<string>>>();
  for (const [file, rules] of Object.entries(entries)) {
    if (typeof rules !== "object" || rules === null || Array.isArray(rules)) return undefined;
    const byRule = new Map<string, Set<string>>();
    for (const [rule, pointers] of Object.entries(rules)) {
      if (!Array.isArray(pointers) || !pointers.every((p) => typeof p === "string")) return undefined;
      byRule.set(rule, new Set(pointers));
    }
    byFile.set(file, byRule);
  }
  return byFile;
}
