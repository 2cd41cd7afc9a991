import type { DiffResult, LocatedChange, SpecDiff } from "./command.js";
import { formatVerdicts } from "./report.js";
import { RULES, type Rule, type RuleCode } from "./rules.js";
import { type ChangeKind, maxKind } from "./types.js";

/** `--fail-on`: a kind, judged on the stronger verdict, or on one of them (`wire:breaking`, `types:breaking`). */
export interface FailOn {
  verdict: "kind" | "wire" | "types";
  kind: ChangeKind;
}

/** Parses `--fail-on`; `undefined` when the value is not one of the accepted forms. */
export function parseFailOn(value: string): FailOn | undefined {
  const match = /^(?:(wire|types):)?(breaking|feature|fix)$/.exec(value);
  if (!match) return undefined;
  return { verdict: (match[1] as "wire" | "types" | undefined) ?? "kind", kind: match[2] as ChangeKind };
}

/** True when some change reaches the threshold on the chosen verdict. */
export function failsOn(result: DiffResult, threshold: FailOn): boolean {
  return result.specs.some((s) => s.changes.some((c) => maxKind(c[threshold.verdict], threshold.kind) === c[threshold.verdict]));
}

/**
 * `diff --explain <pointer>`: every change at the pointer (or below it), with the rule that matched, the rule's own
 * verdicts for the side the change was reached from, what changed them here, and the bump that follows. Returns
 * `undefined` when no change is there.
 */
export function explainPointer(result: DiffResult, pointer: string): string | undefined {
  const wanted = normalize(pointer);
  const found: Array<[SpecDiff, LocatedChange]> = [];
  for (const spec of result.specs) {
    for (const c of spec.changes) if (c.pointer === wanted || c.pointer.startsWith(`${wanted}/`)) found.push([spec, c]);
  }
  if (found.length === 0) return undefined;
  return `${found.map(([spec, c]) => explainChange(spec, c).join("\n")).join("\n\n")}\n`;
}

function normalize(pointer: string): string {
  const trimmed = pointer.trim();
  if (trimmed.startsWith("#")) return trimmed.replace(/\/$/, "") || "#";
  return `#${trimmed.startsWith("/") ? "" : "/"}${trimmed}`.replace(/\/$/, "");
}

function explainChange(spec: SpecDiff, c: LocatedChange): string[] {
  const rule: Rule | undefined = (RULES as Record<string, Rule>)[c.code];
  const where = [c.file, c.line, c.column].filter((p) => p !== undefined).join(":");
  const lines = [`${spec.packageName} (${spec.spec}): ${c.code}: ${c.message}`, `  at ${where} ${c.pointer}`];
  if (rule) {
    lines.push(`  rule ${c.code as RuleCode}: ${rule.summary} (e.g. ${rule.example})`);
    lines.push(`  why: ${rule.why}`);
    const sides = c.directions.length ? c.directions : [undefined];
    for (const dir of sides) {
      const plain = (dir ? rule[dir] : undefined) ?? rule.any ?? rule.request ?? rule.response;
      if (!plain) continue;
      const side = dir ? ` on the ${dir} side` : "";
      lines.push(`  the rule${side} says: wire ${plain.wire}, types ${plain.types}`);
    }
  }
  if (c.operations.length)
    lines.push(`  reached from: ${c.operations.join(", ")}${c.directions.length ? ` (${c.directions.join(", ")})` : ""}`);
  for (const note of c.notes) lines.push(`  adjusted: ${note}`);
  lines.push(`  verdict: ${formatVerdicts(c)} → ${c.kind} (the bump follows the stronger of the two)`);
  return lines;
}
