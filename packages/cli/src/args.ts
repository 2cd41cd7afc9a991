import { type ParseArgsConfig, parseArgs } from "node:util";
import { COMMAND_USAGE, type CommandName, GENERAL_USAGE, isCommandName, UsageError } from "./usage.js";

type Options = NonNullable<ParseArgsConfig["options"]>;

const GLOBAL_OPTIONS = {
  "base-url": { type: "string", multiple: true },
  debug: { type: "boolean" },
  "show-secrets": { type: "boolean" },
  timeout: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "v" },
} as const satisfies Options;

const JSON_OPTION = { json: { type: "boolean" } } as const satisfies Options;
const LIFECYCLE_OPTIONS = {
  yes: { type: "boolean", short: "y" },
  wait: { type: "boolean" },
  timeout: { type: "string" },
} as const satisfies Options;

const UI_OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
  "allow-changes": { type: "boolean" },
  fleet: { type: "string" },
  "no-open": { type: "boolean" },
} as const satisfies Options;

/** Each command's own options and how many positional arguments it takes (with their names, for messages). */
const COMMANDS = {
  ls: {
    options: {
      ...JSON_OPTION,
      provider: { type: "string", multiple: true },
      status: { type: "string", multiple: true },
      wide: { type: "boolean" },
      cost: { type: "boolean" },
    },
    positionals: [],
  },
  get: { options: JSON_OPTION, positionals: ["ref"] },
  versions: { options: JSON_OPTION, positionals: ["modelRef"] },
  scale: {
    options: { ...JSON_OPTION, min: { type: "string" }, max: { type: "string" }, yes: { type: "boolean", short: "y" } },
    positionals: ["ref"],
  },
  providers: { options: JSON_OPTION, positionals: [] },
  start: { options: { ...JSON_OPTION, ...LIFECYCLE_OPTIONS }, positionals: ["ref"] },
  stop: { options: { ...JSON_OPTION, ...LIFECYCLE_OPTIONS }, positionals: ["ref"] },
  promote: { options: { ...JSON_OPTION, ...LIFECYCLE_OPTIONS, to: { type: "string" } }, positionals: ["ref"] },
  rollback: { options: { ...JSON_OPTION, ...LIFECYCLE_OPTIONS, to: { type: "string" } }, positionals: ["ref"] },
  plan: { options: JSON_OPTION, positionals: ["file"] },
  apply: { options: { ...JSON_OPTION, yes: { type: "boolean", short: "y" }, concurrency: { type: "string" } }, positionals: ["file"] },
  export: { options: { ...JSON_OPTION, provider: { type: "string", multiple: true } }, positionals: [] },
  cost: {
    options: {
      ...JSON_OPTION,
      window: { type: "string" },
      provider: { type: "string", multiple: true },
      prices: { type: "string" },
      idle: { type: "boolean" },
      write: { type: "string" },
    },
    positionals: [],
  },
  ui: { options: UI_OPTIONS, positionals: [] },
} as const satisfies Record<CommandName, { options: Options; positionals: readonly string[] }>;

/** A parsed command line. */
export interface ParsedCommandLine {
  /** `undefined` for `--help` / `--version` without a command. */
  command: CommandName | undefined;
  positionals: string[];
  /** Every option given, global and the command's own, by long name. */
  values: Record<string, string | boolean | string[] | undefined>;
}

/**
 * Parses argv with `node:util` parseArgs in strict mode: global options may stand before or after the command;
 * an option the command does not take, a missing value or a stray argument is a {@link UsageError}.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  // First pass, lenient: only to find the command, which decides which options are allowed.
  const { tokens } = parseArgs({ args: [...argv], options: GLOBAL_OPTIONS, strict: false, allowPositionals: true, tokens: true });
  const first = tokens.find((t) => t.kind === "positional");
  const name = first?.kind === "positional" ? first.value : undefined;
  if (name !== undefined && !isCommandName(name)) {
    throw new UsageError(`unknown command ${JSON.stringify(name)}`, GENERAL_USAGE);
  }
  const usage = name === undefined ? GENERAL_USAGE : COMMAND_USAGE[name];
  const options: Options = name === undefined ? GLOBAL_OPTIONS : { ...GLOBAL_OPTIONS, ...COMMANDS[name].options };

  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: attachNegativeValues(argv, options), options, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs explains over several lines; the first one says what is wrong.
    throw new UsageError(firstLine((error as Error).message), usage);
  }
  const values = parsed.values as ParsedCommandLine["values"];
  if (name === undefined) {
    if (values.help || values.version) return { command: undefined, positionals: [], values };
    throw new UsageError("missing command", GENERAL_USAGE);
  }
  const positionals = parsed.positionals.slice(1);
  const expected = COMMANDS[name].positionals;
  if (!values.help) {
    if (positionals.length < expected.length) throw new UsageError(`missing <${expected[positionals.length]}>`, usage);
    if (positionals.length > expected.length)
      throw new UsageError(`unexpected argument ${JSON.stringify(positionals[expected.length])}`, usage);
  }
  return { command: name, positionals, values };
}

/** Values of a repeatable option, each also split on commas (`--provider sieve,modzy`). */
export function listValues(value: string | boolean | string[] | undefined): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((v) => v.split(",")).map((v) => v.trim());
}

/**
 * `--min -1` as `--min=-1`: parseArgs refuses a value that starts with `-` as ambiguous, which would hide the
 * option's own message ("--min must be a non-negative integer, got "-1""). Only for options that take a value,
 * only for what reads as a negative number, and never after `--`.
 */
function attachNegativeValues(argv: readonly string[], options: Options): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    const name = arg.slice(2);
    const option = arg.startsWith("--") && Object.hasOwn(options, name) ? options[name] : undefined;
    if (option?.type === "string" && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

function firstLine(text: string): string {
  return text.split("\n")[0] ?? text;
}
