import { version as cliVersion } from "../package.json";
import { type ParsedCommandLine, parseCommandLine } from "./args.js";
import { apply } from "./commands/apply.js";
import { cost } from "./commands/cost.js";
import { exportFleet } from "./commands/export.js";
import { get } from "./commands/get.js";
import { promote, rollback, start, stop } from "./commands/lifecycle.js";
import { ls } from "./commands/ls.js";
import { plan } from "./commands/plan.js";
import { providers } from "./commands/providers.js";
import { scale } from "./commands/scale.js";
import { ui } from "./commands/ui.js";
import { versions } from "./commands/versions.js";
import { createCliFleet, resolveBaseUrls } from "./config.js";
import type { Context } from "./context.js";
import { deadlines, parseTimeout } from "./deadline.js";
import { debugDetails, EXIT, type ExitCode, report } from "./failure.js";
import { type Io, redactingIo, secretsIn } from "./io.js";
import { colorsFor } from "./output.js";
import { maskForProvider } from "./sensitive.js";
import { COMMAND_USAGE, type CommandName, GENERAL_USAGE, HELP } from "./usage.js";

const COMMANDS: Record<CommandName, (context: Context) => Promise<ExitCode>> = {
  ...{ ls, get, versions, scale, providers },
  ...{ start, stop, promote, rollback },
  ...{ plan, apply, export: exportFleet, cost, ui },
};

/**
 * Runs one command line and returns its exit code. Never throws: every failure becomes one line on stderr
 * (with the usage line for a usage error, and the stack only with --debug).
 */
export async function main(argv: readonly string[], rawIo: Io): Promise<ExitCode> {
  const io = redactingIo(rawIo, secretsIn(rawIo.env));
  const err = colorsFor(io.stderr, io.env);
  const debug = argv.includes("--debug");
  let usage: string = GENERAL_USAGE;
  let timers: ReturnType<typeof deadlines> | undefined;
  try {
    const line: ParsedCommandLine = parseCommandLine(argv);
    if (line.command === undefined) {
      io.stdout.write(line.values.version ? `${cliVersion}\n` : `${HELP}\n`);
      return EXIT.ok;
    }
    usage = COMMAND_USAGE[line.command];
    if (line.values.help) {
      io.stdout.write(`usage: ${usage}\n\nRun modelfleet --help for every command and option.\n`);
      return EXIT.ok;
    }
    const timeoutS = parseTimeout(line.values.timeout, usage);
    timers = deadlines(timeoutS);
    const showSecrets = line.values["show-secrets"] === true;
    const baseUrls = resolveBaseUrls(Array.isArray(line.values["base-url"]) ? line.values["base-url"] : [], io.env);
    const fleet = createCliFleet({ env: io.env, baseUrls, debug, log: io.stderr, timeoutMs: timeoutS * 1000 });
    const context: Context = {
      io,
      out: colorsFor(io.stdout, io.env),
      err,
      positionals: line.positionals,
      values: line.values,
      json: line.values.json === true,
      usage,
      baseUrls,
      fleet,
      deadline: timers.start,
      shown: showSecrets ? (value) => value : maskForProvider,
    };
    return await COMMANDS[line.command](context);
  } catch (error) {
    const { code, line, usage: usageLine } = report(error, usage);
    for (const part of line.split("\n")) io.stderr.write(`${err.red("error:")} ${part}\n`);
    if (usageLine) io.stderr.write(`usage: ${usageLine}\n`);
    if (debug) io.stderr.write(`${debugDetails(error)}\n`);
    // For plan, 2 means "changes to make" (as terraform plan -detailed-exitcode): every error is 1 there.
    return code === EXIT.usage && (usageLine ?? usage) === COMMAND_USAGE.plan ? EXIT.failed : code;
  } finally {
    timers?.clear();
  }
}
