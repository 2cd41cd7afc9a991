import type { ModelVersion } from "modelfleet/all";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { escapeControls, toJson } from "../output.js";
import { startProgress } from "../progress.js";
import { confirm } from "../prompt.js";
import { UsageError } from "../usage.js";
import { scaleLine } from "./describe.js";

const DEFAULT_TIMEOUT_S = 600;

/** `modelfleet start <ref>`: brings a stopped deployment up; with --wait, until it is ready. */
export function start(context: Context): Promise<ExitCode> {
  return lifecycle(context, "start");
}

/** `modelfleet stop <ref>`: stops a deployment, keeping it; with --wait, until it is stopped. */
export function stop(context: Context): Promise<ExitCode> {
  return lifecycle(context, "stop");
}

/** `modelfleet promote <ref> --to <version>`: makes it the version `ref` serves; with --wait, until it is ready. */
export function promote(context: Context): Promise<ExitCode> {
  return lifecycle(context, "promote");
}

/** `modelfleet rollback <ref> --to <version>`: returns `ref` to a version it served before; with --wait, until ready. */
export function rollback(context: Context): Promise<ExitCode> {
  return lifecycle(context, "rollback");
}

type Operation = "start" | "stop" | "promote" | "rollback";
const QUESTION: Record<Operation, string> = { start: "Start", stop: "Stop", promote: "Promote", rollback: "Roll back" };

async function lifecycle(context: Context, operation: Operation): Promise<ExitCode> {
  const { io, fleet, usage } = context;
  const ref = context.positionals[0] as string;
  const timeoutMs = timeoutOf(context.values.timeout, usage);
  if (timeoutMs !== undefined && context.values.wait !== true) throw new UsageError("--timeout only goes with --wait", usage);
  const changesVersion = operation === "promote" || operation === "rollback";
  // `--to`, as `--version` is the CLI's own version.
  const version = context.values.to;
  if (changesVersion && (typeof version !== "string" || version.trim() === "")) {
    throw new UsageError(`${operation} needs --to <version>, the version ${ref} should serve`, usage);
  }
  const { provider } = fleet.parseRef(ref);
  if (!fleet.capabilities(provider)[operation]) {
    const why = fleet.providers().find((p) => p.id === provider)?.unsupported[operation];
    throw new UsageError(`${provider} does not support ${operation}${why ? `: ${why}` : ""}`, usage);
  }
  // What the write itself would refuse for this reference or version, before the read.
  fleet.checkWrite(ref, changesVersion ? { verb: operation, version: version as string } : { verb: operation as "start" | "stop" });
  const yes = context.values.yes === true;
  if (!yes && io.stdin.isTTY !== true) {
    throw new UsageError(`${operation} changes a live deployment: pass --yes to confirm when stdin is not a terminal`, usage);
  }
  // As scale: the version as it is first, so the output shows what the verb changed.
  const before = await fleet.getVersion(ref, { signal: context.deadline({ provider, operation: "getVersion" }) });
  if (!context.json) io.stdout.write(`before  ${escapeControls(before.ref)}  ${scaleLine(before, context.out)}\n`);
  const question = `${QUESTION[operation]} ${escapeControls(ref)}${changesVersion ? ` to version ${escapeControls(version as string)}` : ""}?`;
  if (!yes && !(await confirm(question, io.stdin, io.stderr))) {
    io.stderr.write("Cancelled; nothing was changed.\n");
    return EXIT.failed;
  }
  // The capability was checked above, so the reference's provider has the verb; the cast only forgets which.
  const signal = context.deadline({ provider, operation });
  let after: ModelVersion = await runVerb(fleet, operation, ref as never, version as string | undefined, signal);
  if (context.values.wait === true) {
    const target = operation === "stop" ? "stopped" : "ready";
    const progress = startProgress(io.stderr, `waiting for ${ref} to be ${target}`);
    try {
      after = await fleet.waitFor(ref, target, { timeoutMs: timeoutMs ?? DEFAULT_TIMEOUT_S * 1000 });
    } finally {
      progress.stop();
    }
  }
  const shown = { before: context.shown(before, before.provider), after: context.shown(after, after.provider) };
  io.stdout.write(context.json ? toJson(shown) : `after   ${escapeControls(after.ref)}  ${scaleLine(after, context.out)}\n`);
  return EXIT.ok;
}

function timeoutOf(value: unknown, usage: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d+$/.test(value) || Number(value) < 1) {
    throw new UsageError(`--timeout must be a whole number of seconds, at least 1, got ${JSON.stringify(value)}`, usage);
  }
  return Number(value) * 1000;
}

/** The verb itself, one call per verb: each is typed for the providers that have it. */
function runVerb(
  fleet: Context["fleet"],
  operation: Operation,
  ref: never,
  version: string | undefined,
  signal: AbortSignal,
): Promise<ModelVersion> {
  switch (operation) {
    case "start":
      return fleet.start(ref, { signal });
    case "stop":
      return fleet.stop(ref, { signal });
    case "promote":
      return fleet.promote(ref, { version: version as string, signal });
    case "rollback":
      return fleet.rollback(ref, { version: version as string, signal });
  }
}
