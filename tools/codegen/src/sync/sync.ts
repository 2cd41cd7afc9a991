import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, relative } from "node:path";
import { parse } from "yaml";
import { type ConformReport, conformSpec } from "../conform/command.js";
import { readUpstream, type Upstream, upstreamOfSpec } from "../conform/upstream.js";
import { type ChangesetOutcome, writeChangesets } from "../diff/changeset.js";
import { diffSpecs, type SpecDiff } from "../diff/command.js";
import type { SpecChange } from "../diff/types.js";
import { findSpecs, specId } from "../generate/generate.js";
import { importDocument } from "../import/import-document.js";
import { SIDECAR_SUFFIX } from "../import/sidecar-name.js";
import type { OpenApiDocument } from "../openapi/document.js";
import { isRecord } from "../openapi/json.js";
import { parseSpec } from "../openapi/load.js";
import { readCached, writeCached } from "./cache.js";
import { FetchDocumentError, type FetchOptions, fetchDocument } from "./fetch-document.js";
import { type Lock, readLock, writeLock } from "./lock.js";
import { changesInUsedOperations } from "./used-changes.js";

/** Options of {@link syncUpstreams}. */
export interface SyncOptions {
  root: string;
  cwd?: string;
  /** Only these spec ids (default: every spec recording an upstream). */
  ids?: string[];
  /** Write nothing (no lock, no re-import, no changeset, no cache); report what changed. */
  check?: boolean;
  /** Download limits; `allowLoopbackHttp` is for tests only. */
  fetch?: FetchOptions;
}

/** What happened to one spec's upstream document. */
export interface SyncEntry {
  id: string;
  /** `specs/<id>.yaml`, or the sidecar of an imported package. */
  spec: string;
  kind: "imported" | "hand-written";
  url: string;
  status: "unchanged" | "new" | "changed" | "failed";
  /** The previous and the new sha256 (`previous` absent for a document the lock did not know). */
  previous?: string;
  sha256?: string;
  /** A failed download or re-import: its code (`sync/timeout`, `sync/import-failed`, ...) and message. */
  error?: { code: string; message: string };
  /** Imported package: the diff of the re-imported document and the changeset written. */
  diff?: SpecDiff;
  changesets?: ChangesetOutcome[];
  /** Hand-written spec: conform against the new document. */
  conform?: ConformReport;
  /** Hand-written spec: what changed upstream in the operations it uses; absent when the previous document is unknown. */
  usedChanges?: SpecChange[];
}

/** Thrown for a bad argument (an unknown spec id): nothing was downloaded or written. */
export class SyncUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SyncUsageError";
  }
}

/**
 * Downloads every recorded upstream document, compares its sha256 with the lock's, and for each one that changed
 * re-imports an imported package (then `diff` and its changeset) or conforms a hand-written spec against it and lists
 * what changed upstream in the operations it uses (a hand-written spec is never edited). One document failing does
 * not stop the others, and leaves its lock entry as it was.
 */
