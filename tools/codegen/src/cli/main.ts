import { resolve } from "node:path";
import { parseArgs } from "node:util";
import type { FailOn } from "../diff/explain.js";
import { findRoot, generate } from "../generate/generate.js";
import { type PrintTarget, printResults } from "./print-results.js";

const USAGE = `usage: modelfleet-codegen <command> [options]

  generate [--spec <file> ...] [--check] [--force] [--watch] [--verbose]
                  generate packages/<name>/src/generated/ from specs/<name>.yaml (every spec by default)
    --spec <file>   only this spec (repeatable)
    --check         write nothing; exit 1 naming every stale file
    --force         regenerate even specs whose bytes, generator and generated files are unchanged
    --watch         keep running; regenerate a spec's package whenever the spec changes
    --verbose       list every warning of an imported vendor document (default: a count)

  import <file> --name <id> [--base-url <url>] [--verbose]
                  bring in a vendor's OpenAPI document (3.0 or 3.1, YAML or JSON): copy it unchanged to
                  specs/<id>.vendor.<ext>, write specs/<id>.modelfleet.yaml beside it (identity, base URL, auth choice,
                  renames, exclusions), then generate and scaffold packages/<id>. Vendor problems are warnings.
    --name <id>     package id (lowercase): specs/<id>.*, packages/<id>, @modelfleet/<id>
    --base-url <url>  the API's base URL when the document has no absolute one
    --verbose       list every warning (default: one summary line)

  diff [<base-ref>] [--spec <file> ...] [--json] [--changeset] [--fail-on <kind>] [--explain <pointer>]
                  classify every change of each spec against a git revision (default: the package's
                  newest release tag contained in HEAD, else HEAD) as breaking, feature or fix, judged
                  twice: on the wire and for the generated types (the kind is the stronger of the two)
    --json          machine-readable report on stdout
    --changeset     write .changeset/<name>-spec-changes.md per changed package with the implied bump
    --fail-on <kind>  exit 1 when a change of this kind or a more serious one is found
                    (breaking | feature | fix, or wire:<kind> / types:<kind> to judge one verdict);
                    without it, diff exits 0 whatever it finds
    --explain <pointer>  print why each change at this JSON pointer (or below it) got its verdicts;
                    exit 1 when there is none

  conform <spec> --against <document> | conform --all
                  check that a hand-written spec is a faithful subset of the vendor's own OpenAPI document:
                  every operation exists there (method and path), every parameter, request body and body
                  property the vendor requires is required in ours, every response property and enum value we
                  declare exists there with a compatible type, and the auth scheme matches. Deliberate
                  differences go in the spec's x-modelfleet-conform.ignore, each with its reason.
    --against <document>  the vendor's document (a file)
    --all           every spec recording info.x-modelfleet.upstream.url, against the document downloaded from it

  sync [--spec <id> ...] [--check]
                  download every upstream document (https only), record its sha256 in upstream.lock.json;
                  when one changed: re-import an imported package (then diff, changeset, summary), or conform a
                  hand-written spec and list what changed upstream in the operations it uses (never edited)
    --spec <id>     only this spec: its id or its file (repeatable)
    --check         write nothing; exit 1 when an upstream document changed

  --root <dir>    repository root (default: the nearest directory above the working directory with specs/)

Exit codes: 0 success; 1 a spec has errors, generated files are stale, --fail-on matched, conform found a difference
not on the allow-list, or sync --check found a changed upstream; 2 usage error, or nothing could be compared (not a
git repository, unknown revision, a spec that does not parse, a vendor document that cannot be read or downloaded).`;

/** An output stream as the command needs it: `process.stdout`, `process.stderr`, or a test's buffer. */
export interface CliOutput {
  write(text: string): unknown;
}

/** Everything the command touches outside itself, so that {@link main} runs the same in its process and in a test. */
export interface CliIo {
  /** Where relative paths start, and the search for the repository root (`specs/`) when there is no `--root`. */
  cwd: string;
  stdout: CliOutput;
  stderr: CliOutput;
  /**
   * Resolves when `generate --watch` should stop watching; called before the watcher starts, so that a stop right after
   * the first "watching" line is heard. The binary resolves it on SIGINT or SIGTERM.
   */
  untilStopped(): Promise<void>;
}

