import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { toJson } from "../output.js";
import { describeVersion } from "./describe.js";

/** `modelfleet get <ref>`: one version. */
export async function get(context: Context): Promise<ExitCode> {
  const version = await context.fleet.getVersion(context.positionals[0] as string, { signal: context.deadline() });
  context.io.stdout.write(context.json ? toJson(context.shown(version, version.provider)) : `${describeVersion(version, context.out)}\n`);
  return EXIT.ok;
}
