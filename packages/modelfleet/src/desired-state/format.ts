import type { Scaling } from "@modelfleet/runtime/fleet";
import type { ApplyItemResult, DeploymentState, PlanItem, PlannedChange } from "./types.js";

/** `1-2`, `?-4` for a bound the provider left out, `none` without scaling, a state or version as is, `unknown` for none. */
export function formatChangeValue(field: PlannedChange["field"], value: Scaling | DeploymentState | string | null): string {
  if (field === "state" || field === "version") return (value as string | null) ?? "unknown";
  const scaling = value as Scaling | null;
  return scaling ? `${scaling.min ?? "?"}-${scaling.max ?? "?"}` : "none";
}

/** One change as people read it: `scaling 1-2 → 0-4`, `state running → stopped`. */
export function describeChange(change: PlannedChange): string {
  return `${change.field} ${formatChangeValue(change.field, change.from)} → ${formatChangeValue(change.field, change.to)}`;
}

/** One line per plan item, without colour: `scaling 1-2 → 0-4, state running → stopped`. */
export function describePlanItem(item: PlanItem): string {
  switch (item.kind) {
    case "change":
      return item.changes.map(describeChange).join(", ");
    case "no-op":
      return "no changes";
    case "cannot":
      return `cannot: ${item.message}`;
    case "error":
      return `error: ${item.message}`;
  }
}

/** One line for an apply result: what was done, or why not. */
export function describeApplyResult(result: ApplyItemResult): string {
  const done = result.applied.map(describeChange).join(", ");
  switch (result.outcome) {
    case "applied":
      return done;
    case "no-op":
      return "no changes";
    default:
      return done ? `${result.message} (done before: ${done})` : (result.message ?? result.outcome);
  }
}