/**
 * Runs one command line and returns its exit code. Throws only on an internal error (a bug), which the binary
 * prints as `modelfleet-codegen: internal error: <stack>` with exit code 1.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const usage = (message: string) => printUsage(io, message);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    return usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (command === "import") {
    const extra = (["spec", "check", "force", "watch", "json", "changeset", "fail-on"] as const).find((k) => values[k] !== undefined);
    if (extra) return usage(`--${extra} is not an option of import`);
    if (rest.length !== 1) return usage(`import takes one document, got ${rest.length}`);
    if (!values.name) return usage("import needs --name <id>");
  }
  const importOnly = (["name", "base-url"] as const).find((k) => values[k] !== undefined);
  if (importOnly && command !== "import") return usage(`--${importOnly} is an option of import only`);
  const conformOnly = (["against", "all"] as const).find((k) => values[k] !== undefined);
  if (conformOnly && command !== "conform") return usage(`--${conformOnly} is an option of conform only`);
  if (command === "conform" || command === "sync") return runUpkeep(io, command, rest, values);
  if (command !== "generate" && command !== "diff" && command !== "import") {
    return usage(command ? `unknown command ${JSON.stringify(positionals.join(" "))}` : "missing command");
  }
  const misplaced =
    command === "generate"
      ? (["json", "changeset", "fail-on", "explain"] as const).filter((k) => values[k] !== undefined)
      : command === "diff"
        ? (["check", "force", "watch", "verbose"] as const).filter((k) => values[k] !== undefined)
        : [];
  if (misplaced.length) return usage(`--${misplaced[0]} is not an option of ${command}`);
  if (command === "import") {
    const root = await rootOf(io, values.root);
    if (!root) return usage("no specs/ directory here or above; pass --root");
    return runImport(io, root, rest[0] as string, values.name as string, values["base-url"], values.verbose === true);
  }
  if (command === "generate" && rest.length) return usage(`unexpected argument ${JSON.stringify(rest[0])}`);
  if (command === "diff" && rest.length > 1) return usage(`diff takes one base revision, got ${rest.length}`);
  if (values.watch && values.check) return usage("--watch and --check do not go together");

  const cwd = io.cwd;
  const root = await rootOf(io, values.root);
  if (!root) {
    io.stderr.write("modelfleet-codegen: no specs/ directory here or above; pass --root\n");
    return 2;
  }
  if (command === "diff") {
    const { parseFailOn } = await import("../diff/explain.js");
    const failOnText = values["fail-on"];
    const failOn = failOnText === undefined ? undefined : parseFailOn(failOnText);
    if (failOnText !== undefined && !failOn) {
      return usage(`--fail-on takes breaking, feature or fix (optionally wire:<kind> or types:<kind>), not ${JSON.stringify(failOnText)}`);
    }
    if (values.explain !== undefined && (values.json || values.changeset)) return usage("--explain does not go with --json or --changeset");
    return runDiff(io, root, cwd, rest[0], values.spec, {
      json: values.json === true,
      changeset: values.changeset === true,
      failOn,
      explain: values.explain,
    });
  }
  if (values.watch) return runWatch(io, root, cwd, values.spec);

  const check = values.check === true;
  const results = await generate({ root, specs: values.spec, check, cwd, force: values.force === true });
  const { failed, stale } = printResults(results, check, printTarget(io), values.verbose === true);
  if (check && stale.length) {
    for (const file of stale) io.stderr.write(`stale: ${file}\n`);
    io.stderr.write(
      `${stale.length} generated file(s) differ from their specs. Run \`npm run generate\` (or \`npx modelfleet-codegen generate\`) and commit the result.\n`,
    );
    return 1;
  }
  if (check && !failed) io.stdout.write(`generated code is up to date (${results.length} spec(s))\n`);
  return failed ? 1 : 0;
}

/** `--root` (relative to the working directory), else the nearest directory at or above it that holds `specs/`. */
async function rootOf(io: CliIo, option: string | undefined): Promise<string | undefined> {
  if (option === undefined) return findRoot(io.cwd);
  // `--root ""` names no directory: the same answer as finding none.
  return option === "" ? undefined : resolve(io.cwd, option);
}

function printTarget(io: CliIo): PrintTarget {
  return { out: (text) => io.stdout.write(text), err: (text) => io.stderr.write(text) };
}

function printUsage(io: CliIo, message: string): number {
  io.stderr.write(`modelfleet-codegen: ${message}\n${USAGE}\n`);
  return 2;
}

