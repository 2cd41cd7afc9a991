// Stage 1, codegen: our generator (one process for every spec) against one plain openapi-typescript CLI run
// per spec; GitHub's REST description as a large real spec; and a re-run with nothing changed.
import { copyFile, mkdir, readdir, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { ratio, secs, table, verdict } from "../lib/format.mjs";
import { describeGithubSpec, githubSpecPath } from "../lib/github-spec.mjs";
import { freshWorkDir, packageDir, repoRoot, workRoot } from "../lib/paths.mjs";
import { timed, timedOk } from "../lib/proc.mjs";
import { interleave, median, summarize } from "../lib/stats.mjs";

export const id = "codegen";
export const title = "Codegen";

const TARGET_ALL_SPECS = 1; // ours (one process) faster than the plain runs together
const TARGET_LARGE = 1.15;
const TARGET_NO_CHANGE = 0.3;

export async function run(ctx) {
  const cli = join(repoRoot, "tools", "codegen", "dist", "cli.js");
  const plainCli = join(packageDir("openapi-typescript"), "bin", "cli.js");
  // The hash-skip work adds `--force` to bypass it; use it for cold runs when this build has it.
  const help = await timed("node", [cli, "--help"]);
  const force = /--force\b/.test(help.stdout + help.stderr);
  const tools = { cli, plainCli, forceArgs: force ? ["--force"] : [] };

  let small;
  let large;
  try {
    small = await fourSpecs(ctx, tools);
    large = ctx.skipLarge ? { skipped: true } : await githubSpec(ctx, tools);
  } finally {
    // The scratch roots hold two 13 MB spec copies and a generated GitHub client.
    await rm(join(workRoot, "codegen"), { recursive: true, force: true });
  }

  // Ratios are medians of per-round ratios: both sides of a pair ran in the same round, minutes apart at most.
  const allSpecsRatio = pairedMedian(small.ours.samples, small.plainTotal.samples);
  const noChangeRatio = pairedMedian(small.noChange.samples, small.ours.samples);
  const targets = [
    {
      name: `${small.specs.length} specs: ours in one process faster than one plain openapi-typescript run per spec, together`,
      value: ratio(allSpecsRatio),
      goal: `< ${TARGET_ALL_SPECS}×`,
      met: allSpecsRatio < TARGET_ALL_SPECS,
    },
    large.skipped
      ? { name: "GitHub REST description: ours vs plain openapi-typescript", value: "skipped (--skip-large)", goal: "≤ 1.15×", met: null }
      : {
          name: `GitHub REST description: ours vs plain openapi-typescript on the same file${large.comparedOn === "upgraded" ? " (a 3.1-upgraded copy: the published file is rejected)" : ""}`,
          value: ratio(large.ratio),
          goal: `≤ ${TARGET_LARGE}×`,
          met: Number.isFinite(large.ratio) ? large.ratio <= TARGET_LARGE : false,
        },
    {
      name: `no-change re-run vs cold run (${small.specs.length} specs)`,
      value: ratio(noChangeRatio),
      goal: `≤ ${TARGET_NO_CHANGE}×`,
      met: noChangeRatio <= TARGET_NO_CHANGE,
    },
  ];
  return { force, small, large, ratios: { allSpecsRatio, noChangeRatio, largeRatio: large.ratio ?? null }, targets };
}

function pairedMedian(a, b) {
  return median(a.map((x, i) => x / b[i]));
}

/** A scratch repository root: the given specs plus the runtime's package.json (the generator reads its version). */
async function scratchRoot(name, specFiles) {
  const root = await freshWorkDir(name);
  await mkdir(join(root, "specs"));
  await mkdir(join(root, "packages", "runtime"), { recursive: true });
  await copyFile(join(repoRoot, "packages", "runtime", "package.json"), join(root, "packages", "runtime", "package.json"));
  for (const file of specFiles) await copyFile(file, join(root, "specs", file.split(/[\\/]/).pop()));
  return root;
}

async function removeGenerated(root) {
  const names = await readdir(join(root, "packages")).catch(() => []);
  for (const name of names) {
    if (name !== "runtime") await rm(join(root, "packages", name, "src", "generated"), { recursive: true, force: true });
  }
}

async function fourSpecs(ctx, { cli, plainCli, forceArgs }) {
  const specDir = join(repoRoot, "specs");
  const specs = (await readdir(specDir)).filter((n) => /\.ya?ml$/.test(n)).map((n) => join(specDir, n));
  const root = await scratchRoot("codegen/four", specs);
  const plainOut = join(root, "plain");
  await mkdir(plainOut);
  const ours = () => timedOk("node", [cli, "generate", "--root", root, ...forceArgs], { cwd: root });
  const plainOne = (spec) => timedOk("node", [plainCli, spec, "-o", join(plainOut, `${spec.split(/[\\/]/).pop()}.ts`)], { cwd: root });

  // Warm-up: scaffolds the packages once (as in a real checkout) and warms the file cache.
  await ours();
  for (const spec of specs) await plainOne(spec);

  const samples = { ours: [], noChange: [], plainTotal: [], plainPerSpec: Object.fromEntries(specs.map((s) => [s, []])) };
  let noChangeOutput = "";
  const contenders = [
    async () => {
      await removeGenerated(root);
      samples.ours.push((await ours()).ms);
      const again = await timedOk("node", [cli, "generate", "--root", root], { cwd: root });
      samples.noChange.push(again.ms);
      noChangeOutput = again.stdout.trim();
    },
    async () => {
      let total = 0;
      for (const spec of specs) {
        const r = await plainOne(spec);
        samples.plainPerSpec[spec].push(r.ms);
        total += r.ms;
      }
      samples.plainTotal.push(total);
    },
  ];
  const rounds = ctx.quick ? 2 : 5;
  await interleave(rounds, contenders, async (fn, round) => {
    await fn();
    if (fn === contenders[1]) ctx.log(`  codegen round ${round + 1}/${rounds}`);
  });
  return {
    specs: specs.map((s) => s.slice(repoRoot.length + 1)),
    rounds,
    ours: summarize(samples.ours),
    noChange: summarize(samples.noChange),
    noChangeOutput,
    plainTotal: summarize(samples.plainTotal),
    plainPerSpec: Object.fromEntries(Object.entries(samples.plainPerSpec).map(([k, v]) => [k.slice(repoRoot.length + 1), summarize(v)])),
  };
}

/** Counts diagnostics by code from the generator's `file:line:col severity code: message` lines. */
function diagnosticSummary(stderr) {
  const byCode = {};
  for (const line of stderr.split("\n")) {
    const m = / (error|warning) ([\w/.-]+): (.*)$/.exec(line);
    if (!m) continue;
    const key = `${m[1]} ${m[2]}`;
    // Backticks dropped so a cut-off example cannot break the markdown around it.
    byCode[key] ??= { count: 0, example: m[3].replace(/`/g, "").slice(0, 140) };
    byCode[key].count++;
  }
  return byCode;
}

/**
 * GitHub's published description (OpenAPI 3.0.3, untouched) through `modelfleet-codegen import`, as a user would bring
 * in any vendor's document, against plain openapi-typescript on the same file. Each round imports from scratch:
 * copy, sidecar, parse, lint, model and emit, plus the scaffold.
 */
async function githubSpec(ctx, { cli, plainCli }) {
  const root = await scratchRoot("codegen/github", []);
  const source = await githubSpecPath();
  const info = await describeGithubSpec();
  const plainOut = join(root, "plain.ts");
  const importArgs = [cli, "import", source, "--name", "github", "--base-url", "https://api.github.com", "--root", root];
  const clean = async () => {
    for (const file of ["github.vendor.json", "github.modelfleet.yaml"]) await rm(join(root, "specs", file), { force: true });
    await rm(join(root, "packages", "github"), { recursive: true, force: true });
  };

  ctx.log("  our import of the published file");
  await clean();
  const first = await timed("node", [...importArgs, "--verbose"], { cwd: root });
  const asPublished = { ms: first.ms, exitCode: first.code, accepted: first.code === 0, diagnostics: diagnosticSummary(first.stderr) };

  const samples = { ours: [], plain: [] };
  let oursFailure = null;
  const contenders = [
    async () => {
      await clean();
      const r = await timed("node", importArgs, { cwd: root });
      if (r.code === 0) samples.ours.push(r.ms);
      else oursFailure = { exitCode: r.code, diagnostics: diagnosticSummary(r.stderr), tail: r.stderr.split("\n").slice(-5).join("\n") };
    },
    async () => samples.plain.push((await timedOk("node", [plainCli, source, "-o", plainOut], { cwd: root })).ms),
  ];
  const rounds = ctx.quick ? 1 : 3;
  await interleave(rounds, contenders, async (fn, round) => {
    await fn();
    if (fn === contenders[1]) ctx.log(`  GitHub spec round ${round + 1}/${rounds}`);
  });
  const size = async (file) => (await stat(file).catch(() => ({ size: Number.NaN }))).size;
  const generatedDir = join(root, "packages", "github", "src", "generated");
  const ours = samples.ours.length ? summarize(samples.ours) : null;
  return {
    spec: info,
    asPublished,
    comparedOn: "published",
    rounds,
    ours,
    oursFailure,
    plain: summarize(samples.plain),
    ratio: ours && samples.ours.length === samples.plain.length ? pairedMedian(samples.ours, samples.plain) : Number.NaN,
    outputBytes: {
      oursSchema: await size(join(generatedDir, "schema.ts")),
      oursClient: await size(join(generatedDir, "client.ts")),
      oursProvider: await size(join(generatedDir, "provider.ts")),
      plain: await size(plainOut),
    },
  };
}

export function render(r) {
  const lines = [];
  const s = r.small;
  const l = r.large;
  lines.push(
    ...table(
      ["comparison", "ours", "baseline", "ratio", "target", "result"],
      [
        [
          `${s.specs.length} specs: \`modelfleet-codegen generate\` (1 process) vs plain \`openapi-typescript\` (1 process per spec)`,
          secs(s.ours.median),
          secs(s.plainTotal.median),
          ratio(r.ratios.allSpecsRatio),
          "< 1×",
          verdict(r.targets[0].met),
        ],
        l.skipped
          ? ["GitHub REST description", "skipped", "skipped", "n/a", "≤ 1.15×", verdict(null)]
          : [
              `GitHub REST description (${(l.spec.bytes / 2 ** 20).toFixed(1)} MB, ${l.spec.operations} operations, OpenAPI ${l.spec.openapi} as published): \`modelfleet-codegen import\` vs plain \`openapi-typescript\``,
              l.ours ? secs(l.ours.median) : "failed",
              secs(l.plain.median),
              ratio(l.ratio),
              "≤ 1.15×",
              verdict(r.targets[1].met),
            ],
        [
          `no-change re-run vs cold run (${s.specs.length} specs)`,
          secs(s.noChange.median),
          secs(s.ours.median),
          ratio(r.ratios.noChangeRatio),
          "≤ 0.3×",
          verdict(r.targets[2].met),
        ],
      ],
    ),
    "",
  );
  lines.push(
    `Process wall time (spawn to exit), medians of ${s.rounds} interleaved rounds (${l.skipped ? "" : `${l.rounds} for the GitHub spec; `}ratios: median of the per-round ratios). "Cold" = every package's \`src/generated/\` deleted first` +
      (r.force
        ? " and `--force` passed."
        : "; this build of the generator has no `--force` flag (no hash-skip yet), so a plain re-run is the no-change run.") +
      ` The no-change run printed: ${s.noChangeOutput ? `\`${s.noChangeOutput.split("\n")[0]}\` …` : "nothing"}.`,
    "",
  );
  const rows = [
    [`ours, cold (${s.specs.length} specs)`, s.ours],
    ["ours, no-change re-run", s.noChange],
    [`plain openapi-typescript, ${s.specs.length} runs summed`, s.plainTotal],
    ...Object.entries(s.plainPerSpec).map(([spec, v]) => [`plain openapi-typescript, ${spec}`, v]),
  ];
  if (!l.skipped) {
    if (l.ours) rows.push(["ours, GitHub: import of the published file", l.ours]);
    rows.push(["plain openapi-typescript, GitHub published file", l.plain]);
  }
  lines.push(
    ...table(
      ["run", "median", "min – max", "n"],
      rows.map(([k, v]) => [k, secs(v.median), `${secs(v.min)} – ${secs(v.max)}`, v.n]),
    ),
    "",
  );

  if (!l.skipped) {
    const a = l.asPublished;
    const diag = Object.entries(a.diagnostics)
      .map(([code, d]) => `${d.count} × ${code} (e.g. "${d.example}")`)
      .join("; ");
    lines.push(
      "**Large spec.** GitHub's REST description, `generated/api.github.com.json` from `@octokit/openapi` " +
        `(OpenAPI ${l.spec.openapi}, ${l.spec.paths} paths), imported unchanged: \`import\` writes the identity and base URL to a sidecar and generates from one parse and one resolve of the document.`,
      "",
    );
    lines.push(
      a.accepted
        ? `- \`import\` accepted it unattended in ${secs(a.ms)}, with warnings only: ${diag || "none"}.`
        : `- \`import\` **rejected it** (exit ${a.exitCode}, ${secs(a.ms)}): ${diag || "no diagnostics parsed"}.`,
    );
    if (l.oursFailure)
      lines.push(
        `- Our generator failed on the compared copy too (exit ${l.oursFailure.exitCode}): ${JSON.stringify(l.oursFailure.diagnostics)}.`,
      );
    const o = l.outputBytes;
    lines.push(
      `- Output: ours ${(o.oursSchema / 2 ** 20).toFixed(1)} MB schema.ts + ${(o.oursClient / 2 ** 20).toFixed(1)} MB client.ts + ${(o.oursProvider / 2 ** 20).toFixed(2)} MB provider.ts; plain ${(o.plain / 2 ** 20).toFixed(1)} MB.`,
      "",
    );
  }
  return lines;
}
