// Stage 6, CLI start: how long `modelfleet --version`, `--help` and `ls` take to start, as a ratio to a bare
// `node -e 0` measured in the same rounds. The CLI imports a command (and the facade and providers it needs) only
// once the arguments are read, so `--version` and `--help` load no provider. `ls` runs with no provider key set:
// it loads everything a listing needs and stops before the first request, so what is timed is the start alone.
import { join } from "node:path";
import { ratio, table, verdict } from "../lib/format.mjs";
import { repoRoot } from "../lib/paths.mjs";
import { timed } from "../lib/proc.mjs";
import { interleave, summarize } from "../lib/stats.mjs";

export const id = "cli-start";
export const title = "CLI start";

const TARGET = 1.3;
const BIN = join(repoRoot, "packages", "cli", "bin", "modelfleet.js");
const CONTENDERS = [
  { id: "node", label: "bare `node -e 0`", args: ["-e", "0"], exit: 0 },
  // Not a target, a floor: what Node alone spends to load one (empty) ES module file.
  { id: "esm", label: "`node` loading an empty ES module", args: [join(repoRoot, "bench", "lib", "empty-module.mjs")], exit: 0 },
  { id: "version", label: "`modelfleet --version`", args: [BIN, "--version"], exit: 0 },
  { id: "help", label: "`modelfleet --help`", args: [BIN, "--help"], exit: 0 },
  { id: "ls", label: "`modelfleet ls` up to its first request (no key set: exit 2)", args: [BIN, "ls"], exit: 2 },
];

export async function run(ctx) {
  const samples = Object.fromEntries(CONTENDERS.map((c) => [c.id, []]));
  const rounds = ctx.quick ? 5 : 30;
  // No provider key and no colour: `ls` stops at "no provider is configured", before any request.
  const env = Object.fromEntries(
    Object.keys(process.env)
      .filter((k) => /(_API_KEY|_TOKEN)$/.test(k))
      .map((k) => [k, ""]),
  );
  await interleave(rounds, CONTENDERS, async (c) => {
    const r = await timed(process.execPath, c.args, { env });
    if (r.code !== c.exit) throw new Error(`node ${c.args.join(" ")} exited with ${r.code}, expected ${c.exit}:\n${r.stderr}`);
    samples[c.id].push(r.ms);
  });
  const results = Object.fromEntries(CONTENDERS.map((c) => [c.id, { label: c.label, ms: summarize(samples[c.id]) }]));
  const base = results.node.ms.median;
  const ratios = Object.fromEntries(CONTENDERS.map((c) => [c.id, results[c.id].ms.median / base]));
  return {
    rounds,
    results,
    ratios,
    targets: [
      { name: "CLI start: `--version` / bare node", value: ratio(ratios.version), goal: `≤ ${TARGET}×`, met: ratios.version <= TARGET },
      { name: "CLI start: `--help` / bare node", value: ratio(ratios.help), goal: `≤ ${TARGET}×`, met: ratios.help <= TARGET },
      { name: "CLI start: `ls` to its first request / bare node", value: ratio(ratios.ls), goal: "reported", met: undefined },
      { name: "CLI start: an empty ES module / bare node (the floor)", value: ratio(ratios.esm), goal: "reported", met: undefined },
    ],
  };
}

export function render(r) {
  return [
    ...table(
      ["command", "median", "min", "max", "ratio to bare node", "target", "result"],
      Object.entries(r.results).map(([key, c]) => [
        c.label,
        `${c.ms.median.toFixed(0)} ms`,
        `${c.ms.min.toFixed(0)} ms`,
        `${c.ms.max.toFixed(0)} ms`,
        ratio(r.ratios[key]),
        key === "version" || key === "help" ? `≤ ${TARGET}×` : "",
        key === "version" || key === "help" ? verdict(r.targets.find((t) => t.name.includes(`\`--${key}\``)).met) : "",
      ]),
    ),
    "",
    `${r.rounds} interleaved rounds, medians; each run is a fresh process (spawn to exit).`,
    "",
  ];
}
