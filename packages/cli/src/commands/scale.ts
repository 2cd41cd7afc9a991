import type { ParsedRefOf, ScalableOf } from "modelfleet";
import type { BuiltInProvider } from "modelfleet/all";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { escapeControls, formatScaling, toJson } from "../output.js";
import { confirm } from "../prompt.js";
import { UsageError } from "../usage.js";
import { scaleLine } from "./describe.js";

/**
 * `modelfleet scale <ref> --min N --max M`: reads the version, asks (on a terminal, unless --yes), scales it and
 * prints it before and after. Everything that can be checked without a request is checked first.
 */
export async function scale(context: Context): Promise<ExitCode> {
  const { io, fleet, usage } = context;
  const ref = context.positionals[0] as string;
  const min = bound(context.values.min, "min", usage);
  const max = bound(context.values.max, "max", usage);
  if (min > max) throw new UsageError(`--min (${min}) must not exceed --max (${max})`, usage);
  const parsed = fleet.parseRef(ref);
  if (!fleet.capabilities(parsed.provider).scale) {
    throw new UsageError(`${parsed.provider} does not support scale (see modelfleet providers)`, usage);
  }
  // Whatever the write itself would refuse (a reference form, bounds the provider does not take), before the read.
  fleet.checkWrite(parsed, { verb: "scale", bounds: { min, max } });
  const yes = context.values.yes === true;
  // A script (stdin not a terminal) must say --yes: a yes piped in by accident, or a prompt nobody sees, are worse.
  if (!yes && io.stdin.isTTY !== true) {
    throw new UsageError("scale changes a live deployment: pass --yes to confirm when stdin is not a terminal", usage);
  }

  const before = await fleet.getVersion(ref, { signal: context.deadline({ provider: parsed.provider, operation: "getVersion" }) });
  if (!context.json) io.stdout.write(`before  ${escapeControls(before.ref)}  ${scaleLine(before, context.out)}\n`);
  if (!yes) {
    const question = `Scale ${escapeControls(before.ref)} (${escapeControls(before.model)}) from ${formatScaling(before.scaling)} to ${min}-${max}?`;
    if (!(await confirm(question, io.stdin, io.stderr))) {
      io.stderr.write("Cancelled; nothing was changed.\n");
      return EXIT.failed;
    }
  }
  const after = await fleet.scale(parsed as ParsedRefOf<ScalableOf<BuiltInProvider>>, {
    min,
    max,
    signal: context.deadline({ provider: parsed.provider, operation: "scale" }),
  });
  const shown = { before: context.shown(before, before.provider), after: context.shown(after, after.provider) };
  io.stdout.write(context.json ? toJson(shown) : `after   ${escapeControls(after.ref)}  ${scaleLine(after, context.out)}\n`);
  return EXIT.ok;
}

function bound(value: unknown, name: "min" | "max", usage: string): number {
  if (value === undefined) throw new UsageError(`missing --${name}`, usage);
  if (typeof value !== "string" || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new UsageError(`--${name} must be a non-negative integer, got ${JSON.stringify(value)}`, usage);
  }
  return Number(value);
}
