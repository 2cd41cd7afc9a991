import type { ModelVersion } from "@modelfleet/runtime/fleet";
import type { FleetCapabilities } from "../fleet.js";
import type { FleetAccess } from "./access.js";
import { observe } from "./observe.js";
import { operationFor, refusalOf, writeRequestFor } from "./plan.js";
import type { DesiredDeployment, DesiredState, PlannedChange } from "./types.js";

/** What an export asks of a fleet: what each provider can do, and what it would refuse for one reference (a fleet is one). */
export interface ExportAccess {
  capabilities(provider: string): FleetCapabilities;
  checkWrite: FleetAccess["checkWrite"];
}

/**
 * The desired state that describes `versions` as they are, to start a fleet file from: a plan of it against the
 * same fleet has no changes. Only what the fleet could manage is written: scaling where the provider scales and
 * both bounds are known, state where it can start or stop and the version is running or stopped, the version
 * served where it can promote or roll back. Given the fleet itself (rather than only its capabilities), a field
 * is also left out where the provider would refuse to write it for that reference (a version on a reference
 * that names one fixed deployment, bounds it does not accept), so every field written is one a plan can apply.
 * Deleted versions are left out. Entries are sorted by reference.
 */
export function desiredStateOf(
  versions: readonly ModelVersion[],
  fleet: ExportAccess | ((provider: string) => FleetCapabilities),
): DesiredState {
  const capabilitiesOf = typeof fleet === "function" ? fleet : (provider: string) => fleet.capabilities(provider);
  // Would the field be refused if it ever had to be written? Asked with the value it holds now.
  const writable = (ref: string, change: PlannedChange, can: FleetCapabilities) => {
    if (typeof fleet === "function") return true;
    const verb = operationFor(change, can);
    return verb === null || refusalOf(fleet, ref, writeRequestFor(change, verb)) === undefined;
  };
  const deployments: DesiredDeployment[] = [];
  // Sorted by reference, so that exporting the same fleet twice gives the same file.
  const sorted = [...versions].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  for (const version of sorted) {
    if (version.status === "deleted") continue;
    const can = capabilitiesOf(version.provider);
    const current = observe(version);
    const entry: DesiredDeployment = { ref: version.ref };
    const { scaling } = current;
    // A bound the provider left out, or bounds no fleet file can state (a platform that reports max 0 for "no cap"), stay unmanaged.
    if (can.scale && scaling && scaling.min !== null && scaling.max !== null && scaling.min <= scaling.max) {
      const bounds = { min: scaling.min, max: scaling.max };
      if (writable(version.ref, { field: "scaling", from: scaling, to: bounds }, can)) entry.scaling = bounds;
    }
    if ((can.start || can.stop) && current.state) {
      if (writable(version.ref, { field: "state", from: current.state, to: current.state }, can)) entry.state = current.state;
    }
    // A version reported empty (a function running no revision yet) is left unmanaged: there is nothing to pin.
    if ((can.promote || can.rollback) && current.version) {
      if (writable(version.ref, { field: "version", from: current.version, to: current.version }, can)) entry.version = current.version;
    }
    deployments.push(entry);
  }
  return { deployments };
}
