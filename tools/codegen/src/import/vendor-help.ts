import type { Diagnostic } from "../diagnostics.js";

/** OpenAPI 3.0 keywords a vendor's 3.1 document may still carry, each with how the generator reads it. */
const LEFTOVER_READINGS: Record<string, string> = {
  nullable: "the generator reads `nullable: true` as 3.0 meant it (null allowed)",
  exclusiveMinimum: "the generator types numbers without their bounds, so the boolean form changes nothing in the client",
  exclusiveMaximum: "the generator types numbers without their bounds, so the boolean form changes nothing in the client",
  example: "the generated smoke test reads `example` as well as `examples`",
};

/**
 * The help line of a lint finding in a vendor's document. The document stays as downloaded (an edit would be lost
 * with the next download and would show up in `diff` as the vendor's change), so the help never asks for an edit to
 * it: it says what the generator makes of the finding, and points at the sidecar, where every choice about an
 * imported document is made.
 */
export function vendorFindingHelp(diagnostic: Diagnostic, sidecar: string): string {
  const leftover = Object.keys(LEFTOVER_READINGS).find((key) => diagnostic.message.includes(`\`${key}\``));
  const reading = leftover ? `${LEFTOVER_READINGS[leftover]}; ` : "";
  return `${reading}the vendor's document stays as downloaded (do not edit it): reported only; to leave out an operation it breaks, add its operationId to \`exclude\` in ${sidecar}`;
}
