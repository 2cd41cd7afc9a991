export { type Diagnostic, formatDiagnostic, type Severity, SpecDiagnosticsError } from "./diagnostics.js";
export { findRoot, type GenerateOptions, generate, type SpecResult } from "./generate.js";
