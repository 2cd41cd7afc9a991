import type { ApplyResult } from "modelfleet";
import { readFleetFile } from "modelfleet/fleet-file";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { toJson } from "../output.js";
import { renderApplyResult, renderPlan } from "../plan-output.js";
import { startProgress } from "../progress.js";
import { confirm } from "../prompt.js";
import { UsageError } from "../usage.js";

/**
 * `modelfleet apply <file>`: plans, shows the plan, asks (on a terminal, unless --yes), applies with a progress
 * line, and prints a result per reference. Ctrl-C while applying stops what has not started and reports it.
 * Exit 0 when everything is as the file says afterwards, 1 otherwise.
 */
export async function apply(context: Context): Promise<ExitCode> {
  const { io, fleet, usage } = context;
  const file = context.positionals[0] as string;
  const concurrency = concurrencyOf(context.values.concurrency, usage);
  const yes = context.values.yes === true;
  // As for scale: a script must say --yes, checked before anything is read.
  if (!yes && io.stdin.isTTY !== true) {
    throw new UsageError("apply changes live deployments: pass --yes to confirm when stdin is not a terminal", usage);
  }
  const desired = await readFleetFile(file, { references: context.fleet });
  const reading = startProgress(io.stderr, `reading ${desired.deployments.length} deployments`);
  let planned: Awaited<ReturnType<typeof fleet.plan>>;
  try {
    planned = await fleet.plan(desired, concurrency === undefined ? {} : { concurrency });
  } finally {
    reading.stop();
  }
  const blocked = planned.summary.cannot + planned.summary.error > 0;
  if (!context.json) io.stdout.write(`${renderPlan(planned, context.out)}\n`);
  if (!planned.hasChanges) {
    if (context.json) io.stdout.write(toJson({ plan: planned, result: null }));
    else io.stdout.write("\nNothing to apply.\n");
    return blocked ? EXIT.failed : EXIT.ok;
  }
  if (!yes) {
    const question = `\nApply ${planned.summary.change} change${planned.summary.change === 1 ? "" : "s"}${blocked ? " (the rest cannot be done)" : ""}?`;
    if (!(await confirm(question, io.stdin, io.stderr))) {
      io.stderr.write("Cancelled; nothing was changed.\n");
      return EXIT.failed;
    }
  }

  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once("SIGINT", onInterrupt);
  const total = planned.items.length;
  const progress = startProgress(io.stderr, `applying 0/${total}`);
  let result: ApplyResult;
  try {
    result = await fleet.apply(planned, {
      signal: controller.signal,
      ...(concurrency === undefined ? {} : { concurrency }),
      onResult: (r, done) => progress.update(`applying ${done}/${total}: ${r.ref} ${r.outcome}`),
    });
  } finally {
    progress.stop();
    process.removeListener("SIGINT", onInterrupt);
  }
  io.stdout.write(context.json ? toJson({ plan: planned, result }) : `\n${renderApplyResult(result, context.out)}\n`);
  return result.ok && !blocked ? EXIT.ok : EXIT.failed;
}

function concurrencyOf(value: unknown, usage: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[1-9]\d*$/.test(value) || Number(value) > 64) {
    throw new UsageError(`--concurrency must be an integer from 1 to 64, got ${JSON.stringify(value)}`, usage);
  }
  return Number(value);
}
