import { listWords, PROVIDERS } from "./registry.js";

/** The commands, each with its one-line usage (printed with every usage error of that command). */
export const COMMAND_USAGE = {
  ls: "modelfleet ls [--provider <p> ...] [--status <s> ...] [--cost] [--json]",
  get: "modelfleet get <ref> [--json]",
  versions: "modelfleet versions <modelRef> [--json]",
  scale: "modelfleet scale <ref> --min <n> --max <m> [--yes] [--json]",
  providers: "modelfleet providers [--json]",
  start: "modelfleet start <ref> [--wait] [--timeout <seconds>] [--yes] [--json]",
  stop: "modelfleet stop <ref> [--wait] [--timeout <seconds>] [--yes] [--json]",
  promote: "modelfleet promote <ref> --to <version> [--wait] [--timeout <seconds>] [--yes] [--json]",
  rollback: "modelfleet rollback <ref> --to <version> [--wait] [--timeout <seconds>] [--yes] [--json]",
  plan: "modelfleet plan <file> [--json]",
  apply: "modelfleet apply <file> [--yes] [--concurrency <n>] [--json]",
  export: "modelfleet export [--provider <p> ...] [--json]",
  cost: "modelfleet cost [--window 24h|7d|<from>..<to>] [--provider <p> ...] [--prices <file>] [--idle [--write <file>]] [--json]",
  ui: "modelfleet ui [--port <n>] [--host <address>] [--allow-changes] [--fleet <file>] [--no-open]",
} as const;

/** A command of the CLI. */
export type CommandName = keyof typeof COMMAND_USAGE;

export function isCommandName(value: string): value is CommandName {
  return Object.hasOwn(COMMAND_USAGE, value);
}

export const GENERAL_USAGE = "modelfleet <ls|get|versions|scale|start|stop|promote|rollback|plan|apply|export|cost|providers|ui> [options]";

/** The full help text (`modelfleet --help`); provider names, variables and reference forms come from the registered providers. */
export const HELP = `usage: ${GENERAL_USAGE}

commands:
  ${COMMAND_USAGE.ls}
      deployments of every configured provider (or those named), as a table; --cost adds each one's
      rate per hour (see cost)
  ${COMMAND_USAGE.get}
      one version; <ref> is one of
        ${PROVIDERS.map((p) => p.versionRefForm).join("\n        ")}
  ${COMMAND_USAGE.versions}
      every version of a model; <modelRef> is one of
        ${PROVIDERS.map((p) => p.modelRefForm).join("\n        ")}
  ${COMMAND_USAGE.scale}
      set a version's replica bounds; prints it before and after. Asks first when stdin is a
      terminal; elsewhere (scripts, CI) it refuses to run without --yes
  ${COMMAND_USAGE.start}
  ${COMMAND_USAGE.stop}
      start or stop a deployment, where its provider can (modelfleet providers); --wait polls until
      it is ready or stopped. Confirmation as for scale
  ${COMMAND_USAGE.promote}
  ${COMMAND_USAGE.rollback}
      make <version> the one <ref> serves (promote), or return <ref> to a version it served before
      (rollback), where its provider can; --wait polls until it is ready. Confirmation as for scale
  ${COMMAND_USAGE.plan}
      compare a fleet file (YAML or JSON) with the deployments it names and print what would change
  ${COMMAND_USAGE.apply}
      plan, ask (or --yes), then make the changes and print a result per deployment
  ${COMMAND_USAGE.export}
      the deployments as they are, as a fleet file on stdout (YAML; JSON with --json)
  ${COMMAND_USAGE.cost}
      what each deployment costs per hour now (unit price x running replicas; a range where only replica
      bounds are known), its spend and requests over the window (default 24h) where its platform reports
      them, and whether it is idle (replicas running, no request); totals per provider and for the fleet.
      ? marks a figure nobody reports: it is left out of totals, which say how many they lack.
      --prices <file>: your own USD per replica-hour, as a fleet file's prices: (provider: {SKU: price});
      it replaces an API's price, and the SOURCE column says so. --idle shows idle deployments only;
      --write <file> then writes a new fleet file scaling each to zero (or stopping it) for plan/apply
  ${COMMAND_USAGE.providers}
      which providers are configured, from which variable, and what each supports
  ${COMMAND_USAGE.ui}
      the fleet and its costs in a browser: a local server (127.0.0.1, port 4800 by default) behind a
      per-run token in the URL it prints; read-only unless --allow-changes; --fleet adds the plan (and
      apply) of a fleet file, and its prices: to the costs

options (any command):
  --base-url <provider>=<url>  the provider's API address, e.g. ${PROVIDERS[0]?.id}=http://127.0.0.1:4010 (repeatable);
                               also ${PROVIDERS.map((p) => p.baseUrlEnvVar).join(", ")}
  --timeout <s>                how long to wait for providers, retries included (default 60)
  --show-secrets               print fields a provider's spec marks sensitive (masked by default)
  --debug                      request logs and stack traces on stderr
  -h, --help                   this help
  -v, --version                the CLI's version

providers: ${PROVIDERS.map((p) => p.id).join(", ")}
API keys are read from ${listWords([...new Set(PROVIDERS.map((p) => p.keyEnvVar))])} only,
never from the command line. NO_COLOR turns colours off; they are off anyway when output is not a terminal.

exit codes: 0 ok, 1 API or network error (or a change you declined), 2 bad usage or configuration,
            3 ls, export or cost listed some providers but others failed
  plan:     0 no changes, 1 error (any kind, bad usage and bad fleet files included), 2 changes to make
            (terraform plan -detailed-exitcode); a deployment that cannot be brought to its desired state is 1
  apply:    0 everything applied or already as desired, 1 anything failed, conflicted or could not be done`;

/** A mistake on the command line (or in its configuration); exits 2 with the command's usage line. */
export class UsageError extends Error {
  /** The usage line to print after the message. */
  readonly usage: string;
  constructor(message: string, usage: string = GENERAL_USAGE) {
    super(message);
    this.name = "UsageError";
    this.usage = usage;
  }
}
