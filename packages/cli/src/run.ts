import type { ParsedCommandLine } from "./args.js";
import { COMMANDS } from "./commands.js";
import { createCliFleet, resolveBaseUrls } from "./config.js";
import type { Context } from "./context.js";
import { deadlines, parseTimeout } from "./deadline.js";
import { type ExitCode, exitCodeOf } from "./exit-codes.js";
import { debugDetails, report } from "./failure.js";
import type { Io } from "./io.js";
import { colorsFor } from "./output.js";
import { writeFailure } from "./print-failure.js";
import { maskForProvider } from "./sensitive.js";
import { COMMAND_USAGE, type CommandName } from "./usage.js";

/** Runs a parsed command: builds the fleet from the environment, loads the command and maps what it throws to an exit code. */
export async function runCommand(line: ParsedCommandLine & { command: CommandName }, io: Io): Promise<ExitCode> {
  const err = colorsFor(io.stderr, io.env);
  const usage = COMMAND_USAGE[line.command];
  const debug = line.values.debug === true;
  const json = line.values.json === true;
  const showSecrets = line.values["show-secrets"] === true;
  let timers: ReturnType<typeof deadlines> | undefined;
  try {
    const timeoutS = parseTimeout(line.values.timeout, usage);
    timers = deadlines(timeoutS);
    const baseUrls = resolveBaseUrls(Array.isArray(line.values["base-url"]) ? line.values["base-url"] : [], io.env);
    const fleet = createCliFleet({ env: io.env, baseUrls, debug, log: io.stderr, timeoutMs: timeoutS * 1000 });
    const context: Context = {
      io,
      out: colorsFor(io.stdout, io.env),
      err,
      positionals: line.positionals,
      values: line.values,
      json,
      usage,
      baseUrls,
      fleet,
      deadline: timers.start,
      shown: showSecrets ? (value) => value : maskForProvider,
    };
    const command = await COMMANDS[line.command]();
    return await command(context);
  } catch (error) {
    const found = report(error, usage);
    const code = exitCodeOf(found.code, found.usage, usage);
    // An API error's JSON holds the provider's body, which may carry fields its spec marks sensitive.
    const provider = typeof found.json.provider === "string" ? found.json.provider : "";
    if (!showSecrets) found.json = maskForProvider(found.json, provider);
    writeFailure(io, err, { ...found, code }, { json, debug: debug ? debugDetails(error) : undefined });
    return code;
  } finally {
    timers?.clear();
  }
}
