export { type Diagnostic, formatDiagnostic, type Severity, SpecDiagnosticsError } from "./diagnostics.js";
export { type Bump, bumpFor, type ChangesetOutcome, writeChangesets } from "./diff/changeset.js";
export { type DiffOptions, type DiffResult, DiffUsageError, diffSpecs, type LocatedChange, type SpecDiff } from "./diff/command.js";
export { formatDiffJson, formatDiffReport } from "./diff/report.js";
export { diffDocuments } from "./diff/spec.js";
export type { ChangeKind, Direction, SpecChange } from "./diff/types.js";
export { findRoot, type GenerateOptions, generate, type SpecResult } from "./generate/generate.js";
export { type SpecWatcher, type WatchOptions, watchSpecs } from "./generate/watch.js";
export type { OutputReport } from "./generate/write-output.js";
