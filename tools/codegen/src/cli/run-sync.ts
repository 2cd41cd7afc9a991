import type { PrintTarget } from "./print-results.js";

/**
 * `sync [--spec <id> ...] [--check]`: the Markdown summary on stdout, one line per failed document on stderr. Exit
 * codes: 0 done (or, with --check, nothing changed); 1 with --check, an upstream document changed; 2 a document could
 * not be downloaded or re-imported (the others were still processed), or a usage error.
 */
export async function runSync(
  root: string,
  cwd: string,
  target: PrintTarget,
  options: { specs?: string[]; check: boolean },
): Promise<number> {
  const { syncUpstreams, SyncUsageError } = await import("../sync/sync.js");
  const { formatSyncSummary } = await import("../sync/report.js");
  const { specId } = await import("../generate/generate.js");
  // `--spec sieve` or, as generate and diff take it, `--spec specs/sieve.yaml`.
  const ids = options.specs?.map((spec) => (/[\\/]|\.(ya?ml|json)$/.test(spec) ? specId(spec) : spec));
  let entries: Awaited<ReturnType<typeof syncUpstreams>>;
  try {
    entries = await syncUpstreams({ root, cwd, ids, check: options.check });
  } catch (error) {
    if (!(error instanceof SyncUsageError)) throw error;
    target.err(`modelfleet-codegen sync: ${error.message}\n`);
    return 2;
  }
  target.out(formatSyncSummary(entries, options.check));
  const failed = entries.filter((e) => e.status === "failed");
  for (const e of failed) target.err(`${e.spec}: ${e.error?.message}\n`);
  if (failed.length) return 2;
  if (options.check && entries.some((e) => e.status === "changed" || e.status === "new")) return 1;
  return 0;
}