export async function syncUpstreams(options: SyncOptions): Promise<SyncEntry[]> {
  const root = options.root;
  const cwd = options.cwd ?? root;
  const lock = await readLock(root);
  const candidates = await upstreams(root);
  if (options.ids) {
    const unknown = options.ids.find((id) => !candidates.some((c) => c.id === id));
    if (unknown)
      throw new SyncUsageError(
        `no spec ${JSON.stringify(unknown)} records an upstream document (specs: ${candidates.map((c) => c.id).join(", ") || "none"})`,
      );
  }
  const entries: SyncEntry[] = [];
  const next: Lock = { ...lock };
  for (const candidate of candidates) {
    if (options.ids && !options.ids.includes(candidate.id)) continue;
    const { id, spec, kind, upstream } = candidate;
    const entry: SyncEntry = { id, spec: relative(cwd, spec).split("\\").join("/"), kind, url: upstream.url, status: "unchanged" };
    entries.push(entry);
    if ("problem" in candidate && candidate.problem) {
      entry.status = "failed";
      entry.error = { code: "sync/invalid-upstream", message: candidate.problem };
      continue;
    }
    let fetched: Awaited<ReturnType<typeof fetchDocument>>;
    try {
      fetched = await fetchDocument(upstream.url, options.fetch);
    } catch (error) {
      if (!(error instanceof FetchDocumentError)) throw error;
      entry.status = "failed";
      entry.error = { code: error.code, message: error.message };
      continue;
    }
    const known = lock[id];
    entry.sha256 = fetched.sha256;
    if (known) entry.previous = known.sha256;
    if (known?.sha256 === fetched.sha256 && known.url === upstream.url) continue;
    entry.status = known ? "changed" : "new";
    if (options.check) continue;
    if (kind === "imported") {
      const failed = await reimport(root, cwd, candidate, fetched.text, entry);
      if (failed) continue;
    } else {
      const before = known ? await readCached(root, id, known.sha256) : undefined;
      entry.conform = await conformSpec({ root, cwd, spec, vendor: { url: upstream.url, text: fetched.text } });
      if (before !== undefined) {
        const ours = parseSpec(spec, spec, await readFile(spec, "utf8")).document;
        entry.usedChanges = changesInUsedOperations(ours, documentOf(before), documentOf(fetched.text));
      }
    }
    await writeCached(root, id, fetched.sha256, fetched.text);
    next[id] = { url: upstream.url, sha256: fetched.sha256 };
  }
  if (!options.check && JSON.stringify(next) !== JSON.stringify(lock)) await writeLock(root, next);
  return entries;
}

interface Candidate {
  id: string;
  /** Absolute path of the spec or sidecar. */
  spec: string;
  kind: "imported" | "hand-written";
  upstream: Upstream;
  /** Imported: the vendor document's file in specs/. */
  document?: string;
  problem?: string;
}

/** Every spec of specs/ recording an upstream: in a hand-written spec's info.x-modelfleet, in an imported one's sidecar. */
async function upstreams(root: string): Promise<Candidate[]> {
  const out: Candidate[] = [];
  for (const spec of await findSpecs(join(root, "specs"))) {
    const text = await readFile(spec, "utf8").catch(() => "");
    let value: unknown;
    try {
      value = parse(text);
    } catch {
      continue;
    }
    if (!isRecord(value)) continue;
    const imported = spec.endsWith(SIDECAR_SUFFIX);
    const read = imported ? readUpstream(value.upstream) : upstreamOfSpec(value as OpenApiDocument);
    if (!read.upstream && !read.problem) continue;
    out.push({
      id: specId(spec),
      spec,
      kind: imported ? "imported" : "hand-written",
      upstream: read.upstream ?? { url: String((isRecord(value.upstream) && value.upstream.url) || "") },
      ...(imported && typeof value.spec === "string" ? { document: join(root, "specs", value.spec) } : {}),
      ...(read.problem ? { problem: read.problem } : {}),
    });
  }
  return out;
}

/**
 * Replaces an imported package's vendor document with the new download through `import` (which keeps the sidecar and
 * restores the old document when generation fails), then diffs it against the last release and writes the changeset.
 */
async function reimport(root: string, cwd: string, candidate: Candidate, text: string, entry: SyncEntry): Promise<boolean> {
  const temp = await mkdtemp(join(tmpdir(), "modelfleet-sync-"));
  try {
    const file = join(temp, `${candidate.id}${extname(candidate.document ?? ".json")}`);
    await writeFile(file, text);
    const outcome = await importDocument({ root, file, id: candidate.id });
    const errors = outcome.result.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) {
      entry.status = "failed";
      entry.error = { code: "sync/import-failed", message: errors.map((d) => `${d.code}: ${d.message}`).join("; ") };
      return true;
    }
    const result = await diffSpecs({ root, cwd, specs: [relative(cwd, candidate.spec)] });
    entry.diff = result.specs.find((s) => s.id === candidate.id);
    entry.changesets = await writeChangesets(root, result.specs);
    return false;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

function documentOf(text: string): OpenApiDocument {
  return parseSpec("upstream", "upstream", text).document;
}
