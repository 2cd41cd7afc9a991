#!/usr/bin/env node
import { parseArgs } from "node:util";
import { formatDiagnostic } from "./diagnostics.js";
import { findRoot, generate } from "./generate.js";

const USAGE = `usage: modelfleet-codegen generate [--spec <file> ...] [--check] [--root <dir>]

  generate        generate packages/<name>/src/generated/ from specs/<name>.yaml (every spec by default)
  --spec <file>   only this spec (repeatable)
  --check         write nothing; exit 1 naming every stale file
  --root <dir>    repository root (default: the nearest directory above the working directory with specs/)`;

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    process.stderr.write(`modelfleet-codegen: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals[0] !== "generate" || positionals.length > 1) {
    process.stderr.write(
      `modelfleet-codegen: ${positionals[0] ? `unknown command ${JSON.stringify(positionals.join(" "))}` : "missing command"}\n${USAGE}\n`,
    );
    return 2;
  }
  const cwd = process.cwd();
  const root = values.root ?? (await findRoot(cwd));
  if (!root) {
    process.stderr.write("modelfleet-codegen: no specs/ directory here or above; pass --root\n");
    return 2;
  }
  const check = values.check === true;
  const results = await generate({ root, specs: values.spec, check, cwd });
  let failed = false;
  const stale: string[] = [];
  for (const result of results) {
    for (const d of result.diagnostics) process.stderr.write(`${formatDiagnostic(d)}\n`);
    const errors = result.diagnostics.filter((d) => d.severity === "error").length;
    if (errors) {
      failed = true;
      process.stderr.write(`${result.spec}: ${errors} error(s); ${result.packageDir ?? "its package"} left untouched\n`);
      continue;
    }
    const out = result.output;
    if (!out) continue;
    stale.push(...out.stale);
    if (!check) {
      for (const file of result.scaffolded) process.stdout.write(`scaffolded ${file}\n`);
      const changed = out.written.length + out.removed.length;
      process.stdout.write(
        `${result.spec} -> ${result.packageDir}: ${changed ? `${out.written.length} written, ${out.removed.length} removed` : "up to date"}\n`,
      );
    }
  }
  if (check && stale.length) {
    for (const file of stale) process.stderr.write(`stale: ${file}\n`);
    process.stderr.write(
      `${stale.length} generated file(s) differ from their specs. Run \`npm run generate\` (or \`npx modelfleet-codegen generate\`) and commit the result.\n`,
    );
    return 1;
  }
  if (check && !failed) process.stdout.write(`generated code is up to date (${results.length} spec(s))\n`);
  return failed ? 1 : 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      spec: { type: "string", multiple: true },
      check: { type: "boolean" },
      root: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `modelfleet-codegen: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
