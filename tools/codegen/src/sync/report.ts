import { formatSummary } from "../conform/command.js";
import { formatDiagnostic } from "../diagnostics.js";
import { formatVerdicts } from "../diff/report.js";
import type { SyncEntry } from "./sync.js";

/**
 * The summary of a sync, in Markdown: one line per spec, then what changed for each one that did. The scheduled
 * workflow uses it as its pull request's body, so a reviewer reads there what to check.
 */
export function formatSyncSummary(entries: readonly SyncEntry[], check: boolean): string {
  const lines = ["## Upstream API documents", ""];
  if (entries.length === 0) lines.push("No spec records an upstream document (`info.x-modelfleet.upstream`, or `upstream` in a sidecar).");
  for (const e of entries) lines.push(`- ${headline(e, check)}`);
  for (const e of entries) {
    if (e.status !== "changed" && e.status !== "new") continue;
    if (!e.diff && !e.conform) continue;
    lines.push("", `### ${e.id} (${e.spec})`, "");
    if (e.diff) {
      for (const c of e.diff.changes) lines.push(`- ${formatVerdicts(c)} \`${c.code}\` ${c.message} (\`${c.pointer}\`)`);
      if (!e.diff.changes.length) lines.push("- no change the generated client sees");
      for (const c of e.changesets ?? []) if (c.file) lines.push(`- changeset ${c.file}: ${c.packageName} ${c.bump}`);
    }
    if (e.usedChanges) {
      lines.push(
        e.usedChanges.length
          ? "Changes upstream in the operations this spec uses:"
          : "No change upstream in the operations this spec uses.",
      );
      for (const c of e.usedChanges) lines.push(`- ${c.kind} \`${c.code}\` ${c.message} (\`${c.pointer}\`; ${c.operations.join(", ")})`);
    } else if (e.conform && e.previous) {
      lines.push("The previous document is not in the local cache, so the upstream changes cannot be listed; conform's findings follow.");
    }
    if (e.conform) {
      lines.push("", formatSummary(e.conform));
      if (e.conform.diagnostics.length) lines.push("", "```", ...e.conform.diagnostics.map(formatDiagnostic), "```");
      lines.push("", "This spec is hand-written: edit it (or its `x-modelfleet-conform` allow-list, with reasons), then regenerate.");
    }
  }
  return `${lines.join("\n")}\n`;
}

function headline(e: SyncEntry, check: boolean): string {
  const sha = (s?: string) => (s ? s.slice(0, 12) : "none");
  const name = `**${e.id}** (${e.kind}, ${e.url})`;
  switch (e.status) {
    case "unchanged":
      return `${name}: unchanged (${sha(e.sha256)})`;
    case "failed":
      return `${name}: failed: ${e.error?.message ?? "unknown error"}`;
    default: {
      const what = `${e.status === "new" ? "recorded" : "changed"} ${sha(e.previous)} → ${sha(e.sha256)}`;
      if (check) return `${name}: ${what}`;
      if (e.kind === "imported") {
        const bump = e.changesets?.find((c) => c.file)?.bump;
        return `${name}: ${what}; re-imported and regenerated${e.diff?.highest ? `, ${e.diff.highest}` : ""}${bump ? ` (${bump} changeset)` : ""}`;
      }
      const findings = e.conform?.counts.findings ?? 0;
      return `${name}: ${what}; conform: ${findings} finding(s)${e.usedChanges ? `, ${e.usedChanges.length} change(s) in the operations we use` : ""}`;
    }
  }
}
