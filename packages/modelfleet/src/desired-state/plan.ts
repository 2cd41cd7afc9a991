import { InvalidArgumentError, ModelfleetError, NotFoundError } from "@modelfleet/runtime";
import type { WriteRequest } from "@modelfleet/runtime/fleet";
import type { FleetCapabilities, ProviderStatus } from "../fleet.js";
import type { FleetAccess } from "./access.js";
import { concurrencyOption, eachBounded } from "./bounded.js";
import { assertDesiredState } from "./check.js";
import { changesFor, observe } from "./observe.js";
import type { DesiredDeployment, FleetPlan, PlanItem, PlannedChange, PlanOptions, PlanSummary } from "./types.js";

const DEFAULT_CONCURRENCY = 4;

/**
 * Reads every referenced deployment (at most `concurrency` at once) and compares it with its desired state. Only
 * reads: nothing is written. A desired state that does not check out throws before any request; a reference that
 * cannot be read becomes a `cannot` (404, provider not configured) or an `error` item, never a rejection.
 */
export async function planFleet(fleet: FleetAccess, desired: unknown, options: PlanOptions = {}): Promise<FleetPlan> {
  const state = assertDesiredState(desired, fleet);
  const concurrency = concurrencyOption(options.concurrency, DEFAULT_CONCURRENCY);
  const providers = new Map(fleet.providers().map((p) => [p.id as string, p]));
  const items = await eachBounded(state.deployments, concurrency, (entry) => planOne(fleet, entry, providers, options.signal));
  return { items, summary: summarize(items), hasChanges: items.some((i) => i.kind === "change") };
}

async function planOne(
  fleet: FleetAccess,
  desired: DesiredDeployment,
  providers: Map<string, ProviderStatus>,
  signal: AbortSignal | undefined,
): Promise<PlanItem> {
  const { provider } = fleet.parseRef(desired.ref);
  const base = { ref: desired.ref, provider, desired };
  const status = providers.get(provider);
  if (!status?.configured) {
    const message = status
      ? `${status.name} is not configured: set ${status.envVar} to plan ${desired.ref}`
      : `${provider} is not a provider of this fleet`;
    return { ...base, kind: "cannot", reason: "not-configured", message, current: null, changes: [] };
  }
  let version: Awaited<ReturnType<FleetAccess["getVersion"]>>;
  try {
    version = await fleet.getVersion(desired.ref, { signal });
  } catch (error) {
    // An abort ends the whole plan: a plan with holes would read as drift that is not there.
    if (signal?.aborted) throw error;
    if (NotFoundError.isInstance(error)) {
      return {
        ...base,
        kind: "cannot",
        reason: "not-found",
        message: `${desired.ref} was not found: ${error.message}`,
        current: null,
        changes: [],
      };
    }
    return { ...base, kind: "error", message: describeFailure(error), error };
  }
  const current = observe(version);
  const changes = changesFor(desired, current);
  if (changes.length === 0) return { ...base, kind: "no-op", current };
  if (changes.some((c) => c.field === "state") && current.state === null) {
    const message = `${desired.ref} is ${current.status}${current.providerStatus ? ` (${current.providerStatus})` : ""}: it can be neither started nor stopped`;
    return { ...base, kind: "cannot", reason: "status", message, current, changes };
  }
  const missing = changes.find((change) => operationFor(change, status.capabilities) === null);
  if (missing) {
    const verbs = candidatesFor(missing);
    const why = verbs.map((verb) => status.unsupported[verb]).find((reason) => reason && reason !== "not available");
    const message = `capability missing: ${provider} cannot ${verbs.join(" or ")}${why ? ` (${why})` : ""}`;
    return { ...base, kind: "cannot", reason: "unsupported", message, current, changes };
  }
  // What the write itself would refuse before sending anything is refused here, so apply never fails on it.
  for (const change of changes) {
    const refusal = refusalOf(fleet, desired.ref, writeRequestFor(change, operationFor(change, status.capabilities) as WriteVerb));
    if (refusal) return { ...base, kind: "cannot", reason: "refused", message: refusal, current, changes };
  }
  return { ...base, kind: "change", current, changes };
}

/** The write that makes `change` with `verb`, as a provider is asked about it. */
export function writeRequestFor(change: PlannedChange, verb: WriteVerb): WriteRequest {
  if (change.field === "scaling") return { verb: "scale", bounds: { min: change.to.min, max: change.to.max } };
  if (change.field === "version") return { verb: verb as "promote" | "rollback", version: change.to };
  return { verb: verb as "start" | "stop" };
}

/** Why the fleet would refuse `request` on `ref` before any request, or `undefined`; only argument refusals are caught. */
export function refusalOf(fleet: Pick<FleetAccess, "checkWrite">, ref: string, request: WriteRequest): string | undefined {
  try {
    fleet.checkWrite(ref, request);
    return undefined;
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error.message;
    throw error;
  }
}

type WriteVerb = WriteRequest["verb"];

/** The verbs that can make a change, preferred first: a version moves by promote, else by rollback. */
function candidatesFor(change: PlannedChange): WriteVerb[] {
  if (change.field === "scaling") return ["scale"];
  if (change.field === "version") return ["promote", "rollback"];
  return [change.to === "running" ? "start" : "stop"];
}

/** The fleet verb a change takes on a provider with these capabilities, or `null` when it has none of them. */
export function operationFor(change: PlannedChange, capabilities: FleetCapabilities): WriteVerb | null {
  return candidatesFor(change).find((verb) => capabilities[verb]) ?? null;
}

function summarize(items: readonly PlanItem[]): PlanSummary {
  const summary: PlanSummary = { change: 0, noOp: 0, cannot: 0, error: 0 };
  for (const item of items) summary[item.kind === "no-op" ? "noOp" : item.kind]++;
  return summary;
}

/** One line for a failure, with the request id when the provider sent one. */
export function describeFailure(error: unknown): string {
  if (ModelfleetError.isInstance(error)) {
    const requestId = (error as { requestId?: unknown }).requestId;
    return typeof requestId === "string" && !error.message.includes(requestId)
      ? `${error.message} (request id ${requestId})`
      : error.message;
  }
  return error instanceof Error ? error.message : String(error);
}
