// Loaded on every run, before the arguments are read: it must not import the facade or any provider, so that
// `--help`, `--version` and usage errors cost little more than starting Node. Anything derived from the providers
// (reference forms, key variables) is in `command-help.ts`, loaded only for a command's own `--help`.

/** The commands, each with its one-line usage (printed with every usage error of that command). */
export const COMMAND_USAGE = {
  ls: "modelfleet ls [--provider <p> ...] [--status <s> ...] [--cost] [--wide] [--json]",
  get: "modelfleet get <ref> [--json]",
  versions: "modelfleet versions <modelRef> [--json]",
  scale: "modelfleet scale <ref> --min <n> --max <m> [--yes] [--json]",
  start: "modelfleet start <ref> [--wait] [--timeout <seconds>] [--yes] [--json]",
  stop: "modelfleet stop <ref> [--wait] [--timeout <seconds>] [--yes] [--json]",
  promote: "modelfleet promote <ref> --to <version> [--wait] [--timeout <seconds>] [--yes] [--json]",
  rollback: "modelfleet rollback <ref> --to <version> [--wait] [--timeout <seconds>] [--yes] [--json]",
  plan: "modelfleet plan <file> [--json]",
  apply: "modelfleet apply <file> [--yes] [--concurrency <n>] [--json]",
  export: "modelfleet export [--provider <p> ...] [--json]",
  cost: "modelfleet cost [--window 24h|7d|<from>..<to>] [--provider <p> ...] [--prices <file>] [--idle [--write <file>]] [--json]",
  providers: "modelfleet providers [--json]",
  ui: "modelfleet ui [--port <n>] [--host <address>] [--allow-changes] [--fleet <file>] [--no-open]",
} as const;

/** A command of the CLI. */
export type CommandName = keyof typeof COMMAND_USAGE;

export function isCommandName(value: string): value is CommandName {
  return Object.hasOwn(COMMAND_USAGE, value);
}

/** What each command does, in a line or two: the top-level help's and the command's own `--help`'s text. */
export const COMMAND_SUMMARY: Record<CommandName, string> = {
  ls: "deployments of every configured provider (or those named), as a table fitted to the terminal (--wide: every column whole); --cost adds each one's rate per hour (see cost)",
  get: "one version",
  versions: "every version of a model",
  scale:
    "set a version's replica bounds; prints it before and after. Asks first when stdin is a terminal; elsewhere (scripts, CI) it refuses to run without --yes",
  providers: "which providers are configured, from which variable, and what each supports",
  start:
    "start a deployment, where its provider can (modelfleet providers); prints it before and after; --wait polls until it is ready. Confirmation as for scale",
  stop: "stop a deployment, keeping it, where its provider can; prints it before and after; --wait polls until it is stopped. Confirmation as for scale",
  promote:
    "make <version> the one <ref> serves, where its provider can; prints it before and after; --wait polls until it is ready. Confirmation as for scale",
  rollback:
    "return <ref> to a version it served before, where its provider can; prints it before and after; --wait as for promote. Confirmation as for scale",
  plan: "compare a fleet file (YAML or JSON) with the deployments it names and print what would change",
  apply: "plan, ask (or --yes), then make the changes and print a result per deployment",
  export: "the deployments as they are, as a fleet file on stdout (YAML; JSON with --json)",
  cost: "what each deployment costs per hour now (unit price x running replicas; a range where only replica bounds are known), its spend and requests over the window (default 24h) where its platform reports them, and whether it is idle (replicas running, no request); totals per provider and for the fleet. ? marks a figure nobody reports: it is left out of totals, which say how many they lack. --prices <file>: your own USD per replica-hour, as a fleet file's prices: (provider: {SKU: price}); it replaces an API's price, and the SOURCE column says so. --idle shows idle deployments only; --write <file> then writes a new fleet file scaling each to zero (or stopping it) for plan/apply",
  ui: "the fleet and its costs in a browser: a local server (127.0.0.1, port 4800 by default) behind a per-run token in the URL it prints; read-only unless --allow-changes; --fleet adds the plan (and apply) of a fleet file, and its prices: to the costs",
};

const COMMAND_NAMES = Object.keys(COMMAND_USAGE) as CommandName[];

export const GENERAL_USAGE = `modelfleet <${COMMAND_NAMES.join("|")}> [options]`;

/** The full help text (`modelfleet --help`). */
export const HELP = `usage: ${GENERAL_USAGE}

commands:
${COMMAND_NAMES.map((name) => `  ${COMMAND_USAGE[name]}\n      ${wrap(COMMAND_SUMMARY[name], 6)}`).join("\n")}

modelfleet <command> --help shows the command's reference forms and an example.

options (any command):
  --base-url <provider>=<url>  the provider's API address, e.g. <provider>=http://127.0.0.1:4010 (repeatable);
                               also the provider's <PROVIDER>_BASE_URL variable (modelfleet providers --json)
  --timeout <s>                how long to wait for providers, retries included (default 60)
  --json                       the result as JSON on stdout; a failure too, as { "error": …, "exitCode": … }
  --show-secrets               print fields a provider's spec marks sensitive (masked by default)
  --debug                      request logs and stack traces on stderr
  -h, --help                   this help
  -v, --version                the CLI's version

API keys are read from each provider's variable only (modelfleet providers lists them), never from the command
line. NO_COLOR turns colours off; they are off anyway when output is not a terminal.

exit codes: 0 ok, 1 API or network error (or a change you declined), 2 bad usage or configuration,
            3 ls, export or cost listed some providers but others failed
  plan:     0 no changes, 1 error (any kind, bad usage and bad fleet files included), 2 changes to make
            (terraform plan -detailed-exitcode); a deployment that cannot be brought to its desired state is 1
  apply:    0 everything applied or already as desired, 1 anything failed, conflicted or could not be done`;

/** `text` broken into lines of at most 100 columns, continuation lines indented by `indent` spaces. */
export function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

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
