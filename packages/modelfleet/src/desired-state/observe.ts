import type { ModelVersion, Scaling } from "@modelfleet/runtime/fleet";
import type { DeploymentState, DesiredDeployment, ObservedState, PlannedChange } from "./types.js";

/** The comparable part of a version: no raw object, so nothing a provider echoes (tokens, say) travels on. */
export function observe(version: ModelVersion): ObservedState {
  return {
    version: version.version,
    status: version.status,
    providerStatus: version.providerStatus,
    scaling: version.scaling ? { min: version.scaling.min, max: version.scaling.max } : null,
    state: stateOf(version),
  };
}

function stateOf(version: ModelVersion): DeploymentState | null {
  switch (version.status) {
    case "stopped":
      return "stopped";
    case "pending":
    case "building":
    case "deploying":
    case "ready":
      return "running";
    default:
      return null;
  }
}

/**
 * What it takes to bring `current` to `desired`: the version served first (scaling then applies to it), scaling,
 * then state (a start then brings the new bounds up).
 */
export function changesFor(desired: DesiredDeployment, current: ObservedState): PlannedChange[] {
  const changes: PlannedChange[] = [];
  if (desired.version !== undefined && desired.version !== current.version) {
    changes.push({ field: "version", from: current.version, to: desired.version });
  }
  if (desired.scaling && !sameScaling(current.scaling, desired.scaling)) {
    changes.push({ field: "scaling", from: current.scaling, to: { min: desired.scaling.min, max: desired.scaling.max } });
  }
  if (desired.state && current.state !== desired.state) changes.push({ field: "state", from: current.state, to: desired.state });
  return changes;
}

/** Whether a field of `current` holds `value` (a change's `from` or `to`). */
export function holds(current: ObservedState, field: PlannedChange["field"], value: PlannedChange["from"]): boolean {
  if (field === "state") return current.state === value;
  if (field === "version") return current.version === value;
  const scaling = value as Scaling | null;
  return scaling === null ? current.scaling === null : sameScaling(current.scaling, scaling);
}

function sameScaling(a: Scaling | null, b: Scaling): boolean {
  return a !== null && a.min === b.min && a.max === b.max;
}
