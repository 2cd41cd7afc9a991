import { formatDiagnostic } from "../diagnostics.js";
import type { ChangesetOutcome } from "./changeset.js";
import type { DiffResult, LocatedChange, SpecDiff } from "./command.js";
import { type ChangeKind, maxKind, OPERATION_CODES } from "./types.js";

const KINDS: ChangeKind[] = ["breaking", "feature", "fix"];

/** The human report: per package, changes grouped by kind, each with its place (`file:line:col` and JSON pointer). */
export function formatDiffReport(result: DiffResult, changesets: readonly ChangesetOutcome[] = []): string {
  const out: string[] = [];
  for (const d of result.errors) out.push(formatDiagnostic(d));
  for (const spec of result.specs) {
    out.push(...formatSpec(spec));
  }
  if (result.specs.length === 0 && result.errors.length === 0) out.push("no specs found");
  for (const c of changesets) {
    if (c.file) {
      const kept = c.keptFrom ? ` (diff implies ${c.implied}; kept ${c.bump} already pending in ${c.keptFrom})` : "";
      out.push(`wrote ${c.file}: ${JSON.stringify(c.packageName)}: ${c.bump}${kept}`);
    } else if (c.skipped) out.push(`no changeset for ${c.packageName}: ${c.skipped}`);
  }
  return `${out.join("\n")}\n`;
}

function formatSpec(spec: SpecDiff): string[] {
  const against = spec.base ?? "(no commits)";
  if (spec.changes.length === 0) return [`${spec.packageName} (${spec.spec}): no changes against ${against}`];
  const counts = KINDS.map((k) => `${spec.changes.filter((c) => c.kind === k).length} ${k}`).join(", ");
  const lines = [`${spec.packageName} (${spec.spec}) against ${against}: ${spec.highest} (${counts})`];
  for (const kind of KINDS) {
    const changes = spec.changes.filter((c) => c.kind === kind);
    if (changes.length === 0) continue;
    lines.push(`  ${kind}:`);
    for (const c of changes) lines.push(...formatChange(c));
  }
  lines.push("");
  return lines;
}

function formatChange(c: LocatedChange): string[] {
  const where = [c.file, c.line, c.column].filter((p) => p !== undefined).join(":");
  const lines = [`    ${c.code}: ${c.message}`, `      at ${where} ${c.pointer}`, `      ${formatVerdicts(c)}`];
  for (const note of c.notes) lines.push(`      note: ${note}`);
  if (c.operations.length && !OPERATION_CODES.has(c.code)) {
    const dirs = c.directions.length ? ` (${c.directions.join(", ")})` : "";
    lines.push(`      in ${c.operations.join(", ")}${dirs}`);
  }
  return lines;
}

/** `wire: fix, types: breaking (types only)`: both judgements, and which one the kind comes from when they differ. */
export function formatVerdicts(c: Pick<LocatedChange, "wire" | "types">): string {
  const only = c.wire === c.types ? "" : c.wire === maxKind(c.wire, c.types) ? " (wire only)" : " (types only)";
  return `wire: ${c.wire}, types: ${c.types}${only}`;
}

/** The machine report. Stable shape: `{ specs: [...], errors: [...], changesets: [...] }`. */
export function formatDiffJson(result: DiffResult, changesets: readonly ChangesetOutcome[] = []): string {
  return `${JSON.stringify({ specs: result.specs, errors: result.errors, changesets }, null, 2)}\n`;
}
