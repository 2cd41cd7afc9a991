import { InvalidArgumentError } from "@modelfleet/runtime";
import type { ModelVersion } from "@modelfleet/runtime/fleet";
import type { FleetCapabilities } from "../fleet.js";
import type { FleetAccess } from "./access.js";
import { concurrencyOption, eachBounded } from "./bounded.js";
import { formatChangeValue } from "./format.js";
import { holds, observe } from "./observe.js";
import { describeFailure, operationFor } from "./plan.js";
import type {
  ApplyItemResult,
  ApplyOptions,
  ApplyOutcome,
  ApplyResult,
  FleetPlan,
  ObservedState,
  PlanChangeItem,
  PlanItem,
  PlannedChange,
} from "./types.js";

const DEFAULT_CONCURRENCY = 4;
const OUTCOMES: readonly ApplyOutcome[] = ["applied", "no-op", "skipped", "conflict", "failed", "aborted"];

/**
 * Executes a plan, at most `concurrency` references at once. Each reference with changes is read again first: if
 * it already is as desired, nothing is written (so applying a plan twice writes once); if it moved away from what
 * the plan saw, it is a `conflict` and nothing is written. One reference failing never stops the others, and an
 * abort marks what was not done as `aborted`: the result always resolves, telling exactly what happened.
 */
export async function applyPlan(fleet: FleetAccess, plan: FleetPlan, options: ApplyOptions = {}): Promise<ApplyResult> {
  if (typeof plan !== "object" || plan === null || !Array.isArray(plan.items)) {
    throw new InvalidArgumentError("plan", "apply takes the plan that fleet.plan() returned");
  }
  const concurrency = concurrencyOption(options.concurrency, DEFAULT_CONCURRENCY);
  const { signal, onResult } = options;
  const capabilities = new Map(fleet.providers().map((p) => [p.id as string, p.capabilities]));
  let done = 0;
  const results = await eachBounded(plan.items, concurrency, async (item) => {
    const result = await applyOne(fleet, item, capabilities.get(item.provider), signal);
    onResult?.(result, ++done, plan.items.length);
    return result;
  });
  const summary = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<ApplyOutcome, number>;
  for (const result of results) summary[result.outcome]++;
  return { results, summary, ok: results.every((r) => r.outcome === "applied" || r.outcome === "no-op") };
}

async function applyOne(
  fleet: FleetAccess,
  item: PlanItem,
  capabilities: FleetCapabilities | undefined,
  signal: AbortSignal | undefined,
): Promise<ApplyItemResult> {
  const base = { ref: item.ref, provider: item.provider, applied: [] as PlannedChange[] };
  if (item.kind === "no-op") return { ...base, outcome: "no-op", message: null, after: item.current };
  if (item.kind === "cannot" || item.kind === "error") {
    return { ...base, outcome: "skipped", message: item.message, after: item.kind === "cannot" ? item.current : null };
  }
  if (signal?.aborted) return { ...base, outcome: "aborted", message: "aborted before it started", after: null };

  let after: ObservedState | null = null;
  try {
    after = observe(await fleet.getVersion(item.ref, { signal }));
    const conflict = conflictOf(item, after);
    if (conflict) return { ...base, outcome: "conflict", message: conflict, after };
    if (item.changes.every((change) => holds(after as ObservedState, change.field, change.to))) {
      return { ...base, outcome: "no-op", message: null, after };
    }
    for (const change of item.changes) {
      // Judged again before each write: an earlier one (a promote) may have brought this one about already.
      if (holds(after, change.field, change.to)) continue;
      const verb = capabilities && operationFor(change, capabilities);
      if (!verb) throw new Error(`${item.provider} can no longer ${change.field === "version" ? "change the version" : change.field}`);
      after = observe(await write(fleet, item.ref, change, verb, signal));
      base.applied.push(change);
    }
    return { ...base, outcome: "applied", message: null, after };
  } catch (error) {
    if (signal?.aborted) return { ...base, outcome: "aborted", message: `aborted: ${describeFailure(error)}`, after };
    return { ...base, outcome: "failed", message: describeFailure(error), error, after };
  }
}

/** Why the deployment no longer matches what the plan was computed from, or `null` when it still does. */
function conflictOf(item: PlanChangeItem, now: ObservedState): string | null {
  // Without a version change, the version is what the plan's other changes were judged against.
  if (!item.changes.some((change) => change.field === "version") && now.version !== item.current.version) {
    return `${item.ref} now resolves to version ${now.version}, the plan was made for ${item.current.version}; plan again`;
  }
  for (const change of item.changes) {
    if (holds(now, change.field, change.from) || holds(now, change.field, change.to)) continue;
    const nowValue = change.field === "state" ? now.state : change.field === "version" ? now.version : now.scaling;
    return `${change.field} changed since the plan: it is ${formatChangeValue(change.field, nowValue)}, the plan expected ${formatChangeValue(change.field, change.from)}; plan again`;
  }
  return null;
}

function write(
  fleet: FleetAccess,
  ref: string,
  change: PlannedChange,
  verb: NonNullable<ReturnType<typeof operationFor>>,
  signal: AbortSignal | undefined,
): Promise<ModelVersion> {
  if (change.field === "scaling") return fleet.scale(ref, { ...change.to, signal });
  if (change.field === "version")
    return verb === "promote" ? fleet.promote(ref, { version: change.to, signal }) : fleet.rollback(ref, { version: change.to, signal });
  return verb === "start" ? fleet.start(ref, { signal }) : fleet.stop(ref, { signal });
}
