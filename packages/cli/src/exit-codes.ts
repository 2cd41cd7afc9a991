import { COMMAND_USAGE } from "./usage.js";

const PLAN_USAGE: string = COMMAND_USAGE.plan;

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

/** For plan, 2 means "changes to make" (as terraform plan -detailed-exitcode): every error is 1 there. */
export function exitCodeOf(code: ExitCode, usage: string | undefined, commandUsage: string): ExitCode {
  return code === EXIT.usage && (usage ?? commandUsage) === PLAN_USAGE ? EXIT.failed : code;
}
