import {
  ApiError,
  ConfigurationError,
  InvalidArgumentError,
  InvalidReferenceError,
  ModelfleetError,
  UnsupportedOperationError,
} from "modelfleet/all";
import { DeadlineError } from "./deadline.js";
import { EXIT } from "./exit-codes.js";
import { escapeControls, oneLine } from "./output.js";
import type { Report } from "./print-failure.js";
import { UsageError } from "./usage.js";

export { EXIT, type ExitCode } from "./exit-codes.js";
export type { Report } from "./print-failure.js";

/**
 * Maps what a command threw to an exit code and one line. Everything found before a request (a bad argument or
 * reference, an operation the provider lacks, a missing key) is 2; what the API or the network answered is 1.
 */
export function report(error: unknown, commandUsage: string): Report {
  if (error instanceof UsageError) {
    const message = oneLine(error.message);
    return { code: EXIT.usage, line: message, usage: error.usage, json: { message, usage: error.usage } };
  }
  // One line per problem of a fleet file, each `file:line:column: key: message`. Told by its fixed name (every
  // modelfleet error has one), so that commands without fleet files never load the fleet file reader.
  if (ModelfleetError.isInstance(error) && error.name === "FleetFileError") {
    return { code: EXIT.usage, line: error.message.split("\n").map(oneLine).join("\n"), usage: undefined, json: errorJson(error) };
  }
  if (InvalidReferenceError.isInstance(error) || InvalidArgumentError.isInstance(error) || UnsupportedOperationError.isInstance(error)) {
    return { code: EXIT.usage, line: oneLine(error.message), usage: commandUsage, json: { ...errorJson(error), usage: commandUsage } };
  }
  if (ConfigurationError.isInstance(error))
    return { code: EXIT.usage, line: oneLine(error.message), usage: undefined, json: errorJson(error) };
  return { code: EXIT.failed, line: describeError(error), usage: undefined, json: errorJson(error) };
}

/**
 * One line for a failure, with the provider's request id when there is one. Never a class name: modelfleet's
 * messages start with the provider and operation (`deepinfra getDeployment failed with 404 …`), the CLI's own
 * deadline names them too, and anything else is shown by its message alone.
 */
export function describeError(error: unknown): string {
  if (ApiError.isInstance(error)) {
    const message = oneLine(error.message);
    return error.requestId && !message.includes(error.requestId) ? `${message} (request id ${error.requestId})` : message;
  }
  if (error instanceof Error) return oneLine(error.message || String(error.name));
  return oneLine(String(error));
}

/** A failure as `--json` shows it: a modelfleet error's own fields (`name`, `message`, `provider`, `status`, …), else its message. */
export function errorJson(error: unknown): Record<string, unknown> {
  if (ModelfleetError.isInstance(error)) return error.toJSON();
  if (error instanceof DeadlineError) return error.toJSON();
  return { message: describeError(error) };
}

/** The stack and causes, for `--debug`. */
export function debugDetails(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    parts.push(current instanceof Error ? (current.stack ?? `${current.name}: ${current.message}`) : String(current));
    current = current instanceof Error ? current.cause : undefined;
    if (current !== undefined) parts.push("caused by:");
  }
  return parts.map((part) => part.split("\n").map(escapeControls).join("\n")).join("\n");
}
