// The list of operations in a provider package's README, kept in step with the spec on every `generate` (and
// checked by `generate --check`), so the npm page always shows what the package covers. Only the text between the
// two markers is the generator's; the rest of the README is the maintainers'.
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import type { ProviderModel } from "./model.js";
import { type OutputReport, writeAtomically } from "./write-output.js";

const START = "<!-- modelfleet-codegen:operations";
const END = "<!-- /modelfleet-codegen:operations -->";

/** The generated block, markers included: one line per operation, in the spec's order. */
export function operationsSection(model: ProviderModel, specPath: string): string {
  if (model.typesOnly) return webhooksSection(model, specPath);
  const lines = model.operations.map((op) => {
    const what = op.summary ? `: ${op.summary}` : "";
    return `- \`${op.methodName}\`${what} (\`${op.method} ${op.path}\`)${op.deprecated ? " (deprecated)" : ""}`;
  });
  return [
    `${START} (generated from ${specPath}: edit the spec and run \`npm run generate\`, not this list) -->`,
    "",
    "## Operations",
    "",
    `One method per operation of the spec, on the client \`create${model.name}Client()\` returns:`,
    "",
    ...lines,
    "",
    END,
  ].join("\n");
}

/** A types-only package's block: one line per webhook payload type it exports. */
function webhooksSection(model: ProviderModel, specPath: string): string {
  const lines = model.webhooks
    .filter((hook) => hook.mediaType !== undefined)
    .map((hook) => {
      const what = hook.summary ? `: ${hook.summary}` : "";
      return `- \`${model.name}${hook.typeName}\`${what} (\`${hook.method.toUpperCase()}\` webhook \`${hook.name}\`)`;
    });
  return [
    `${START} (generated from ${specPath}: edit the spec and run \`npm run generate\`, not this list) -->`,
    "",
    "## Webhook payload types",
    "",
    "The document declares webhooks and no operation: the package exports one type per webhook payload, and no client.",
    "",
    ...lines,
    "",
    END,
  ].join("\n");
}

/**
 * `readme` with its generated block replaced by `section`. A README without the markers (written before they
 * existed, or by hand) gets the block appended, so every provider package ends up with one.
 */
export function withOperationsSection(readme: string, section: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  if (start === -1 || end === -1) return `${readme.trimEnd()}\n\n${section}\n`;
  return `${readme.slice(0, start)}${section}${readme.slice(end + END.length)}`;
}

/** The generated block of `readme` as it stands, or undefined when it has none. */
export function currentOperationsSection(readme: string): string | undefined {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END, start);
  return start === -1 || end === -1 ? undefined : readme.slice(start, end + END.length);
}

/**
 * Brings the generated block of the README at `file` to `section`. Returns the README's path (relative to `root`)
 * under `written`, `unchanged` or, with `check`, `stale`, in the shape of the generated directory's report.
 */
export async function syncOperationsSection(
  file: string,
  section: string,
  options: { check: boolean; root: string },
): Promise<Pick<OutputReport, "written" | "unchanged" | "stale">> {
  const shown = relative(options.root, file);
  const readme = await readFile(file, "utf8").catch(() => undefined);
  // No README at all: a check of a package never generated (the scaffold writes one, block included).
  if (readme === undefined) return { written: [], unchanged: [], stale: [] };
  const next = withOperationsSection(readme, section);
  if (next === readme) return { written: [], unchanged: [shown], stale: [] };
  if (options.check) return { written: [], unchanged: [], stale: [shown] };
  await writeAtomically(file, next);
  return { written: [shown], unchanged: [], stale: [] };
}
