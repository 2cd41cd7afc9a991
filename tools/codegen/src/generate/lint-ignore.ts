// Redocly's ignore file (`.redocly.lint-ignore.yaml` at the repository root): the problems its linter reports that the
// maintainers have judged deliberate, each listed by file, rule and JSON pointer. `npm run lint:specs` (the Redocly
// CLI) honours it; the generator honours the same entries, so a finding acknowledged once is not repeated on every
// `generate`. Only warnings: an error is something the generated client would get wrong, and is never waived.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import type { Diagnostic } from "../diagnostics.js";
import { isRecord } from "../openapi/json.js";
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
  const entries = entriesOf(text);
  if (!entries) return { fingerprint, covers: () => false };
  return {
    fingerprint,
    covers: (file, diagnostic) =>
      diagnostic.severity === "warning" &&
      diagnostic.code.startsWith("spec/") &&
      diagnostic.pointer !== undefined &&
      entries.get(file)?.get(diagnostic.code.slice("spec/".length))?.has(diagnostic.pointer) === true,
  };
}

/**
 * The file's entries, file → rule → pointers; undefined when it does not parse or has another shape. Such a file
 * waives nothing here: `npm run lint:specs` reads the same file and reports what is wrong with it.
 */
function entriesOf(text: string): Map<string, Map<string, Set<string>>> | undefined {
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch {
    return undefined;
  }
  const byFile = new Map<string, Map<string, Set<string>>>();
  if (parsed === null || parsed === undefined) return byFile;
  if (!isRecord(parsed)) return undefined;
  for (const [file, rules] of Object.entries(parsed)) {
    if (!isRecord(rules)) return undefined;
    const byRule = new Map<string, Set<string>>();
    for (const [rule, pointers] of Object.entries(rules)) {
      if (!Array.isArray(pointers) || !pointers.every((p) => typeof p === "string")) return undefined;
      byRule.set(rule, new Set(pointers));
    }
    byFile.set(file, byRule);
  }
  return byFile;
}
