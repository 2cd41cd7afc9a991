import { readFleetFile } from "modelfleet/fleet-file";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { toJson } from "../output.js";
import { renderPlan } from "../plan-output.js";
import { startProgress } from "../progress.js";

/**
 * `modelfleet plan <file>`: what applying the fleet file would change. Exit codes follow Terraform's
 * `plan -detailed-exitcode`, so CI can tell drift from failure: 0 no changes, 2 changes, 1 anything went wrong
 * (a reference that cannot be brought to its desired state is a failure too).
 */
export async function plan(context: Context): Promise<ExitCode> {
  const file = context.positionals[0] as string;
  const desired = await readFleetFile(file, { references: context.fleet });
  const progress = startProgress(context.io.stderr, `reading ${desired.deployments.length} deployments`);
  let result: Awaited<ReturnType<Context["fleet"]["plan"]>>;
  try {
    result = await context.fleet.plan(desired);
  } finally {
    progress.stop();
  }
  context.io.stdout.write(context.json ? toJson(result) : `${renderPlan(result, context.out)}\n`);
  if (result.summary.cannot || result.summary.error) return EXIT.failed;
  return result.hasChanges ? EXIT.changes : EXIT.ok;
}
