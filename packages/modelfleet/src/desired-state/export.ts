import type { ModelVersion } from "@modelfleet/runtime/fleet";
import type { FleetCapabilities } from "../fleet.js";
import { observe } from "./observe.js";
import type { DesiredDeployment, DesiredState } from "./types.js";

/**
 * The desired state that describes `versions` as they are, to start a fleet file from: a plan of it against the
 * same fleet has no changes. Only what the fleet could manage is written: scaling where the provider scales and
 * both bounds are known, state where it can start or stop and the version is running or stopped, the version
 * served where it can promote or roll back. Deleted
 * versions are left out. Entries are sorted by reference.
 */
export function desiredStateOf(versions: readonly ModelVersion[], capabilitiesOf: (provider: string) => FleetCapabilities): DesiredState {
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
    if (can.scale && scaling && scaling.min !== null && scaling.max !== null && scaling.min <= scaling.max)
      entry.scaling = { min: scaling.min, max: scaling.max };
    if ((can.start || can.stop) && current.state) entry.state = current.state;
    // A version reported empty (a function running no revision yet) is left unmanaged: there is nothing to pin.
    if ((can.promote || can.rollback) && current.version) entry.version = current.version;
    deployments.push(entry);
  }
  return { deployments };
}
