// Stage 3, type-check cost for users: `tsc --noEmit --extendedDiagnostics` on consumer files in bench/typecheck/:
// ten calls through a generated client, the same ten through plain openapi-fetch on the same `paths` type, and the
// facade across all four providers. Each is checked alone, as a user's project with `skipLibCheck` would.
import { copyFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { int, mb, ratio, secs, table, verdict } from "../lib/format.mjs";
import { benchDir, freshWorkDir, packageDir, repoRoot } from "../lib/paths.mjs";
import { timedOk } from "../lib/proc.mjs";
import { interleave, median } from "../lib/stats.mjs";

export const id = "typecheck";
export const title = "Type-check cost";

const TARGET = 1.2;
const CONSUMERS = [
  { id: "baseline", file: "baseline.ts", label: "baseline: no client (lib + @types/node only)" },
  { id: "openapiFetch", file: "openapi-fetch.ts", label: "plain openapi-fetch `createClient<paths>()`, 10 calls" },
  { id: "generated", file: "generated-client.ts", label: "generated `@modelfleet/deepinfra` client, same 10 calls" },
  { id: "facade", file: "facade.ts", label: "facade `modelfleet` across all 4 providers" },
];

/** A typical strict consumer project: bundler resolution, skipLibCheck, Node types. */
const COMPILER_OPTIONS = {
  target: "ES2022",
  lib: ["ES2023", "DOM"],
  module: "ESNext",
  moduleResolution: "Bundler",
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  types: ["node"],
};

const METRICS = {
  files: /^Files:\s+(\d+)/m,
  types: /^Types:\s+(\d+)/m,
  instantiations: /^Instantiations:\s+(\d+)/m,
  memoryKB: /^Memory used:\s+(\d+)K/m,
  checkTime: /^Check time:\s+([\d.]+)s/m,
  totalTime: /^Total time:\s+([\d.]+)s/m,
};

export async function run(ctx) {
  const dir = await freshWorkDir("typecheck");
  // The plain consumer gets the same generated `paths` as a declaration file, as the client's own types are.
  const schema = await readFile(join(repoRoot, "packages", "deepinfra", "src", "generated", "schema.ts"), "utf8");
  await writeFile(join(dir, "deepinfra-schema.d.ts"), schema);
  for (const c of CONSUMERS) {
    await copyFile(join(benchDir, "typecheck", c.file), join(dir, c.file));
    await writeFile(join(dir, `tsconfig.${c.id}.json`), JSON.stringify({ compilerOptions: COMPILER_OPTIONS, files: [c.file] }, null, 2));
  }
  const tsc = join(packageDir("typescript"), "bin", "tsc");
  const samples = Object.fromEntries(CONSUMERS.map((c) => [c.id, []]));
  const rounds = ctx.quick ? 1 : 5;
  await interleave(rounds, CONSUMERS, async (c) => {
    const r = await timedOk("node", [tsc, "-p", `tsconfig.${c.id}.json`, "--extendedDiagnostics"], { cwd: dir });
    const m = {};
    for (const [key, re] of Object.entries(METRICS)) m[key] = Number(re.exec(r.stdout)?.[1] ?? Number.NaN);
    m.processMs = r.ms;
    samples[c.id].push(m);
  });
  const results = {};
  for (const c of CONSUMERS) {
    const s = samples[c.id];
    const med = (key) => median(s.map((m) => m[key]));
    results[c.id] = {
      label: c.label,
      file: `bench/typecheck/${c.file}`,
      files: med("files"),
      types: med("types"),
      instantiations: med("instantiations"),
      memoryKB: med("memoryKB"),
      checkTimeS: med("checkTime"),
      totalTimeS: med("totalTime"),
      processMs: med("processMs"),
      samples: s,
    };
  }
  const g = results.generated;
  const p = results.openapiFetch;
  const ratios = {
    checkTime: g.checkTimeS / p.checkTimeS,
    totalTime: g.totalTimeS / p.totalTimeS,
    instantiations: g.instantiations / p.instantiations,
    types: g.types / p.types,
    memory: g.memoryKB / p.memoryKB,
  };
  return {
    rounds,
    compilerOptions: COMPILER_OPTIONS,
    results,
    ratios,
    targets: [
      {
        name: "type-check: generated client vs plain openapi-fetch, 10 calls (check time)",
        value: ratio(ratios.checkTime),
        goal: `≤ ${TARGET}×`,
        met: ratios.checkTime <= TARGET,
      },
    ],
  };
}

export function render(r) {
  const lines = [];
  const x = r.ratios;
  lines.push(
    ...table(
      [
        "generated client / plain openapi-fetch",
        "check time",
        "total tsc time",
        "instantiations",
        "types",
        "memory",
        "target (check time)",
        "result",
      ],
      [
        [
          "10 calls, same spec types",
          ratio(x.checkTime),
          ratio(x.totalTime),
          ratio(x.instantiations),
          ratio(x.types),
          ratio(x.memory),
          `≤ ${TARGET}×`,
          verdict(r.targets[0].met),
        ],
      ],
    ),
    "",
  );
  lines.push(
    ...table(
      ["consumer", "check time", "total tsc time", "instantiations", "types", "memory", "files"],
      Object.values(r.results).map((c) => [
        c.label,
        secs(c.checkTimeS * 1000),
        secs(c.totalTimeS * 1000),
        int(c.instantiations),
        int(c.types),
        mb(c.memoryKB * 1024),
        int(c.files),
      ]),
    ),
    "",
    `\`tsc --noEmit --extendedDiagnostics\` (TypeScript's own counters), one consumer file per run with strict, \`moduleResolution: Bundler\`, ` +
      `\`skipLibCheck\` and \`types: ["node"]\`; times are medians of ${r.rounds} interleaved runs, instantiations and types do not vary. ` +
      "The generated client resolves to the built `dist/index.d.ts` of `@modelfleet/deepinfra` (and `@modelfleet/runtime`); the plain consumer " +
      "to openapi-fetch plus the same generated `schema.ts` copied in as a `.d.ts`. The baseline row is what any file costs.",
    "",
  );
  return lines;
}
