import { desiredStateOf, noProviderConfigured } from "modelfleet";
import { stringifyFleetFile } from "modelfleet/fleet-file";
import { listValues } from "../args.js";
import type { Context } from "../context.js";
import type { ExitCode } from "../failure.js";
import { checkProviders, exitCode, warningLine } from "./ls.js";

/**
 * `modelfleet export [--provider p]`: the deployments as they are, as a fleet file on stdout, to start from (a
 * plan of it right away has no changes). A provider that fails is named on stderr and the exit code is 3, as for
 * `ls`: the file then lacks its deployments.
 */
export async function exportFleet(context: Context): Promise<ExitCode> {
  const { fleet, io } = context;
  const named = checkProviders(listValues(context.values.provider), context.usage);
  const providers = named ?? fleet.providers().flatMap((p) => (p.configured ? [p.id] : []));
  if (providers.length === 0) {
    throw noProviderConfigured(fleet.providers());
  }
  // Providers whose listing failed as a whole (not one item of it, nor a page after others).
  const failed = new Set<string>();
  const listing = fleet.listDeployments({
    providers,
    onProviderSettled: (outcome) => {
      if (outcome.versions === undefined) failed.add(outcome.provider);
    },
  });
  const { versions, failures } = await listing.settled();
  if (failed.size === providers.length) throw failures[0]?.error;
  // Given the fleet, the export leaves out what the provider would refuse to write, so its plan is a no-op.
  const desired = desiredStateOf(versions, fleet);
  io.stdout.write(stringifyFleetFile(desired, context.json ? "json" : "yaml"));
  for (const failure of failures) io.stderr.write(warningLine(failure, context));
  return exitCode(failures, failed, providers);
}
