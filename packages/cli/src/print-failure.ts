import type { ExitCode } from "./exit-codes.js";
import type { Io } from "./io.js";
import type { Colors } from "./output.js";
import { toJson } from "./text.js";

/** How a failure is reported: its exit code, its lines for stderr, the usage line, and its `--json` form. */
export interface Report {
  code: ExitCode;
  /** One line per problem (a fleet file can have several), control characters already escaped. */
  line: string;
  usage: string | undefined;
  /** The `error` object of `--json` output: `message`, plus what the error knows (`provider`, `status`, …). */
  json: Record<string, unknown>;
}

/**
 * Writes a failure: `error: …` lines (and the usage line) on stderr, always; with `--json` also
 * `{ "error": {…}, "exitCode": n }` on stdout, so a script reading stdout gets JSON whatever happened.
 */
export function writeFailure(io: Io, err: Colors, report: Report, options: { json: boolean; debug?: string | undefined }): void {
  for (const part of report.line.split("\n")) io.stderr.write(`${err.red("error:")} ${part}\n`);
  if (report.usage) io.stderr.write(`usage: ${report.usage}\n`);
  if (options.debug !== undefined) io.stderr.write(`${options.debug}\n`);
  if (options.json) io.stdout.write(toJson({ error: report.json, exitCode: report.code }));
}