/** `conform` and `sync`: the commands that compare our specs with the vendors' published documents. */
async function runUpkeep(
  io: CliIo,
  command: "conform" | "sync",
  rest: string[],
  values: ReturnType<typeof parse>["values"],
): Promise<number> {
  const usage = (message: string) => printUsage(io, message);
  const allowed = command === "conform" ? ["against", "all", "root"] : ["spec", "check", "root"];
  const extra = Object.keys(values).find((k) => values[k as keyof typeof values] !== undefined && !allowed.includes(k));
  if (extra) return usage(`--${extra} is not an option of ${command}`);
  const cwd = io.cwd;
  const root = await rootOf(io, values.root);
  if (!root) return usage("no specs/ directory here or above; pass --root");
  if (command === "sync") {
    if (rest.length) return usage(`unexpected argument ${JSON.stringify(rest[0])}`);
    const { runSync } = await import("./run-sync.js");
    return runSync(root, cwd, printTarget(io), { specs: values.spec, check: values.check === true });
  }
  const { runConform } = await import("./run-conform.js");
  if (values.all) {
    if (rest.length || values.against !== undefined) return usage("conform --all takes no spec and no --against");
    return runConform(root, cwd, printTarget(io), { all: true });
  }
  if (rest.length !== 1) return usage(`conform takes one spec, got ${rest.length}`);
  if (values.against === undefined) return usage("conform needs --against <vendor document> (or --all)");
  return runConform(root, cwd, printTarget(io), { spec: rest[0], against: values.against, all: false });
}

async function runDiff(
  io: CliIo,
  root: string,
  cwd: string,
  base: string | undefined,
  specs: string[] | undefined,
  options: { json: boolean; changeset: boolean; failOn: FailOn | undefined; explain: string | undefined },
): Promise<number> {
  const { json, changeset, failOn, explain } = options;
  const { diffSpecs, DiffUsageError } = await import("../diff/command.js");
  const { formatDiffJson, formatDiffReport } = await import("../diff/report.js");
  const { writeChangesets } = await import("../diff/changeset.js");
  const { explainPointer, failsOn } = await import("../diff/explain.js");
  let result: Awaited<ReturnType<typeof diffSpecs>>;
  try {
    result = await diffSpecs({ root, cwd, base, specs });
  } catch (error) {
    // No comparison possible (not a work tree, unknown revision, git failing): a usage problem, not a finding.
    if (error instanceof DiffUsageError || (error instanceof Error && error.name === "GitError")) {
      io.stderr.write(`modelfleet-codegen diff: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (explain !== undefined) {
    const text = explainPointer(result, explain);
    if (text === undefined) {
      io.stdout.write(`no change at ${explain}\n`);
      return result.errors.length ? 2 : 1;
    }
    io.stdout.write(text);
    return result.errors.length ? 2 : 0;
  }
  const outcomes = changeset && result.errors.length === 0 ? await writeChangesets(root, result.specs) : [];
  io.stdout.write(json ? formatDiffJson(result, outcomes) : formatDiffReport(result, outcomes));
  if (result.errors.length) return 2;
  if (failOn && failsOn(result, failOn)) return 1;
  return 0;
}

async function runImport(
  io: CliIo,
  root: string,
  file: string,
  id: string,
  baseUrl: string | undefined,
  verbose: boolean,
): Promise<number> {
  const { importDocument, formatImport, ImportUsageError } = await import("../import/import-document.js");
  try {
    const outcome = await importDocument({ root, cwd: io.cwd, file, id, baseUrl });
    const { out, err } = formatImport(outcome, verbose);
    io.stdout.write(out);
    io.stderr.write(err);
    return outcome.result.diagnostics.some((d) => d.severity === "error") ? 1 : 0;
  } catch (error) {
    if (error instanceof ImportUsageError) return printUsage(io, error.message);
    throw error;
  }
}

async function runWatch(io: CliIo, root: string, cwd: string, specs: string[] | undefined): Promise<number> {
  const { watchSpecs } = await import("../generate/watch.js");
  // Listening for the stop before anything is printed: whoever waits for the "watching" line (a script, a test) may
  // stop the watch the moment it appears. A stop during the first run ends the watch once that run is done.
  const stopped = io.untilStopped();
  const watcher = watchSpecs({
    root,
    cwd,
    specs,
    onResults: (results) => {
      printResults(results, false, printTarget(io));
      io.stdout.write("watching specs/ for changes (Ctrl-C to stop)\n");
    },
    onError: (error) => io.stderr.write(`modelfleet-codegen: internal error: ${error instanceof Error ? error.stack : String(error)}\n`),
  });
  try {
    await Promise.all([watcher.ready, stopped]);
  } finally {
    await watcher.close();
  }
  return 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: "string", multiple: true },
      check: { type: "boolean" },
      force: { type: "boolean" },
      watch: { type: "boolean" },
      json: { type: "boolean" },
      changeset: { type: "boolean" },
      "fail-on": { type: "string" },
      explain: { type: "string" },
      root: { type: "string" },
      name: { type: "string" },
      "base-url": { type: "string" },
      against: { type: "string" },
      all: { type: "boolean" },
      verbose: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}
