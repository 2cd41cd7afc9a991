import type { Capabilities } from "modelfleet/all";
import { PROVIDERS, type ProviderInfo } from "./registry.js";
import { COMMAND_SUMMARY, COMMAND_USAGE, type CommandName, wrap } from "./usage.js";

/** What a command's own help adds to its usage line: which references it takes, and an example. */
interface CommandHelp {
  /** The positional reference, the facade verb deciding which providers take it, and which form they take. */
  ref?: { name: string; verb: keyof Capabilities; form: "version" | "model" };
  /** One example, given a provider that has the verb (the first one, in the registry's order), when there is one. */
  example: (provider: ProviderInfo | undefined) => string;
}

/** An example's reference: the provider's form, quoted for the shell (its `<…>` placeholders are redirections). */
const quoted = (form: string | undefined) => `'${form ?? "<ref>"}'`;

const HELP_OF: Record<CommandName, CommandHelp> = {
  ls: {
    example: () =>
      `modelfleet ls --provider ${PROVIDERS.slice(0, 2)
        .map((p) => p.id)
        .join(",")} --status ready,failed`,
  },
  get: { ref: { name: "ref", verb: "getVersion", form: "version" }, example: (p) => `modelfleet get ${quoted(p?.versionRefForm)} --json` },
  versions: {
    ref: { name: "modelRef", verb: "listVersions", form: "model" },
    example: (p) => `modelfleet versions ${quoted(p?.modelRefForm)}`,
  },
  scale: {
    ref: { name: "ref", verb: "scale", form: "version" },
    example: (p) => `modelfleet scale ${quoted(p?.versionRefForm)} --min 0 --max 2 --yes`,
  },
  providers: { example: () => "modelfleet providers --json" },
  start: {
    ref: { name: "ref", verb: "start", form: "version" },
    example: (p) => `modelfleet start ${quoted(p?.versionRefForm)} --wait --yes`,
  },
  stop: { ref: { name: "ref", verb: "stop", form: "version" }, example: (p) => `modelfleet stop ${quoted(p?.versionRefForm)} --yes` },
  promote: {
    ref: { name: "ref", verb: "promote", form: "version" },
    example: (p) => `modelfleet promote ${quoted(p?.versionRefForm)} --to <version> --wait --yes`,
  },
  rollback: {
    ref: { name: "ref", verb: "rollback", form: "version" },
    example: (p) => `modelfleet rollback ${quoted(p?.versionRefForm)} --to <version> --yes`,
  },
  plan: { example: () => "modelfleet plan fleet.yaml" },
  apply: { example: () => "modelfleet apply fleet.yaml --yes --concurrency 4" },
  export: { example: () => "modelfleet export > fleet.yaml && modelfleet plan fleet.yaml" },
  cost: { example: () => "modelfleet cost --window 7d --prices prices.yaml --idle --write idle.yaml && modelfleet plan idle.yaml" },
  ui: { example: () => "modelfleet ui --fleet fleet.yaml --allow-changes" },
};

/**
 * `modelfleet <command> --help`: the usage line, what the command does, the reference forms it takes (from the
 * providers that have its verb) and one example.
 */
export function commandHelp(command: CommandName): string {
  const help = HELP_OF[command];
  const capable = help.ref ? PROVIDERS.filter((p) => p.capabilities[(help.ref as NonNullable<CommandHelp["ref"]>).verb] === true) : [];
  const lines = [`usage: ${COMMAND_USAGE[command]}`, "", wrap(COMMAND_SUMMARY[command], 0)];
  if (help.ref) {
    const { name, form } = help.ref;
    lines.push("", capable.length ? `<${name}> is one of:` : `no provider supports ${command} yet`);
    for (const p of capable) lines.push(`  ${form === "version" ? p.versionRefForm : p.modelRefForm}`);
  }
  lines.push("", "example:", `  ${help.example(capable[0])}`, "", "Run modelfleet --help for the options every command takes.");
  return lines.join("\n");
}
