import { join, relative } from "node:path";
import { findSpecs } from "../generate/generate.js";
import { SIDECAR_SUFFIX } from "../import/sidecar-name.js";
import { loadSpec } from "../openapi/load.js";
import { FetchDocumentError, type FetchOptions, fetchDocument } from "../sync/fetch-document.js";
import { ConformInputError, type ConformReport, conformSpec } from "./command.js";
import { upstreamOfSpec } from "./upstream.js";

/** One spec of `conform --all`: compared, skipped (no upstream recorded) or failed (its document could not be had). */
export type AllOutcome = { spec: string; report: ConformReport } | { spec: string; skipped: string } | { spec: string; error: string };

/**
 * `conform --all`: every hand-written spec of `specs/` that records `info.x-modelfleet.upstream`, against the document
 * downloaded from there. A download that fails is reported for its spec; the others are still compared.
 */
export async function conformAll(options: { root: string; cwd: string; fetch?: FetchOptions }): Promise<AllOutcome[]> {
  const outcomes: AllOutcome[] = [];
  for (const absolute of await findSpecs(join(options.root, "specs"))) {
    const spec = relative(options.cwd, absolute).split("\\").join("/");
    if (absolute.endsWith(SIDECAR_SUFFIX)) {
      outcomes.push({ spec, skipped: "an imported vendor document is the vendor's own: `sync` re-imports it" });
      continue;
    }
    let upstream: ReturnType<typeof upstreamOfSpec>;
    try {
      upstream = upstreamOfSpec((await loadSpec(spec, absolute)).document);
    } catch {
      outcomes.push({ spec, error: "the spec does not parse (run `modelfleet-codegen generate` for its diagnostics)" });
      continue;
    }
    if (upstream.problem) {
      outcomes.push({ spec, error: `info.x-modelfleet.${upstream.problem}` });
      continue;
    }
    if (!upstream.upstream) {
      outcomes.push({ spec, skipped: "no info.x-modelfleet.upstream recorded" });
      continue;
    }
    try {
      const fetched = await fetchDocument(upstream.upstream.url, options.fetch);
      outcomes.push({ spec, report: await conformSpec({ ...options, spec: absolute, vendor: { url: fetched.url, text: fetched.text } }) });
    } catch (error) {
      if (error instanceof FetchDocumentError) outcomes.push({ spec, error: error.message });
      else if (error instanceof ConformInputError) outcomes.push({ spec, error: error.message });
      else throw error;
    }
  }
  return outcomes;
}
