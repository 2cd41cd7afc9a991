import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { toJson } from "../output.js";
import { describeVersion } from "./describe.js";

/** `modelfleet get <ref>`: one version. */
export async function get(context: Context): Promise<ExitCode> {
  const ref = context.positionals[0] as string;
  const { provider } = context.fleet.parseRef(ref);
  const version = await context.fleet.getVersion(ref, { signal: context.deadline({ provider, operation: "getVersion" }) });
  context.io.stdout.write(context.json ? toJson(context.shown(version, version.provider)) : `${describeVersion(version, context.out)}\n`);
  return EXIT.ok;
}
