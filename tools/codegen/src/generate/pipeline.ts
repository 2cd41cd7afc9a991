import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { type Diagnostic, SpecDiagnosticsError, sortDiagnostics } from "../diagnostics.js";
import { prepareImported } from "../import/prepare.js";
import { parseSidecar, SIDECAR_SUFFIX } from "../import/sidecar.js";
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

export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present when the spec had no errors: the files of `src/generated/` and the model they came from. */
  files?: Record<string, string>;
  model?: ProviderModel;
}

export async function runPipeline(root: string, shown: string, absolute: string, id: string): Promise<PipelineResult> {
  try {
    const imported = absolute.endsWith(SIDECAR_SUFFIX);
    const { spec, diagnostics: prepared } = imported
      ? await loadImported(shown, absolute)
      : { spec: await loadSpec(shown, absolute), diagnostics: [] };
    if (!spec) return { diagnostics: sortDiagnostics(prepared) };
    // Checked before the linter and openapi-typescript see the document: neither may follow a remote ref.
    const refused = [...checkRefs(spec, root), ...checkOperationNames(spec)];
    if (refused.length) return { diagnostics: sortDiagnostics([...prepared, ...refused]) };
    // Redocly's findings in a vendor's document are the vendor's to fix: reported, never blocking.
    const lint = (await validateSpec(spec)).map((d): Diagnostic => (imported ? { ...d, severity: "warning" } : d));
    // The modelfleet checks run even when Redocly found errors, so that one run reports every problem of a spec.
    const built = buildModel(spec, id, { imported });
    const { model } = built;
    // What imported mode already reported (no base URL, no usable scheme) is not repeated in the model's terms.
    const told = new Set(prepared.map((d) => REPORTED_AS[d.code]).filter(Boolean));
    const diagnostics = built.diagnostics.filter((d) => !told.has(d.code));
    const all = sortDiagnostics(locateDiagnostics(spec, [...prepared, ...lint, ...diagnostics]));
    if (!model || all.some((d) => d.severity === "error")) return { diagnostics: all };

    const header = generatedHeader(relative(root, spec.absolutePath).split("\\").join("/"), spec.sha256);
    const files: Record<string, string> = {};
    for (const emitter of EMITTERS) files[emitter.file] = `${header}\n${await emitter.emit(spec, model)}`;
    return { diagnostics: all, files, model };
  } catch (error) {
    if (error instanceof SpecDiagnosticsError) return { diagnostics: sortDiagnostics(error.diagnostics) };
    throw error;
  }
}

/** Reads a sidecar and the vendor document it names, and prepares the document in memory for the strict model. */
async function loadImported(shown: string, absolute: string): Promise<{ spec?: LoadedSpec; diagnostics: Diagnostic[] }> {
  const text = await readFile(absolute, "utf8").catch((cause: Error) => {
    throw new SpecDiagnosticsError([
      { severity: "error", code: "spec/unreadable", message: `cannot read the sidecar: ${cause.message}`, file: shown },
    ]);
  });
  const { sidecar, diagnostics } = parseSidecar(text, shown);
  if (!sidecar) return { diagnostics };
  const vendorShown = join(dirname(shown), sidecar.spec);
  const spec = await loadSpec(vendorShown, join(dirname(absolute), sidecar.spec));
  // The header and the skip cache follow both files: a change to either regenerates.
  spec.sha256 = createHash("sha256").update(spec.sha256).update(text).digest("hex");
  return { spec, diagnostics: prepareImported(spec.document, sidecar, vendorShown).diagnostics };
}
