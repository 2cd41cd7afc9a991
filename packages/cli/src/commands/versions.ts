import type { ModelVersion } from "modelfleet/all";
import type { Context } from "../context.js";
import { EXIT, type ExitCode } from "../failure.js";
import { escapeControls, formatCount, formatDate, formatScaling, formatStatus, formatVersion, renderTable, toJson } from "../output.js";
import { startProgress } from "../progress.js";

/** `modelfleet versions <modelRef>`: every version of a model, across all pages. */
export async function versions(context: Context): Promise<ExitCode> {
  const { io, out } = context;
  const modelRef = context.positionals[0] as string;
  // Called before the progress line: a bad reference or an unsupported provider throws here, before any request.
  const { provider } = context.fleet.parseModelRef(modelRef);
  const listing = context.fleet.listVersions(modelRef, { signal: context.deadline({ provider, operation: "listVersions" }) });
  const found: ModelVersion[] = [];
  const progress = startProgress(io.stderr, `reading versions of ${escapeControls(modelRef)}`);
  try {
    for await (const version of listing) {
      found.push(version);
      progress.update(`reading versions of ${escapeControls(modelRef)} (${found.length} so far)`);
    }
  } finally {
    progress.stop();
  }
  if (context.json) {
    io.stdout.write(toJson(found.map((v) => context.shown(v, v.provider))));
    return EXIT.ok;
  }
  const table = renderTable(
    ["REFERENCE", "VERSION", "STATUS", "SCALING", "REPLICAS", "CREATED", "UPDATED"],
    found.map((v) => [
      escapeControls(v.ref),
      formatVersion(v.version),
      formatStatus(v, out),
      formatScaling(v.scaling),
      formatCount(v.replicas),
      formatDate(v.createdAt),
      formatDate(v.updatedAt),
    ]),
    out,
  );
  io.stdout.write(`${found.length ? table : `No versions of ${escapeControls(modelRef)}.`}\n`);
  return EXIT.ok;
}
