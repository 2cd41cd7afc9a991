import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, extname, join, relative, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { SIDECAR_SUFFIX } from "../import/sidecar-name.js";
import { isRecord } from "../openapi/json.js";
import { diffSide } from "./bundle-text.js";
import { git, latestReleaseTag, listFilesAt, resolveCommit, showFileAt, tagsMergedIntoHead } from "./git.js";
import { isPaginationChange, overlaySidecar, sidecarNaming, sidecarPackage, sidecarPathOf } from "./sidecar.js";
import { diffDocuments, highestKind } from "./spec.js";
import { parseSpecText, type SpecText } from "./spec-text.js";
import { type ChangeKind, change, type SpecChange } from "./types.js";

export interface DiffOptions {
  /** Repository root: holds `specs/` and `packages/`, inside a git work tree. */
  root: string;
  /**
   * Revision to compare with. Default: per spec, the newest release tag of its package that HEAD contains
   * (`@modelfleet/sieve@0.2.0`, as changesets tags releases), else HEAD.
   */
  base?: string;
  /** Only these spec files (relative to `cwd`); default every spec in `specs/` now or at the base. */
  specs?: string[];
  cwd?: string;
}

/** A change located in a file: the working-tree spec, or `<ref>:<spec>` for the base side. */
export interface LocatedChange extends SpecChange {
  file: string;
  line?: number;
  column?: number;
}

/** The comparison of one spec. */
export interface SpecDiff {
  /** Spec path relative to the root, e.g. `specs/sieve.yaml`. */
  spec: string;
  /** Spec file stem, also the package directory name. */
  id: string;
  /** From `info.x-modelfleet.package`, else the id. */
  packageName: string;
  /** The revision compared with (`HEAD`, a tag, or what was passed); `null` when there is none (no commits yet). */
  base: string | null;
  status: "changed" | "unchanged" | "added" | "removed";
  /** The most serious change, if any. */
  highest?: ChangeKind;
  changes: LocatedChange[];
}

export interface DiffResult {
  specs: SpecDiff[];
  /** Specs that could not be read or parsed on either side; such a spec has no entry in `specs`. */
  errors: Diagnostic[];
}

/** Thrown when no comparison is possible at all (not a git repository, an unknown revision). */
export class DiffUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiffUsageError";
  }
}

const SPEC_FILE = /\.(ya?ml|json)$/;

