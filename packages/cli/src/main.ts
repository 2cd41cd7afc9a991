import { version as cliVersion } from "../package.json";
import { type ParsedCommandLine, parseCommandLine } from "./args.js";
import { EXIT, type ExitCode, exitCodeOf } from "./exit-codes.js";
import { type Io, redactingIo, secretsIn } from "./io.js";
import { writeFailure } from "./print-failure.js";
import { oneLine } from "./text.js";
import { GENERAL_USAGE, HELP, UsageError } from "./usage.js";

/**
 * Runs one command line and returns its exit code. Never throws: every failure becomes one line on stderr
 * (with the usage line for a usage error, and the stack only with --debug), and with --json also JSON on stdout.
 *
 * Only the argument parser and the help text are loaded up front; the command (with the facade and the providers
 * it needs) is imported once the arguments are known to be right, so `--help`, `--version` and usage errors stay
 * about as quick as starting Node.
 */
export async function main(argv: readonly string[], rawIo: Io): Promise<ExitCode> {
  const io = redactingIo(rawIo, secretsIn(rawIo.env));
  let line: ParsedCommandLine;
  try {
    line = parseCommandLine(argv);
  } catch (error) {
    const usage = error instanceof UsageError ? error.usage : GENERAL_USAGE;
    const message = oneLine(error instanceof Error ? error.message : String(error));
    const code = exitCodeOf(EXIT.usage, usage, usage);
    // The colour library only now: a run that goes well until its command is loaded never needs it here.
    const err = (await import("./output.js")).colorsFor(io.stderr, io.env);
    // Before the options are parsed: whether the user asked for JSON is read from the raw arguments.
    writeFailure(io, err, { code, line: message, usage, json: { message, usage } }, { json: argv.includes("--json") });
    return code;
  }
  const { command, values } = line;
  if (command === undefined) {
    io.stdout.write(values.version ? `${cliVersion}\n` : `${HELP}\n`);
    return EXIT.ok;
  }
  if (values.help) {
    const { commandHelp } = await import("./command-help.js");
    io.stdout.write(`${commandHelp(command)}\n`);
    return EXIT.ok;
  }
  const { runCommand } = await import("./run.js");
  return runCommand({ ...line, command }, io);
}
