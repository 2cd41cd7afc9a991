import { relative } from "node:path";
import { type Diagnostic, SpecDiagnosticsError, sortDiagnostics } from "./diagnostics.js";
import { emitClient } from "./emit-client.js";
import { emitIndex } from "./emit-index.js";
import { emitProvider } from "./emit-provider.js";
import { emitSchema } from "./emit-schema.js";
import { emitSmokeTest } from "./emit-smoke-test.js";
import { generatedHeader } from "./header.js";
import { loadSpec } from "./load-spec.js";
import { buildModel, type ProviderModel } from "./model.js";
import { checkRefs } from "./ref-policy.js";
import { checkOperationNames } from "./reserved-names.js";
import { validateSpec } from "./validate-spec.js";

/**
 * The expensive part of generation: parse, lint (Redocly), model, and emit (openapi-typescript, TypeScript's printer).
 * It lives in its own module so that a run where every spec is unchanged never loads any of it.
 */

/** Files in `src/generated/`, in the order they are written. */
export const GENERATED_FILES = ["schema.ts", "provider.ts", "client.ts", "index.ts", "smoke.test.ts"] as const;

export interface PipelineResult {
  diagnostics: Diagnostic[];
  /** Present when the spec had no errors: the files of `src/generated/` and the model they came from. */
  files?: Record<string, string>;
  model?: ProviderModel;
}

export async function runPipeline(root: string, shown: string, absolute: string, id: string): Promise<PipelineResult> {
  try {
    const spec = await loadSpec(shown, absolute);
    // Checked before the linter and openapi-typescript see the document: neither may follow a remote ref.
    const refused = [...checkRefs(spec, root), ...checkOperationNames(spec)];
    if (refused.length) return { diagnostics: sortDiagnostics(refused) };
    const lint = await validateSpec(spec);
    const errors = lint.filter((d) => d.severity === "error");
    const { model, diagnostics } = errors.length ? { model: undefined, diagnostics: [] } : buildModel(spec, id);
    const all = sortDiagnostics([...lint, ...diagnostics]);
    if (!model || all.some((d) => d.severity === "error")) return { diagnostics: all };

    const header = generatedHeader(relative(root, absolute).split("\\").join("/"), spec.sha256);
    const bodies: Record<(typeof GENERATED_FILES)[number], string> = {
      "schema.ts": await emitSchema(spec, model),
      "provider.ts": emitProvider(model),
      "client.ts": emitClient(model),
      "index.ts": emitIndex(model),
      "smoke.test.ts": emitSmokeTest(spec.document, model),
    };
    const files: Record<string, string> = {};
    for (const name of GENERATED_FILES) files[name] = `${header}\n${bodies[name]}`;
    return { diagnostics: all, files, model };
  } catch (error) {
    if (error instanceof SpecDiagnosticsError) return { diagnostics: sortDiagnostics(error.diagnostics) };
    throw error;
  }
}
