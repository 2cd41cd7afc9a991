import type { Capabilities } from "modelfleet/all";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { renderTable, toJson } from "../output.js";
import { providerInfo } from "../registry.js";

/** The CLI command behind each facade capability. */
const COMMAND_OF: Record<keyof Capabilities, string> = {
  listDeployments: "ls",
  getVersion: "get",
  listVersions: "versions",
  scale: "scale",
  start: "start",
  stop: "stop",
  promote: "promote",
  rollback: "rollback",
  price: "cost",
  usage: "cost",
};

/** `modelfleet providers`: which providers are configured, from which variables, and what each supports. */
export async function providers(context: Context): Promise<ExitCode> {
  const { io, out } = context;
  const rows = context.fleet.providers().map((p) => {
    const override = context.baseUrls.get(p.id);
    return {
      id: p.id,
      name: p.name,
      configured: p.configured,
      keyEnvVar: p.envVar,
      baseUrl: override?.url ?? null,
      baseUrlSource: override?.source ?? null,
      baseUrlEnvVar: providerInfo(p.id)?.baseUrlEnvVar ?? null,
      capabilities: p.capabilities,
      unsupported: p.unsupported,
    };
  });
  if (context.json) {
    io.stdout.write(toJson(rows));
    return EXIT.ok;
  }
  const table = renderTable(
    ["PROVIDER", "CONFIGURED", "KEY", "BASE URL", "COMMANDS"],
    rows.map((row) => [
      row.id,
      row.configured ? out.green("yes") : out.dim("no"),
      row.configured ? row.keyEnvVar : `${row.keyEnvVar} ${out.dim("(not set)")}`,
      row.baseUrl ? `${row.baseUrl} ${out.dim(`(${row.baseUrlSource})`)}` : out.dim("default"),
      // `price` and `usage` are both `cost`: each command once.
      [...new Set((Object.keys(COMMAND_OF) as (keyof Capabilities)[]).filter((c) => row.capabilities[c]).map((c) => COMMAND_OF[c]))].join(
        ", ",
      ),
    ]),
    out,
  );
  io.stdout.write(`${table}\n`);
  return EXIT.ok;
}