/** Compares every spec in the working tree with the same file at a git revision and classifies each change. */
export async function diffSpecs(options: DiffOptions): Promise<DiffResult> {
  const root = resolve(options.root);
  const cwd = options.cwd ?? root;
  try {
    await git(root, ["rev-parse", "--show-toplevel"]);
  } catch (error) {
    throw new DiffUsageError(`${root} is not inside a git work tree (${(error as Error).message})`);
  }
  let explicit: string | undefined;
  if (options.base !== undefined) {
    explicit = await resolveCommit(root, options.base);
    if (!explicit) throw new DiffUsageError(`unknown revision ${JSON.stringify(options.base)}`);
  }
  const head = explicit ? undefined : await resolveCommit(root, "HEAD");
  const tags = explicit ? [] : await tagsMergedIntoHead(root);

  const working = (await readdir(join(root, "specs")).catch(() => [] as string[]))
    .filter((n) => SPEC_FILE.test(n))
    .map((n) => `specs/${n}`);
  const listAt = new Map<string, Set<string>>();
  const filesAt = async (commit: string): Promise<Set<string>> => {
    let files = listAt.get(commit);
    if (!files) {
      files = new Set((await listFilesAt(root, commit, "specs")).filter((n) => SPEC_FILE.test(n)));
      listAt.set(commit, files);
    }
    return files;
  };
  const wanted = options.specs?.length ? options.specs.map((s) => relative(root, resolve(cwd, s)).split("\\").join("/")) : undefined;
  const candidates = new Set(wanted ?? [...working, ...(explicit ? await filesAt(explicit) : head ? await filesAt(head) : [])]);
  // A sidecar asked for alone brings its document along: that entry is where its pagination is compared.
  for (const spec of wanted ?? []) {
    if (!spec.endsWith(SIDECAR_SUFFIX)) continue;
    const named = parsedOrNothing(await readFile(join(root, spec), "utf8").catch(() => undefined))?.document.spec;
    if (typeof named === "string") candidates.add(`${dirname(spec)}/${named}`);
  }

  const result: DiffResult = { specs: [], errors: [] };
  for (const spec of [...candidates].sort()) {
    // `specs/<id>.vendor.<ext>`, an imported document, belongs to package `<id>` like its sidecar.
    const id = basename(spec, extname(spec)).replace(/\.vendor$/, "");
    const headText = await readFile(join(root, spec), "utf8").catch(() => undefined);
    const headParsed = headText === undefined ? undefined : parseOrReport(headText, spec, result.errors);
    if (headParsed === null) continue;

    // An imported document's sidecar (each side's own): its package names the package, its pagination is compared
    // on the document's operations. Its own entry leaves `pagination` to the document's.
    const isSidecar = spec.endsWith(SIDECAR_SUFFIX);
    const sidecarPath = isSidecar ? undefined : sidecarPathOf(spec);
    const headSidecarText = sidecarPath ? await readFile(join(root, sidecarPath), "utf8").catch(() => undefined) : undefined;
    const headSidecar = sidecarPath ? sidecarNaming(spec, parsedOrNothing(headSidecarText)) : undefined;

    // The base: the explicit revision, else the package's newest release tag, else HEAD.
    let baseRef: string | null = options.base ?? null;
    let baseCommit = explicit;
    if (!explicit && head) {
      let packageName = sidecarPackage(headSidecar) ?? packageOf(headParsed?.document);
      if (!packageName && (await filesAt(head)).has(spec)) {
        const atHead = parseSpecText(await showFileAt(root, head, spec));
        packageName = packageOf("document" in atHead ? atHead.document : undefined);
      }
      const tag = packageName ? latestReleaseTag(tags, packageName) : undefined;
      baseRef = tag ?? "HEAD";
      baseCommit = tag ? await resolveCommit(root, tag) : head;
    }
    const baseText = baseCommit && (await filesAt(baseCommit)).has(spec) ? await showFileAt(root, baseCommit, spec) : undefined;
    const baseFile = `${baseRef}:${spec}`;
    const baseSidecarText =
      sidecarPath && baseCommit && (await filesAt(baseCommit)).has(sidecarPath)
        ? await showFileAt(root, baseCommit, sidecarPath)
        : undefined;
    const baseSidecar = sidecarPath ? sidecarNaming(spec, parsedOrNothing(baseSidecarText)) : undefined;
    const baseParsed = baseText === undefined ? undefined : parseOrReport(baseText, baseFile, result.errors);
    if (baseParsed === null) continue;
    if (!headParsed && !baseParsed) continue;

    // Both sides with their file refs resolved, each from its own tree: a change in a referenced file is a change.
    const headSide = headParsed
      ? await diffSide(headParsed, spec, root, spec, (path) => readFile(join(root, path), "utf8").catch(() => undefined), true)
      : undefined;
    const baseSide =
      baseParsed && baseCommit
        ? await diffSide(baseParsed, baseFile, root, spec, (path) => showFileAt(root, baseCommit, path).catch(() => undefined), false)
        : undefined;
    if ((headSide && "errors" in headSide) || (baseSide && "errors" in baseSide)) {
      for (const side of [headSide, baseSide]) if (side && "errors" in side) result.errors.push(...side.errors);
      continue;
    }

    const packageName =
      sidecarPackage(headSidecar) ??
      sidecarPackage(baseSidecar) ??
      packageOf(headParsed?.document) ??
      packageOf(baseParsed?.document) ??
      id;
    const entry: SpecDiff = { spec, id, packageName, base: baseRef, status: "unchanged", changes: [] };
    if (!baseParsed && headParsed) {
      entry.status = "added";
      entry.changes.push(whole("spec-added", `new spec: ${packageName} is a new package`, "head", spec));
    } else if (baseParsed && !headParsed) {
      entry.status = "removed";
      entry.changes.push(whole("spec-removed", `spec removed: ${packageName} loses its source`, "base", baseFile));
    } else if (
      headSide &&
      baseSide &&
      (baseText !== headText || headSide.references.length || baseSide.references.length || baseSidecarText !== headSidecarText)
    ) {
      const headOverlay = overlaySidecar(headSide, headSidecar, sidecarPath ?? spec);
      const baseOverlay = overlaySidecar(baseSide, baseSidecar, `${baseRef}:${sidecarPath}`);
      let changes = diffDocuments(baseOverlay.side.document, headOverlay.side.document);
      if (isSidecar) changes = changes.filter((c) => !isPaginationChange(c));
      entry.status = changes.length ? "changed" : "unchanged";
      entry.changes = changes.map((c) => {
        const overlay = c.side === "head" ? headOverlay : baseOverlay;
        return overlay.relocate({ ...c, ...overlay.side.where(c.pointer) });
      });
    }
    entry.highest = highestKind(entry.changes);
    result.specs.push(entry);
  }
  return result;
}

function whole(code: "spec-added" | "spec-removed", message: string, side: "base" | "head", file: string): LocatedChange {
  const { direction: _none, ...found } = change(code, message, "#", side);
  return { ...found, operations: [], directions: [], file, line: 1, column: 1 };
}

/** `null` when the text does not parse (the problem is added to `errors`). */
function parseOrReport(text: string, file: string, errors: Diagnostic[]): SpecText | null {
  const parsed = parseSpecText(text);
  if ("errors" in parsed) {
    for (const e of parsed.errors) {
      errors.push({
        severity: "error",
        code: "yaml/syntax",
        message: e.message,
        file,
        line: e.line,
        column: e.column,
        help: "fix the YAML syntax at this position; the spec cannot be compared until it parses",
      });
    }
    return null;
  }
  return parsed;
}

/** A sidecar's text parsed, or nothing when there is none or it does not parse (its own entry reports that). */
function parsedOrNothing(text: string | undefined): SpecText | undefined {
  if (text === undefined) return undefined;
  const parsed = parseSpecText(text);
  return "errors" in parsed ? undefined : parsed;
}

function packageOf(doc: unknown): string | undefined {
  if (!isRecord(doc)) return undefined;
  // A sidecar names its package at the top level.
  if (typeof doc.spec === "string" && typeof doc.package === "string") return doc.package;
  const info = isRecord(doc.info) ? doc.info : {};
  const ext = isRecord(info["x-modelfleet"]) ? info["x-modelfleet"] : {};
  return typeof ext.package === "string" ? ext.package : undefined;
}
