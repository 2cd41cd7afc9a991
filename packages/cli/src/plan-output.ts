import { type ApplyItemResult, type ApplyResult, describeApplyResult, describePlanItem, type FleetPlan, type PlanItem } from "modelfleet";
import type { Colors } from "./output.js";
import { renderTable } from "./output.js";

const MARK: Record<PlanItem["kind"], [string, keyof Colors]> = {
  change: ["~", "yellow"],
  "no-op": ["=", "dim"],
  cannot: ["!", "red"],
  error: ["x", "red"],
};

/** A plan as a diff: one line per reference, `~` to change, `=` unchanged, `!` cannot be done, `x` unreadable. */
export function renderPlan(plan: FleetPlan, colors: Colors): string {
  if (plan.items.length === 0) return "The fleet file names no deployments.";
  const rows = plan.items.map((item) => {
    const [mark, color] = MARK[item.kind];
    const paint = colors[color] as (s: string) => string;
    // `sieve:…@latest` says which version it resolved to.
    const named = refVersion(item.ref);
    const ref =
      item.kind === "change" && named !== null && item.current.version !== named ? `${item.ref} (${item.current.version})` : item.ref;
    return [
      paint(mark),
      item.kind === "no-op" ? colors.dim(ref) : ref,
      item.kind === "no-op" ? colors.dim(describePlanItem(item)) : describePlanItem(item),
    ];
  });
  const { change, noOp, cannot, error } = plan.summary;
  const parts = [`${change} to change`, `${noOp} unchanged`];
  if (cannot) parts.push(`${cannot} cannot be done`);
  if (error) parts.push(`${error} could not be read`);
  return `${renderTable(undefined, rows, colors)}\n\nPlan: ${parts.join(", ")}.`;
}

const OUTCOME_COLOR: Record<ApplyItemResult["outcome"], keyof Colors> = {
  applied: "green",
  "no-op": "dim",
  skipped: "yellow",
  conflict: "red",
  failed: "red",
  aborted: "yellow",
};

/** What apply did, one line per reference, then the counts. */
export function renderApplyResult(result: ApplyResult, colors: Colors): string {
  const rows = result.results.map((r) => {
    const paint = colors[OUTCOME_COLOR[r.outcome]] as (s: string) => string;
    return [paint(r.outcome), r.ref, describeApplyResult(r)];
  });
  const counts = Object.entries(result.summary)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${outcome}`);
  return `${renderTable(undefined, rows, colors)}\n\nApply: ${counts.join(", ")}.`;
}

/** The version part of a reference, when it has one after `@`, to tell when `latest` resolved to something else. */
function refVersion(ref: string): string | null {
  const at = ref.lastIndexOf("@");
  return at < 0 ? null : ref.slice(at + 1);
}
