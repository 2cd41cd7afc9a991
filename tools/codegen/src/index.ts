export { type AllOutcome, conformAll } from "./conform/all.js";
export {
  ConformInputError,
  type ConformReport,
  conformSpec,
  formatSummary as formatConformSummary,
  type VendorSource,
} from "./conform/command.js";
export { CONFORM_CODES, type ConformCode } from "./conform/finding.js";
export { type Diagnostic, formatDiagnostic, type Severity, SpecDiagnosticsError } from "./diagnostics.js";
export { type Bump, bumpFor, type ChangesetOutcome, writeChangesets } from "./diff/changeset.js";
export { type DiffOptions, type DiffResult, DiffUsageError, diffSpecs, type LocatedChange, type SpecDiff } from "./diff/command.js";
export { formatDiffJson, formatDiffReport } from "./diff/report.js";
export { diffDocuments } from "./diff/spec.js";
export type { ChangeKind, Direction, SpecChange } from "./diff/types.js";
export { findRoot, type GenerateOptions, generate, type SpecResult } from "./generate/generate.js";
export { type SpecWatcher, type WatchOptions, watchSpecs } from "./generate/watch.js";
export type { OutputReport } from "./generate/write-output.js";
export { FetchDocumentError, type FetchErrorCode, type FetchedDocument, type FetchOptions, fetchDocument } from "./sync/fetch-document.js";
export { formatSyncSummary } from "./sync/report.js";
export { type SyncEntry, type SyncOptions, SyncUsageError, syncUpstreams } from "./sync/sync.js";
