import { relative, resolve } from "node:path";
import { type Diagnostic, SpecDiagnosticsError, sortDiagnostics } from "../diagnostics.js";
import { bundleSpec, relocateDiagnostics } from "../openapi/bundle-spec.js";
import { type LoadedSpec, loadSpec, locate, locateDiagnostics, parseSpec } from "../openapi/load.js";
import { locateInJson } from "../openapi/locate-json.js";
import { walkOperations } from "../openapi/operations.js";
import { applyAllowList, readAllowList } from "./allow-list.js";
import { conformDocuments } from "./conform.js";
import { CONFORM_CODES, type Finding } from "./finding.js";

/** The vendor's document as `conform` is given it: a file, or text already downloaded from its URL. */
export type VendorSource = { file: string } | { url: string; text: string };

/** What comparing one spec with its vendor's document found. */
export interface ConformReport {
  /** Our spec, as shown in diagnostics. */
  spec: string;
  /** The vendor's document: a path or a URL. */
  vendor: string;
  /** Findings not on the allow-list (errors), allow-list problems (errors) and unused allow-list entries (warnings). */
  diagnostics: Diagnostic[];
  counts: { operations: number; findings: number; allowed: number; unused: number };
}

/** A spec or vendor document that cannot be read or parsed: nothing was compared (exit code 2). */
export class ConformInputError extends Error {
  readonly diagnostics: Diagnostic[];
  constructor(diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => `${d.file} ${d.code}: ${d.message}`).join("\n"));
    this.name = "ConformInputError";
    this.diagnostics = diagnostics;
  }
}

/** Compares the spec at `spec` (a path) with the vendor's document and applies the spec's allow-list. */
export async function conformSpec(options: { root: string; cwd: string; spec: string; vendor: VendorSource }): Promise<ConformReport> {
  const { root, cwd } = options;
  const absolute = resolve(cwd, options.spec);
  const shown = relative(cwd, absolute).split("\\").join("/") || absolute;
  const ours = await readInput(async () => {
    const loaded = await loadSpec(shown, absolute);
    const bundled = await bundleSpec(loaded, root);
    if (bundled.diagnostics.length) throw new SpecDiagnosticsError(bundled.diagnostics);
    return bundled.spec;
  });
  const vendorShown = "file" in options.vendor ? shownPath(cwd, options.vendor.file) : options.vendor.url;
  const source = options.vendor;
  const vendor = await readInput(async () =>
    "file" in source ? loadSpec(vendorShown, resolve(cwd, source.file)) : parseSpec(vendorShown, vendorShown, source.text),
  );

  const { entries, problems } = readAllowList(ours.document);
  const all = conformDocuments({ ours: ours.document, vendor: vendor.document });
  const { kept, ignored, unused } = applyAllowList(all, entries);
  const vendorPositions = positionsIn(
    vendor,
    kept.map((f) => f.vendorPointer),
  );
  const diagnostics: Diagnostic[] = [
    ...problems.map(
      (p): Diagnostic => ({
        severity: "error",
        code: "conform/invalid-allow-list",
        message: p.message,
        file: ours.file,
        pointer: p.pointer,
        help: 'each entry is {code: conform/<check>, pointer: "#/...", reason: why the difference is deliberate}',
      }),
    ),
    ...kept.map((f) => toDiagnostic(f, ours.file, vendor.file, vendorPositions)),
    ...unused.map(
      (e): Diagnostic => ({
        severity: "warning",
        code: "conform/unused-ignore",
        message: `the allow-list entry for ${e.code} at ${e.pointer} matches no finding`,
        file: ours.file,
        pointer: e.at,
        help: "the difference is gone (or its pointer moved): remove or update the entry",
      }),
    ),
  ];
  const located = locateDiagnostics(ours, relocateDiagnostics(ours, diagnostics));
  return {
    spec: ours.file,
    vendor: vendor.file,
    diagnostics: sortDiagnostics(located),
    counts: { operations: countOperations(ours), findings: kept.length, allowed: ignored.length, unused: unused.length },
  };
}

function toDiagnostic(
  f: Finding,
  file: string,
  vendorFile: string,
  positions: Map<string, { line?: number; column?: number }>,
): Diagnostic {
  return {
    severity: "error",
    code: f.code,
    message: f.message,
    file,
    pointer: f.pointer,
    help: `${CONFORM_CODES[f.code]}; a deliberate difference goes in x-modelfleet-conform.ignore with its reason`,
    related: { label: "vendor", file: vendorFile, ...positions.get(f.vendorPointer), pointer: f.vendorPointer },
  };
}

function positionsIn(spec: LoadedSpec, pointers: string[]): Map<string, { line?: number; column?: number }> {
  const unique = new Set(pointers);
  if (spec.isJson) return locateInJson(spec.text, unique);
  return new Map([...unique].map((pointer) => [pointer, locate(spec, pointer)]));
}

async function readInput(load: () => Promise<LoadedSpec> | LoadedSpec): Promise<LoadedSpec> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof SpecDiagnosticsError) throw new ConformInputError(error.diagnostics);
    throw error;
  }
}

function countOperations(spec: LoadedSpec): number {
  return walkOperations(spec.document).length;
}

function shownPath(cwd: string, file: string): string {
  return relative(cwd, resolve(cwd, file)).split("\\").join("/") || file;
}

/** `specs/baseten.yaml against <vendor>: 20 operation(s), 0 finding(s), 4 allowed, 0 unused allow-list entries`. */
export function formatSummary(report: ConformReport): string {
  const c = report.counts;
  return `${report.spec} against ${report.vendor}: ${c.operations} operation(s), ${c.findings} finding(s), ${c.allowed} allowed by x-modelfleet-conform, ${c.unused} unused allow-list entr${c.unused === 1 ? "y" : "ies"}`;
}
