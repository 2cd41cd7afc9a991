// `npm run bench`: runs the benchmark stages and writes bench/results.md and bench/results.json.
//
//   npm run bench                         every stage (about 6-8 minutes on 2 cores)
//   npm run bench -- --skip-large         without the 13 MB GitHub spec runs (codegen stage)
//   npm run bench -- --only requests      one or more stages (comma-separated); the others keep their last results
//   npm run bench -- --quick              fewer rounds everywhere: a smoke run, not for publishing
//
// Run `npm run build` first: the stages use the built packages and the built generator.
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { environment, load } from "./lib/env.mjs";
import { benchDir, repoRoot } from "./lib/paths.mjs";
import { renderResults } from "./lib/render.mjs";
import * as build from "./stages/build.mjs";
import * as codegen from "./stages/codegen.mjs";
import * as cost from "./stages/cost.mjs";
import * as requests from "./stages/requests.mjs";
import * as size from "./stages/size.mjs";
import * as typecheck from "./stages/typecheck.mjs";

export const STAGES = [codegen, build, typecheck, requests, size, cost];

const USAGE = `usage: npm run bench -- [--only <stage>[,<stage>…]] [--skip-large] [--quick] [--note <text>]
stages: ${STAGES.map((s) => s.id).join(", ")}`;

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    "skip-large": { type: "boolean" },
    quick: { type: "boolean" },
    note: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const only = values.only?.split(",").map((s) => s.trim());
const unknown = only?.filter((id) => !STAGES.some((s) => s.id === id)) ?? [];
if (unknown.length) {
  console.error(`unknown stage(s): ${unknown.join(", ")}\n${USAGE}`);
  process.exit(2);
}
if (!existsSync(join(repoRoot, "tools", "codegen", "dist", "cli.js")) || !existsSync(join(repoRoot, "packages", "modelfleet", "dist"))) {
  console.error("bench: run `npm run build` first (the stages use the built packages)");
  process.exit(2);
}

const jsonFile = join(benchDir, "results.json");
const previous = only && existsSync(jsonFile) ? JSON.parse(await readFile(jsonFile, "utf8")) : { stages: {} };
const env = environment();
const ctx = {
  quick: values.quick === true,
  skipLarge: values["skip-large"] === true,
  log: (line) => console.log(line),
};
const started = Date.now();
const stages = { ...previous.stages };
for (const stage of STAGES) {
  if (only && !only.includes(stage.id)) continue;
  console.log(`bench: ${stage.id}`);
  const t0 = Date.now();
  const loadBefore = load();
  const result = await stage.run(ctx);
  stages[stage.id] = {
    date: new Date().toISOString(),
    elapsedSeconds: (Date.now() - t0) / 1000,
    mode: ctx.quick ? "quick" : "full",
    options: { skipLarge: ctx.skipLarge },
    loadBefore,
    loadAfter: load(),
    commit: env.commit,
    node: env.node,
    result,
  };
  for (const t of result.targets)
    console.log(`  ${t.met === true ? "MET   " : t.met === false ? "MISSED" : "n/a   "} ${t.name}: ${t.value} (${t.goal})`);
}
const output = {
  updated: new Date().toISOString(),
  totalSeconds: (Date.now() - started) / 1000,
  note: values.note ?? previous.note ?? null,
  env,
  stages,
};
await writeFile(jsonFile, `${JSON.stringify(output, null, 2)}\n`);
await writeFile(join(benchDir, "results.md"), renderResults(output, STAGES));
console.log(`bench: wrote bench/results.md and bench/results.json (${output.totalSeconds.toFixed(0)} s)`);
