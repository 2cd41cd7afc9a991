import { type ApplyResult, describeApplyResult, describePlanItem, type FleetPlan } from "modelfleet";
import type { ModelVersion, ProviderStatus, Verb } from "modelfleet/all";
import type { ApplyView, DeploymentView, PlanView, ProviderView } from "./view-types.js";

/** Masks a provider's data as the CLI does without `--show-secrets`. */
export type Mask = <T>(value: T, provider: string) => T;

/**
 * A version as the page sees it: the normalized fields only. The raw object stays in the server (it may echo a
 * token), and what is left still goes through the provider's mask, as everything the CLI prints does.
 */
export function deploymentView(version: ModelVersion, mask: Mask): DeploymentView {
  const view: DeploymentView = {
    ref: version.ref,
    provider: version.provider,
    model: version.model,
    version: version.version,
    status: version.status,
    providerStatus: version.providerStatus,
    scaling: version.scaling ? { min: version.scaling.min, max: version.scaling.max } : null,
    replicas: version.replicas,
    hardware: version.hardware,
    createdAt: version.createdAt?.toISOString() ?? null,
    updatedAt: version.updatedAt?.toISOString() ?? null,
  };
  return mask(view, version.provider);
}

/** A provider with every verb and, for those it lacks, why (the words of `modelfleet providers`). */
export function providerView(status: ProviderStatus): ProviderView {
  return {
    id: status.id,
    name: status.name,
    configured: status.configured,
    // The capabilities hold every verb, in the facade's order.
    verbs: (Object.keys(status.capabilities) as Verb[]).map((verb) => ({
      verb,
      supported: status.capabilities[verb],
      reason: status.unsupported[verb] ?? null,
    })),
  };
}

/** A plan with the CLI's words per item; `id` names it so that apply applies what was reviewed. */
export function planView(id: string, file: string, plan: FleetPlan): PlanView {
  return {
    id,
    file,
    items: plan.items.map((item) => ({ ref: item.ref, provider: item.provider, kind: item.kind, description: describePlanItem(item) })),
    summary: { ...plan.summary },
    hasChanges: plan.hasChanges,
  };
}

/** Apply's results with the CLI's words per reference. */
export function applyView(result: ApplyResult): ApplyView {
  return {
    results: result.results.map((r) => ({ ref: r.ref, outcome: r.outcome, description: describeApplyResult(r) })),
    summary: { ...result.summary },
    ok: result.ok,
  };
}
