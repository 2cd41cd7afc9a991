/** How serious a diagnostic is: errors stop generation for their spec, warnings do not. */
export type Severity = "error" | "warning";

/**
 * One problem found in a spec, in the shape every modelfleet-codegen command reports:
 * where (file, line, column, JSON pointer), what (a stable code and a message) and how to fix it (help).
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable identifier, e.g. `yaml/syntax`, `spec/operation-operationId`, `modelfleet/missing-extension`. */
  code: string;
  message: string;
  /** Spec path as given on the command line or relative to the working directory. */
  file: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** JSON pointer into the spec (`#/paths/~1v2~1functions/get`), when the problem has one. */
  pointer?: string;
  /** One line on how to fix it. */
  help?: string;
  /** The same place in another document (for `conform`, the vendor's), printed as an extra `label: file:line:col pointer` line. */
  related?: { label: string; file: string; line?: number; column?: number; pointer: string };
}

/** Thrown by a stage that found problems; carries all of them, not only the first. */
export class SpecDiagnosticsError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join("\n"));
    this.name = "SpecDiagnosticsError";
    this.diagnostics = diagnostics;
  }
}

/** `file:line:col error code message` plus indented pointer and help lines, as compilers print them. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.column].filter((part) => part !== undefined).join(":");
  const lines = [`${where} ${d.severity} ${d.code}: ${d.message}`];
  if (d.pointer) lines.push(`  at ${d.pointer}`);
  if (d.related) {
    const r = d.related;
    lines.push(`  ${r.label}: ${[r.file, r.line, r.column].filter((part) => part !== undefined).join(":")} ${r.pointer}`);
  }
  if (d.help) lines.push(`  help: ${d.help}`);
  return lines.join("\n");
}

/** Orders diagnostics by position so output is stable whatever order the checks ran in. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || a.code.localeCompare(b.code),
  );
}
