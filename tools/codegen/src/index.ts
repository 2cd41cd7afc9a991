export { type Diagnostic, type Severity, SpecDiagnosticsError, formatDiagnostic } from "./diagnostics.js";
export { type GenerateOptions, type SpecResult, findRoot, generate } from "./generate.js";
