import { formatDiagnostic } from "../diagnostics.js";
import type { PrintTarget } from "./print-results.js";

/**
 * `conform <spec> --against <document>` and `conform --all`. Exit codes: 0 every spec conforms (warnings allowed);
 * 1 a finding not on the allow-list, or a broken allow-list; 2 a spec or vendor document that cannot be read or
 * downloaded (nothing was compared).
 */
export async function runConform(
  root: string,
  cwd: string,
  target: PrintTarget,
  options: { spec?: string; against?: string; all: boolean },
): Promise<number> {
  const { conformSpec, ConformInputError, formatSummary } = await import("../conform/command.js");
  if (!options.all) {
    try {
      const report = await conformSpec({ root, cwd, spec: options.spec as string, vendor: { file: options.against as string } });
      for (const d of report.diagnostics) target.err(`${formatDiagnostic(d)}\n`);
      target.out(`${formatSummary(report)}\n`);
      return report.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
    } catch (error) {
      if (!(error instanceof ConformInputError)) throw error;
      for (const d of error.diagnostics) target.err(`${formatDiagnostic(d)}\n`);
      return 2;
    }
  }
  const { conformAll } = await import("../conform/all.js");
  let code = 0;
  for (const outcome of await conformAll({ root, cwd })) {
    if ("skipped" in outcome) target.out(`${outcome.spec}: skipped: ${outcome.skipped}\n`);
    else if ("error" in outcome) {
      target.err(`${outcome.spec}: ${outcome.error}\n`);
      code = 2;
    } else {
      for (const d of outcome.report.diagnostics) target.err(`${formatDiagnostic(d)}\n`);
      target.out(`${formatSummary(outcome.report)}\n`);
      if (code === 0 && outcome.report.diagnostics.some((d) => d.severity === "error")) code = 1;
    }
  }
  return code;
}
