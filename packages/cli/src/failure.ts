import {
  ApiError,
  ConfigurationError,
  InvalidArgumentError,
  InvalidReferenceError,
  ModelfleetError,
  UnsupportedOperationError,
} from "modelfleet/all";
import { FleetFileError } from "modelfleet/fleet-file";
import { escapeControls, oneLine } from "./output.js";
import { UsageError } from "./usage.js";

/** The CLI's exit codes. */
export const EXIT = {
  ok: 0,
  /** The API or the network failed (or the user declined a confirmation: nothing was done). */
  failed: 1,
  /** The command line or the configuration is wrong; nothing was sent. */
  usage: 2,
  /** `ls` (or `export`) listed what it could, but some providers, or items of their listings, failed. */
  partial: 3,
  /** `plan` only: there are changes to make (Terraform's `plan -detailed-exitcode`); plan reports usage errors as 1. */
  changes: 2,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** How an error is reported: its exit code, one line, and the usage line when the command line is at fault. */
export interface Report {
  code: ExitCode;
  line: string;
  usage: string | undefined;
}

/**
 * Maps what a command threw to an exit code and one line. Everything found before a request (a bad argument or
 * reference, an operation the provider lacks, a missing key) is 2; what the API or the network answered is 1.
 */
export function report(error: unknown, commandUsage: string): Report {
  if (error instanceof UsageError) return { code: EXIT.usage, line: oneLine(error.message), usage: error.usage };
  // One line per problem of a fleet file, each `file:line:column: key: message`.
  if (FleetFileError.isInstance(error))
    return { code: EXIT.usage, line: error.message.split("\n").map(oneLine).join("\n"), usage: undefined };
  if (InvalidReferenceError.isInstance(error) || InvalidArgumentError.isInstance(error) || UnsupportedOperationError.isInstance(error)) {
    return { code: EXIT.usage, line: oneLine(error.message), usage: commandUsage };
  }
  if (ConfigurationError.isInstance(error)) return { code: EXIT.usage, line: oneLine(error.message), usage: undefined };
  return { code: EXIT.failed, line: describeError(error), usage: undefined };
}

/** One line for a failure, with the provider's request id when there is one. */
export function describeError(error: unknown): string {
  if (ApiError.isInstance(error)) {
    const message = oneLine(error.message);
    return error.requestId && !message.includes(error.requestId) ? `${message} (request id ${error.requestId})` : message;
  }
  if (ModelfleetError.isInstance(error)) return oneLine(error.message);
  if (error instanceof Error) return oneLine(`${error.name === "Error" ? "" : `${error.name}: `}${error.message}`);
  return oneLine(String(error));
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
