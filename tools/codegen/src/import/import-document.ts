import { copyFile, readFile, rm, stat, writeFile } from "node:fs/promises";
import { basename, extname, join, relative, resolve } from "node:path";
import { formatDiagnostic } from "../diagnostics.js";
import { generate, type SpecResult } from "../generate/generate.js";
import { pascalCase } from "../names.js";
import { formatSidecar, SIDECAR_SUFFIX, type Sidecar, VENDOR_INFIX } from "./sidecar.js";

/** Options of {@link importDocument}. */
export interface ImportOptions {
  /** Repository root: holds `specs/` and `packages/`. */
  root: string;
  /** The vendor's OpenAPI document (YAML or JSON, 3.0 or 3.1). */
  file: string;
  /** What a relative {@link ImportOptions.file} is relative to (default: the process's working directory). */
  cwd?: string;
  /** Package id: `specs/<id>.*`, `packages/<id>`, `@modelfleet/<id>`. */
  id: string;
  /** Base URL when the document has no absolute server URL (or to use another one). */
  baseUrl?: string;
}

/** What {@link importDocument} did. */
export interface ImportResult {
  /** `specs/<id>.vendor.<ext>`: the document, byte for byte as given. */
  document: string;
  /** `specs/<id>.modelfleet.yaml`. */
  sidecar: string;
  /** Whether the sidecar already existed and was kept (a newer download replacing the document). */
  keptSidecar: boolean;
  /** The generate run for the sidecar; its diagnostics hold every warning. */
  result: SpecResult;
}

/** A bad argument to `import`: nothing was written. */
export class ImportUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportUsageError";
  }
}

/**
 * Copies a vendor's document into `specs/` unchanged, writes its sidecar (unless one exists: a re-import keeps the
 * choices made in it), then generates and scaffolds the package. When generation fails, the files this call added
 * are removed again and a replaced document is restored, so a failed import leaves the repository as it was.
 */
export async function importDocument(options: ImportOptions): Promise<ImportResult> {
  const root = resolve(options.root);
  const { id } = options;
  if (!/^[a-z][a-z0-9-]*$/.test(id))
    throw new ImportUsageError(`--name must be a lowercase package id like \`acme\` or \`acme-ml\`, got ${JSON.stringify(id)}`);
  if (options.baseUrl !== undefined && !/^https?:\/\/[^{}\s]+$/.test(options.baseUrl))
    throw new ImportUsageError(`--base-url must be an absolute http(s) URL, got ${JSON.stringify(options.baseUrl)}`);
  const source = options.cwd === undefined ? resolve(options.file) : resolve(options.cwd, options.file);
  const isFile = await stat(source).then(
    (s) => s.isFile(),
    () => false,
  );
  if (!isFile) throw new ImportUsageError(`${options.file}: no such file`);
  const ext = extname(source).toLowerCase();
  if (![".yaml", ".yml", ".json"].includes(ext))
    throw new ImportUsageError(`${options.file}: expected a .yaml, .yml or .json OpenAPI document`);

  const specsDir = join(root, "specs");
  const sidecarPath = join(specsDir, `${id}${SIDECAR_SUFFIX}`);
  const existingSidecar = await readFile(sidecarPath, "utf8").catch(() => undefined);
  const documentName = vendorDocumentName(id, ext, existingSidecar);
  const documentPath = join(specsDir, documentName);
  const existingDocument = await readFile(documentPath).catch(() => undefined);
  const own = existingSidecar ? undefined : await ownSpecOf(specsDir, id);
  if (own) throw new ImportUsageError(`${relative(root, own)} exists and is not an imported document; choose another --name`);
  if (existingDocument && !existingSidecar)
    throw new ImportUsageError(`${relative(root, documentPath)} exists and is not an imported document; choose another --name`);
  if (existingSidecar && !existingSidecar.includes(documentName))
    throw new ImportUsageError(`${relative(root, sidecarPath)} names another document; move it away or choose another --name`);

  if (resolve(source) !== resolve(documentPath)) await copyFile(source, documentPath);
  if (!existingSidecar) {
    const sidecar: Sidecar = {
      spec: documentName,
      package: `@modelfleet/${id}`,
      name: pascalCase(id),
      envVar: `${id.toUpperCase().replace(/-/g, "_")}_API_KEY`,
    };
    if (options.baseUrl) sidecar.baseUrl = options.baseUrl;
    await writeFile(sidecarPath, formatSidecar(sidecar));
  }
  const [result] = await generate({ root, specs: [sidecarPath], force: true });
  if (!result || result.diagnostics.some((d) => d.severity === "error")) {
    if (!existingSidecar) await rm(sidecarPath, { force: true });
    if (existingDocument) await writeFile(documentPath, existingDocument);
    else await rm(documentPath, { force: true });
  }
  return {
    document: relative(root, documentPath),
    sidecar: relative(root, sidecarPath),
    keptSidecar: existingSidecar !== undefined,
    result: result as SpecResult,
  };
}

/** A spec of ours with the package id `id` (`specs/<id>.yaml`, …), which an import must not shadow. */
async function ownSpecOf(specsDir: string, id: string): Promise<string | undefined> {
  for (const ext of [".yaml", ".yml", ".json"]) {
    const path = join(specsDir, `${id}${ext}`);
    const isFile = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isFile) return path;
  }
  return undefined;
}

/**
 * `<id>.vendor.<ext>`: the `.vendor.` marks the file as a vendor's, which the repository's formatter and linter leave
 * alone (biome.json excludes `specs/*.vendor.*`), so it stays byte for byte as downloaded. A document imported
 * before under another name (named by its existing sidecar, with the same extension) keeps that name.
 */
function vendorDocumentName(id: string, ext: string, existingSidecar: string | undefined): string {
  const named = existingSidecar === undefined ? undefined : /^spec:\s*["']?([^"'\s#]+)/m.exec(existingSidecar)?.[1];
  return named !== undefined && extname(named).toLowerCase() === ext ? named : `${id}${VENDOR_INFIX}${ext}`;
}

/** The lines `import` prints: errors in full, warnings as one count per code unless `verbose`. */
export function formatImport(outcome: ImportResult, verbose: boolean): { out: string; err: string } {
  const { result } = outcome;
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const warnings = result.diagnostics.filter((d) => d.severity === "warning");
  const err: string[] = errors.map(formatDiagnostic);
  if (verbose) err.push(...warnings.map(formatDiagnostic));
  else if (warnings.length) {
    const byCode = new Map<string, number>();
    for (const w of warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
    const counts = [...byCode].map(([code, n]) => `${code} ×${n}`).join(", ");
    err.push(`${basename(outcome.document)}: ${warnings.length} warning(s) (${counts}); --verbose lists them`);
  }
  const out: string[] = [];
  if (errors.length) err.push(`${outcome.document}: ${errors.length} error(s); nothing imported`);
  else {
    out.push(`${outcome.document}: copied unchanged`);
    out.push(`${outcome.sidecar}: ${outcome.keptSidecar ? "kept" : "written"}`);
    for (const file of result.scaffolded) out.push(`scaffolded ${file}`);
    out.push(`${outcome.sidecar} -> ${result.packageDir}: generated`);
    out.push("next: npm install (links the new package), then npm run build and npm test");
  }
  return { out: out.length ? `${out.join("\n")}\n` : "", err: err.length ? `${err.join("\n")}\n` : "" };
}
