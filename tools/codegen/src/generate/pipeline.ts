import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { type Diagnostic, SpecDiagnosticsError, sortDiagnostics } from "../diagnostics.js";
import { locateInSidecar } from "../import/locate-sidecar.js";
import { prepareImported } from "../import/prepare.js";
import { parseSidecar, SIDECAR_SUFFIX } from "../import/sidecar.js";
import { relocateToSidecar } from "../import/sidecar-pagination.js";
import { vendorFindingHelp } from "../import/vendor-help.js";
import type { ReferencedFile } from "../openapi/bundle.js";
import { bundleSpec, relocateDiagnostics } from "../openapi/bundle-spec.js";
import { type LoadedSpec, loadSpec, locateDiagnostics } from "../openapi/load.js";
import { checkRefs } from "../openapi/ref-policy.js";
import { EMITTERS } from "./emitters.js";
import { generatedHeader } from "./header.js";
import { buildModel, type ProviderModel } from "./model.js";
import { checkOperationNames } from "./reserved-names.js";
import { validateSpec } from "./validate.js";

/**
 * The expensive part of generation: parse, lint (Redocly), model, and emit (openapi-typescript, TypeScript's printer).
 * It lives in its own module so that a run where every spec is unchanged never loads any of it.
 */

/** Imported mode's errors and the model's error for the same problem. */
const REPORTED_AS: Record<string, string> = { "import/no-base-url": "modelfleet/missing-server", "import/auth": "modelfleet/security" };

const RENAME_IN_SIDECAR = "give one of the operations another method name with `rename: {<operationId>: <name>}` in the sidecar";

export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present when the spec had no errors: the files of `src/generated/` and the model they came from. */
  files?: Record<string, string>;
  model?: ProviderModel;
  /** The files the spec references (relative to the root, with their sha256), when it was read far enough to know. */
  references?: ReferencedFile[];
}

export async function runPipeline(root: string, shown: string, absolute: string, id: string): Promise<PipelineResult> {
  try {
    const imported = absolute.endsWith(SIDECAR_SUFFIX);
    const {
      spec,
      diagnostics: prepared,
      references,
      toSidecar = (list: Diagnostic[]) => list,
    } = imported ? await loadImported(root, shown, absolute) : await loadOwn(root, shown, absolute);
    if (!spec) return { diagnostics: sortDiagnostics(prepared), references };
    // Checked before the linter and openapi-typescript see the document: neither may follow a ref to anything but the
    // bundled document itself.
    const refused = relocateDiagnostics(spec, [...checkRefs(spec, root), ...checkOperationNames(spec)]);
    if (refused.length) return { diagnostics: sortDiagnostics([...prepared, ...refused]), references };
    // Redocly's findings in a vendor's document are the vendor's to fix: reported, never blocking, and their help
    // points at the sidecar (the document itself is never edited).
    const lint = (await validateSpec(spec)).map(
      (d): Diagnostic => (imported ? { ...d, severity: "warning", help: vendorFindingHelp(d, shown) } : d),
    );
    // The modelfleet checks run even when Redocly found errors, so that one run reports every problem of a spec.
    const built = buildModel(spec, id, { imported });
    const { model } = built;
    // What imported mode already reported (no base URL, no usable scheme) is not repeated in the model's terms.
    const told = new Set(prepared.map((d) => REPORTED_AS[d.code]).filter(Boolean));
    const diagnostics = built.diagnostics
      .filter((d) => !told.has(d.code))
      // A vendor's operationIds are not ours to rename: the sidecar's `rename` is (an iterator the sidecar's
      // pagination adds may take the name of another operation).
      .map((d) => (imported && d.code === "modelfleet/method-name-clash" ? { ...d, help: RENAME_IN_SIDECAR } : d));
    const all = sortDiagnostics(locateDiagnostics(spec, relocateDiagnostics(spec, toSidecar([...prepared, ...lint, ...diagnostics]))));
    if (!model || all.some((d) => d.severity === "error")) return { diagnostics: all, references };

    const header = generatedHeader(
      relative(root, spec.absolutePath).split("\\").join("/"),
      spec.sha256,
      (references ?? []).map((r) => r.path),
    );
    const files: Record<string, string> = {};
    for (const emitter of EMITTERS) {
      if (emitter.when?.(model) !== false) files[emitter.file] = `${header}\n${await emitter.emit(spec, model)}`;
    }
    return { diagnostics: all, files, model, references };
  } catch (error) {
    if (error instanceof SpecDiagnosticsError) return { diagnostics: sortDiagnostics(error.diagnostics) };
    throw error;
  }
}

interface Loaded {
  spec?: LoadedSpec;
  diagnostics: Diagnostic[];
  references?: ReferencedFile[];
  /**
   * Imported mode: moves the problems of the sidecar's pagination entries (checked in the document they were put on)
   * back to the sidecar, and gives every problem in the sidecar its line and column there.
   */
  toSidecar?: (diagnostics: Diagnostic[]) => Diagnostic[];
}

/** Reads one of our specs and bundles it with the files it references. */
async function loadOwn(root: string, shown: string, absolute: string): Promise<Loaded> {
  const bundled = await bundleSpec(await loadSpec(shown, absolute), root);
  const references = bundled.spec.bundle?.files ?? bundled.files;
  return bundled.diagnostics.length
    ? { diagnostics: bundled.diagnostics, references }
    : { spec: bundled.spec, diagnostics: [], references };
}

/** Reads a sidecar and the vendor document it names, and prepares the document in memory for the strict model. */
async function loadImported(root: string, shown: string, absolute: string): Promise<Loaded> {
  const text = await readFile(absolute, "utf8").catch((cause: Error) => {
    throw new SpecDiagnosticsError([
      { severity: "error", code: "spec/unreadable", message: `cannot read the sidecar: ${cause.message}`, file: shown },
    ]);
  });
  const { sidecar, diagnostics } = parseSidecar(text, shown);
  if (!sidecar) return { diagnostics: locateInSidecar(shown, absolute, text, diagnostics) };
  const vendorShown = join(dirname(shown), sidecar.spec);
  const bundled = await bundleSpec(await loadSpec(vendorShown, join(dirname(absolute), sidecar.spec)), root);
  const references = bundled.spec.bundle?.files ?? bundled.files;
  if (bundled.diagnostics.length) return { diagnostics: [...diagnostics, ...bundled.diagnostics], references };
  const { spec } = bundled;
  // The header and the skip cache follow both files: a change to either regenerates.
  spec.sha256 = createHash("sha256").update(spec.sha256).update(text).digest("hex");
  const prepared = prepareImported(spec.document, sidecar, vendorShown, shown);
  const toSidecar = (list: Diagnostic[]) =>
    locateInSidecar(shown, absolute, text, relocateToSidecar(list, prepared.placements, vendorShown, shown));
  return { spec, diagnostics: toSidecar(relocateDiagnostics(spec, prepared.diagnostics)), references, toSidecar };
}
